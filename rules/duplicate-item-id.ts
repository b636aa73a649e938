// Two Responses items with the same id.
import { stringifyJson } from "../src/read/index.js";
import { defineRule, describe, removeItem, type FixContext, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";
import type { Item } from "../src/history/index.js";

/** An item without where it stands, to compare two copies. */
function content(item: Item): string {
  const { source: _source, ...rest } = item;
  return stringifyJson(rest);
}

export default defineRule({
  meta: {
    id: "duplicate-item-id",
    description: "two Responses items with the same id",
    severity: { default: "error", "openai-chat": "off", anthropic: "off" },
    fixable: "safe",
    docs: "Item ids (`rs_…`, `fc_…`, `msg_…`) are unique within a request. A client that appends a turn twice after a retry, or a compaction that keeps an item it also re-inserts, makes the Responses API answer 400 \"Duplicate item found with id rs_X. Remove duplicate items from your input and try again.\". `histlint fix` removes the later copy when it is identical.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"message","id":"msg_1","role":"assistant","content":"a"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"message","id":"msg_1","role":"assistant","content":"a"}\n{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"message","id":"msg_2","role":"assistant","content":"b"}\n', lines: [3], output: "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]}\n{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"content\":\"a\"}\n{\"type\":\"message\",\"id\":\"msg_2\",\"role\":\"assistant\",\"content\":\"b\"}\n" }],
    },
  },
  create: (context) => new RepeatedItemIds(context),
});

/** One file's check: the hook is a method, one function for every file. */
class RepeatedItemIds implements RuleVisitor {
  constructor(private readonly context: RuleContext) {}

  item(item: Item): void {
    const context = this.context;
    if (!item.id) return;
    const seen = context.seen.itemIdLine(item.id);
    if (seen === undefined) return;
    const error = context.profile.error("duplicate-item-id", { itemId: item.id });
    const later = item;
    const same = (fixing: FixContext) => {
      const first = fixing.items().find((i) => i.id === later.id);
      return first !== undefined && content(first) === content(later);
    };
    const fix = { ...removeItem(later), safety: (fixing: FixContext) => (same(fixing) ? ("safe" as const) : ("unsafe" as const)) };
    context.report({ at: item.source, ...describe(`item id ${JSON.stringify(item.id)} was already used on line ${seen}`, error, "remove the duplicate item"), fix });
  }
}
