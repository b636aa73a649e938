// A call or an output with no id: nothing can pair it.
import { callName, defineRule, describe, needsOutput, partOf } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "empty-tool-call-id",
    description: "a tool call or output whose id is missing or empty",
    severity: "error",
    fixable: false,
    docs: "Calls and outputs pair by id; an empty one pairs with nothing. Anthropic refuses it outright (400 \"messages.N.content.M.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'\"), OpenAI answers that the call has no output. It comes from converters that drop ids between formats. Restore the id from the client's logs, or remove the call with its output.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"function_call_output","call_id":"call_1","output":"a"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"function_call","call_id":"","name":"ls","arguments":"{}"}\n{"type":"function_call_output","output":"a"}\n', lines: [1, 2] }],
    },
  },
  create(context) {
    return {
      item(item, position) {
        const pairs = (item.type === "tool_call" && needsOutput(item)) || item.type === "tool_output";
        if (!pairs || (item.callId !== undefined && item.callId !== "")) return;
        const error = context.profile.error("tool-id-pattern", { index: item.message ?? position.index, part: partOf(item.source.pointer) });
        context.report({ at: item.source, ...describe(`${callName(item)} has no id, so nothing can pair it`, error, "restore the id, or remove the call and its output") });
      },
    };
  },
});
