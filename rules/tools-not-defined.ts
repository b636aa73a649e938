// Anthropic refuses tool blocks in a request that defines no tools.
import { FILE_START } from "../src/read/index.js";
import type { Item } from "../src/history/index.js";
import { defineRule, describe, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "tools-not-defined",
    description: "an Anthropic request with tool blocks in its messages but no `tools`",
    severity: { default: "off", anthropic: "error" },
    fixable: false,
    formats: ["anthropic"],
    docs: "A client that drops `tools` for a follow-up request (a summary call, a title call) while the history still holds `tool_use` and `tool_result` blocks is refused: 400 \"Requests which include `tool_use` or `tool_result` blocks must define tools.\". Send the tool definitions with every request whose history has tool blocks.",
    examples: {
      valid: [{ format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":10,"tools":[{"name":"ls","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"ls"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_01","name":"ls","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"a"}]}]}' }],
      invalid: [{ format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":"ls"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_01","name":"ls","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"a"}]}]}', lines: [1] }],
    },
  },
  create: (context) => new UndefinedTools(context),
});

/** One file's check: the hooks are methods, one function for every file. */
class UndefinedTools implements RuleVisitor {
  private toolBlocks = 0;

  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_call", "tool_output"];

  item(item: Item): void {
    if (item.type === "tool_call" || item.type === "tool_output") this.toolBlocks += 1;
  }

  end(): void {
    const { context, toolBlocks } = this;
    const request = context.request();
    if (toolBlocks === 0 || !request || (request.toolNames?.length ?? 0) > 0) return;
    const error = context.profile.error("tools-required", {});
    context.report({ at: FILE_START, ...describe(`the messages hold ${toolBlocks} tool_use or tool_result block(s) but the request defines no tools`, error, "send the tool definitions with it") });
  }
}
