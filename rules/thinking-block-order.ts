// Anthropic's rules for thinking blocks: first in the final assistant message, never last, signed.
import type { Item } from "../src/history/index.js";
import { defineRule, describe, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

function blockType(item: Item): string {
  if (item.type === "message") return item.content[0]?.wireType ?? "text";
  if (item.type === "tool_call") return "tool_use";
  return item.type === "reasoning" ? item.wireType : item.type;
}

export default defineRule({
  meta: {
    id: "thinking-block-order",
    description: "Anthropic thinking blocks out of place: not first when thinking is on, last in a message, or unsigned",
    severity: { default: "off", anthropic: "error" },
    fixable: false,
    docs: "With `thinking` enabled, Anthropic wants the final assistant message to start with a thinking block: else 400 \"messages.N.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block …\". A message may not end in one: \"messages.N: The final block in an assistant message cannot be `thinking`.\". And a thinking block needs the `signature` it came with. These break when a client drops thinking blocks to save tokens or a stream is cut after the thinking. Keep the thinking blocks of the last turn as they came, or disable thinking for the request.",
    examples: {
      valid: [{ format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"sig"},{"type":"text","text":"hello"}]}]}' }],
      invalid: [
        { format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[\n{"role":"user","content":"hi"},\n{"role":"assistant","content":[{"type":"text","text":"hello"}]}\n]}', lines: [3] },
        { format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[\n{"role":"user","content":"hi"},\n{"role":"assistant","content":[{"type":"text","text":"hello"},{"type":"thinking","thinking":"hm"}]}\n]}', lines: [3, 3] },
      ],
    },
  },
  create: (context) => new ThinkingOrder(context),
});

/** One file's check: the hooks are methods, one function for every file. */
class ThinkingOrder implements RuleVisitor {
  private message: { index: number; items: Item[] } | undefined = undefined;
  private lastAssistant: { index: number; first: Item } | undefined = undefined;

  constructor(private readonly context: RuleContext) {}

  item(item: Item): void {
    if (item.message === undefined) return;
    if (item.message !== this.message?.index) {
      this.close();
      this.message = { index: item.message, items: [] };
      const assistant = item.type === "reasoning" || item.type === "tool_call" || (item.type === "message" && item.role === "assistant");
      if (assistant) this.lastAssistant = { index: item.message, first: item };
    }
    this.message.items.push(item);
    if (item.type === "reasoning" && item.wireType === "thinking" && !item.encrypted) {
      this.context.report({ at: item.source, ...describe("this thinking block has no signature", undefined, "keep the signature it came with, or drop the block") });
    }
  }

  end(): void {
    const { context, lastAssistant } = this;
    this.close();
    if (!context.request()?.thinkingEnabled || !lastAssistant || lastAssistant.first.type === "reasoning") return;
    const found = blockType(lastAssistant.first);
    const error = context.profile.error("thinking-not-first", { index: lastAssistant.index, value: found });
    context.report({ at: lastAssistant.first.source, ...describe(`thinking is enabled but the final assistant message starts with ${JSON.stringify(found)}`, error, "keep its thinking block first, or disable thinking") });
  }

  private close(): void {
    const message = this.message;
    const items = message?.items ?? [];
    const last = items[items.length - 1];
    if (message && last?.type === "reasoning") {
      const error = this.context.profile.error("thinking-last", { index: message.index });
      this.context.report({ at: last.source, ...describe(`assistant message ${message.index} ends with a thinking block`, error, "keep the block that followed it, or drop the thinking") });
    }
  }
}
