// A request body whose `messages` or `input` array is empty: there is no conversation to send.
import { own } from "../src/history/index.js";
import { defineRule, describe } from "../src/rule-kit/index.js";

const KEY: Record<string, string> = { responses: "input", chat: "messages", anthropic: "messages" };

export default defineRule({
  meta: {
    id: "empty-history",
    description: "a request body whose `messages` or `input` array is empty",
    severity: "error",
    fixable: false,
    formats: ["responses", "chat", "anthropic"],
    docs: `A request needs at least one message. A client that pruned the whole history to fit a token budget, or
a converter that found nothing it could translate, sends an empty array, and the APIs refuse it: Anthropic answers
400 "messages: at least one message is required", Chat Completions "Invalid 'messages': empty array. Expected an
array with minimum length 1, but got an empty array instead." (code empty_array). For the Responses API no public
text is known; the mock answers the same words for 'input'. Put the user's message back, or the summary of the
conversation as a user message.`,
    examples: {
      valid: [{ format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"hi"}]}' }],
      invalid: [
        { format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[]}', lines: [1] },
        { format: "chat", text: '{"model":"gpt-4.1",\n"messages":[]}', lines: [1] },
        { format: "responses", text: '{"model":"gpt-5.5","input":[]}', lines: [1] },
      ],
    },
  },
  create(context) {
    return {
      record(record) {
        const key = own(KEY, context.format);
        const value = record.value;
        if (context.layout !== "document" || !key || typeof value !== "object" || value === null || Array.isArray(value)) return;
        const array = (value as Record<string, unknown>)[key];
        if (!Array.isArray(array) || array.length > 0) return;
        const error = context.profile.error("empty-history", {});
        context.report({ at: { ...record.span, record: record.index, pointer: `/${key}` }, ...describe(`\`${key}\` is empty, so there is no conversation to send`, error, "put the user's message in it") });
      },
    };
  },
});
