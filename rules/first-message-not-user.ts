// Anthropic wants the conversation to open with the user.
import type { Item } from "../src/history/index.js";
import { defineRule, describe, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "first-message-not-user",
    description: "the first message of an Anthropic conversation is not the user's",
    // A warning: api.anthropic.com takes an assistant turn first, so lint and the mock agree that it is not refused.
    severity: { default: "off", anthropic: "warning" },
    fixable: false,
    docs: `The Messages API is documented to open \`messages\` with a \`user\` turn (a system prompt goes in the top-level
\`system\`, or in Claude Code's beta as \`system\` messages). A history that starts with the assistant — the tail
of a conversation cut by a compaction, or a Chat history whose system prompt was dropped — used to be refused with
400 "messages: first message must use the \"user\" role"; the first-party API has taken it since late 2024 (the
model reads the assistant turn as a prefill of the conversation), while Amazon Bedrock's Messages endpoint still
refuses it with that text. So it is a warning: the model never saw what the user asked. Put the user's opening
message first, or the summary of what came before as a user message.`,
    examples: {
      valid: [{ format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}' }],
      invalid: [{ format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[\n{"role":"assistant","content":"hello"},\n{"role":"user","content":"hi"}\n]}', lines: [2] }],
    },
  },
  create: (context) => new Opening(context),
});

/** One file's check: the hook is a method, one function for every file. */
class Opening implements RuleVisitor {
  private decided = false;

  constructor(private readonly context: RuleContext) {}

  item(item: Item): void {
    if (this.decided || (item.type === "message" && item.role === "system")) return;
    this.decided = true;
    const role = item.type === "message" ? item.role : item.type === "tool_output" ? "user" : "assistant";
    if (role !== "user") this.context.report({ at: item.source, ...describe(`the conversation opens with a ${role} turn`, undefined, "start it with the user's message") });
  }
}
