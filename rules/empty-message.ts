// A message with no content, or only empty text.
import { blockIndex, requestIndex } from "../src/profiles/index.js";
import type { Item } from "../src/history/index.js";
import { defineRule, describe, removeItem, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "empty-message",
    description: "a message with no content, or text parts that are empty or only white space",
    severity: { default: "warning", anthropic: "error" },
    fixable: "safe",
    docs: "A turn cancelled before the model wrote anything leaves an empty assistant message; a converter that lost the content leaves an empty user one. Anthropic refuses both with 400 \"messages: text content blocks must be non-empty\" or \"messages: text content blocks must contain non-whitespace text\"; OpenAI accepts them, and the model sees a turn with nothing in it. `histlint fix` removes the empty message.",
    examples: {
      valid: [{ format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"hi"}]}' }],
      invalid: [
        { format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[\n{"role":"user","content":"hi"},\n{"role":"assistant","content":[{"type":"text","text":""}]},\n{"role":"user","content":"   "}\n]}', lines: [3, 4], output: "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[\n{\"role\":\"user\",\"content\":\"hi\"}\n]}" },
      ],
    },
  },
  create: (context) => new EmptyMessages(context),
});

/** One file's check: the hook is a method, one function for every file. */
class EmptyMessages implements RuleVisitor {
  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["message"];

  item(item: Item, position: ItemPosition): void {
    const context = this.context;
    if (item.type !== "message") return;
    if (item.content.some((part) => part.kind !== "text" && part.kind !== "refusal")) return;
    const texts = item.content.map((part) => part.text ?? "");
    if (texts.some((text) => text.trim() !== "")) return;
    const whitespace = texts.some((text) => text !== "");
    const error = context.profile.error(whitespace ? "whitespace-text" : "empty-text", { index: requestIndex(item, position), part: blockIndex(item.source.pointer) });
    const what = item.content.length === 0 ? "has no content" : whitespace ? "holds only white space" : "holds only empty text";
    context.report({ at: item.source, ...describe(`this ${item.role} message ${what}`, error, "remove it or give it its text"), fix: removeItem(item) });
  }
}
