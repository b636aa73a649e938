// Tool ids Anthropic refuses: anything outside letters, digits, `_` and `-`.
import type { Item } from "../src/history/index.js";
import { defineRule, describe, partOf, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

const PATTERN = /^[a-zA-Z0-9_-]+$/;

export default defineRule({
  meta: {
    id: "tool-id-invalid-characters",
    description: "a tool call id with characters Anthropic does not accept",
    severity: { default: "off", anthropic: "error" },
    fixable: false,
    docs: "Anthropic's tool ids match `^[a-zA-Z0-9_-]+$`. OpenAI's ids pass, but ids a proxy or another provider made (`call.1`, `tool:ls`, ids with spaces) are refused: 400 \"messages.N.content.M.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'\". Rename the id in the `tool_use` block and its `tool_result` alike (an empty id is `empty-tool-call-id`'s finding).",
    examples: {
      valid: [{ format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":10,"tools":[{"name":"ls","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"ls"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_01","name":"ls","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"a"}]}]}' }],
      invalid: [
        {
          format: "anthropic",
          text: '{"model":"claude-sonnet-4-5","max_tokens":10,"tools":[{"name":"ls","input_schema":{"type":"object"}}],"messages":[\n{"role":"user","content":"ls"},\n{"role":"assistant","content":[{"type":"tool_use","id":"call.1","name":"ls","input":{}}]},\n{"role":"user","content":[{"type":"tool_result","tool_use_id":"call.1","content":"a"}]}\n]}',
          lines: [3],
        },
      ],
    },
  },
  create: (context) => new CallIdCharacters(context),
});

/** One file's check: the hook is a method, one function for every file. */
class CallIdCharacters implements RuleVisitor {
  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_call"];

  item(item: Item, position: ItemPosition): void {
    if (item.type !== "tool_call" || !item.callId || PATTERN.test(item.callId)) return;
    const error = this.context.profile.error("tool-id-pattern", { index: item.message ?? position.index, part: partOf(item.source.pointer) });
    this.context.report({ at: item.source, ...describe(`tool_use id ${JSON.stringify(item.callId)} has characters outside letters, digits, "_" and "-"`, error, "rename it in the tool_use and its tool_result") });
  }
}
