// A web search call whose action the Responses API will not take back.
import type { Item } from "../src/history/index.js";
import { defineRule, describe, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

const REPLAYABLE = new Set(["search", "open_page", "find_in_page"]);

export default defineRule({
  meta: {
    id: "web-search-action-invalid",
    description: "a `web_search_call` whose action type cannot be sent back",
    severity: { default: "error", "openai-chat": "off", anthropic: "off" },
    fixable: false,
    docs: "The Responses API returns web search calls with action types it does not accept back: a history that holds an action of type `other` is refused with 400 \"Invalid value: 'other'. Supported values are: 'search', 'open_page', and 'find_in_page'.\". Remove the `web_search_call` item (the answer that used it stays), or drop its `action`.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"web_search_call","id":"ws_1","status":"completed","action":{"type":"search","query":"x"}}\n' }],
      invalid: [{ format: "responses", text: '{"type":"web_search_call","id":"ws_1","status":"completed","action":{"type":"other"}}\n', lines: [1] }],
    },
  },
  create: (context) => new WebSearchActions(context),
});

/** One file's check: the hook is a method, one function for every file. */
class WebSearchActions implements RuleVisitor {
  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_call"];

  item(item: Item, position: ItemPosition): void {
    if (item.type !== "tool_call" || item.kind !== "web_search" || item.actionType === undefined || REPLAYABLE.has(item.actionType)) return;
    const error = this.context.profile.error("web-search-action-invalid", { index: position.index, value: item.actionType });
    this.context.report({ at: item.source, ...describe(`web_search_call action ${JSON.stringify(item.actionType)} cannot be sent back`, error, "remove the item or its action") });
  }
}
