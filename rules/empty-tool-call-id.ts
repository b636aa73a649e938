// A call or an output with no id: nothing can pair it.
import { blockIndex, requestIndex } from "../src/profiles/index.js";
import type { Item } from "../src/history/index.js";
import { callName, defineRule, describe, needsOutput, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "empty-tool-call-id",
    description: "a tool call or output whose id is missing or empty",
    severity: "error",
    fixable: false,
    docs: `Calls and outputs pair by id; an empty one pairs with nothing, and every API refuses it outright. The
Responses API answers 400 "Invalid 'input[N].call_id': empty string. Expected a string with minimum length 1, but
got an empty string instead." (code empty_string; an absent one "Missing required parameter: 'input[N].call_id'."), Chat Completions the same words for
'messages[N].tool_calls[M].id' or 'messages[N].tool_call_id', Anthropic
"messages.N.content.M.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'". It comes from converters that
drop ids between formats. Restore the id from the client's logs, or remove the call with its output.`,
    examples: {
      valid: [{ format: "responses", text: '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"function_call_output","call_id":"call_1","output":"a"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"function_call","call_id":"","name":"ls","arguments":"{}"}\n{"type":"function_call_output","output":"a"}\n', lines: [1, 2] }],
    },
  },
  create: (context) => new EmptyCallIds(context),
});

/** One file's check: the hook is a method, one function for every file. */
class EmptyCallIds implements RuleVisitor {
  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_call", "tool_output"];

  item(item: Item, position: ItemPosition): void {
    const pairs = (item.type === "tool_call" && needsOutput(item)) || item.type === "tool_output";
    if (!pairs || (item.callId !== undefined && item.callId !== "")) return;
    const error = this.context.profile.error("empty-call-id", {
      index: requestIndex(item, position),
      part: blockIndex(item.source.pointer),
      side: item.type === "tool_call" ? "call" : "output",
      missing: item.callId === undefined,
    });
    this.context.report({ at: item.source, ...describe(`${callName(item)} has no id, so nothing can pair it`, error, "restore the id, or remove the call and its output") });
  }
}
