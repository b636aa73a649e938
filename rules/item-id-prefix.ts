// An item id whose prefix does not match its type: usually ids from another provider.
import { own, type Item } from "../src/history/index.js";
import { defineRule, describe, rewriteItem, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

/** The prefixes OpenAI gives the ids of each item type. */
const PREFIXES: Record<string, string> = { reasoning: "rs", function_call: "fc", custom_tool_call: "ctc", web_search_call: "ws", message: "msg" };

function wireTypeOf(item: { type: string; wireType?: string }): string {
  return item.type === "message" ? "message" : item.wireType ?? item.type;
}

export default defineRule({
  meta: {
    id: "item-id-prefix",
    description: "a Responses item id with the wrong prefix for its type",
    severity: { default: "error", "openai-chat": "off", anthropic: "off" },
    fixable: "safe",
    docs: "OpenAI checks that an item's id has its type's prefix (`rs_` for reasoning, `fc_` for function calls, `msg_` for messages). Ids written by another provider or a proxy (after a provider switch, Anthropic's `toolu_…`, a UUID) are refused: 400 \"Invalid 'input[N].id': 'X'. Expected an ID that begins with 'rs'.\". Ids are optional in a request: `histlint fix` removes the foreign ones.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"message","role":"assistant","content":"a"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"reasoning","id":"3f2a-uuid","summary":[]}\n{"type":"message","role":"assistant","content":"a"}\n', lines: [1], output: "{\"type\":\"reasoning\",\"summary\":[]}\n{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"a\"}\n" }],
    },
  },
  create: (context) => new ItemIdPrefixes(context),
});

/** One file's check: the hook is a method, one function for every file. */
class ItemIdPrefixes implements RuleVisitor {
  constructor(private readonly context: RuleContext) {}

  item(item: Item, position: ItemPosition): void {
    const type = wireTypeOf(item);
    const prefix = own(PREFIXES, type);
    if (!item.id || !prefix || item.id.startsWith(`${prefix}_`)) return;
    const error = this.context.profile.error("item-id-prefix", { index: position.index, itemId: item.id, expectedPrefix: prefix });
    // Ids are optional in a request: the item goes without one (in a Codex rollout, its payload does).
    const fix = rewriteItem(item, (value) => Object.fromEntries(Object.entries(value).filter(([key]) => key !== "id")));
    this.context.report({ at: item.source, ...describe(`${wireTypeOf(item)} id ${JSON.stringify(item.id)} does not begin with "${prefix}_"`, error, "remove the id or restore OpenAI's"), fix });
  }
}
