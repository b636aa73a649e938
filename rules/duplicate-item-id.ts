// Two Responses items with the same id.
import { defineRule, describe } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "duplicate-item-id",
    description: "two Responses items with the same id",
    severity: { default: "error", "openai-chat": "off", anthropic: "off" },
    fixable: false,
    docs: "Item ids (`rs_…`, `fc_…`, `msg_…`) are unique within a request. A client that appends a turn twice after a retry, or a compaction that keeps an item it also re-inserts, makes the Responses API answer 400 \"Duplicate item found with id rs_X. Remove duplicate items from your input and try again.\". `histlint fix` removes the later copy when it is identical.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"message","id":"msg_1","role":"assistant","content":"a"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"message","id":"msg_1","role":"assistant","content":"a"}\n{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"message","id":"msg_2","role":"assistant","content":"b"}\n', lines: [3] }],
    },
  },
  create(context) {
    return {
      item(item) {
        if (!item.id) return;
        const seen = context.seen.itemIdLine(item.id);
        if (seen === undefined) return;
        const error = context.profile.error("duplicate-item-id", { itemId: item.id });
        context.report({ at: item.source, message: describe(`item id ${JSON.stringify(item.id)} was already used on line ${seen}`, error, "remove the duplicate item") });
      },
    };
  },
});
