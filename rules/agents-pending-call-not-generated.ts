// A call the resume will run whose `function_call` is not among the run's items: its output goes out alone.
import { isObject, type JsonObject } from "../src/formats/json-shape.js";
import { statesOf } from "../src/clients/index.js";
import { defineRule, inNested, nestedPausedState, onRunState, pausedState, rewriteState, stateText, whoseRun } from "../src/rule-kit/index.js";

const withoutCall = (s: JsonObject) => (s.generatedItems = (s.generatedItems as { type: string }[]).filter((item) => item.type !== "tool_call_item" || JSON.stringify(item).includes('"ask_a"')));

/** The run item of the pending call, put back before its approval item (where the SDK wrote it). */
function restoreCall(state: JsonObject, callId: string): JsonObject {
  const functions = (isObject(state.lastProcessedResponse) && Array.isArray(state.lastProcessedResponse.functions) ? state.lastProcessedResponse.functions : []) as JsonObject[];
  const toolCall = functions.find((fn) => isObject(fn.toolCall) && fn.toolCall.callId === callId)?.toolCall;
  const items = [...((state.generatedItems as unknown[]) ?? [])];
  const approvalAt = items.findIndex((item) => isObject(item) && item.type === "tool_approval_item" && isObject(item.rawItem) && item.rawItem.callId === callId);
  const item = { type: "tool_call_item", rawItem: toolCall, agent: state.currentAgent };
  items.splice(approvalAt < 0 ? items.length : approvalAt, 0, item);
  return { ...state, generatedItems: items };
}

export default defineRule({
  meta: {
    id: "agents-pending-call-not-generated",
    description: "a call of `lastProcessedResponse.functions` that the run's `generatedItems` do not hold",
    severity: "error",
    fixable: "safe",
    formats: ["openai-agents-state"],
    docs: `On resume the SDK runs the calls of \`lastProcessedResponse.functions\` (once approved), appends their outputs to
\`generatedItems\` and sends \`originalInput\` plus those items. When the \`tool_call_item\` of such a call is missing, the tool
runs and its output goes out without its call: the Responses API answers 400
"No tool call found for function call output with call_id call_X." In an agent used as a tool the nested run fails the same way, and the SDK hands that error text to the
outer model as the tool's output: the outer run finishes as if the tool had answered. \`histlint fix\` puts the call back,
before its approval item, from \`lastProcessedResponse\`, which holds it exactly.`,
    examples: {
      valid: [{ format: "openai-agents-state", text: stateText(pausedState()) }],
      invalid: [
        { format: "openai-agents-state", text: stateText(pausedState(), withoutCall), lines: [1], output: stateText(pausedState()) },
        { format: "openai-agents-state", text: stateText(nestedPausedState(), inNested(withoutCall)), lines: [1], output: stateText(nestedPausedState()) },
      ],
    },
  },
  create: onRunState(({ facts: outer, at }, context) => {
    for (const { facts, path } of statesOf(outer)) {
      for (const call of facts.pending) {
        if (facts.calls.has(call.callId) || facts.outputs.has(call.callId)) continue;
        const problem = `call ${JSON.stringify(call.callId)} (${JSON.stringify(call.name)}) of ${whoseRun(facts, path, outer)} runs on resume, but its function_call is not in \`generatedItems\``;
        const remedy = "put the call back before its approval item";
        const fix = rewriteState(path, (state) => restoreCall(state, call.callId));
        if (path.length === 0) {
          const error = context.profile.error("output-without-call", { callId: call.callId });
          const answer = error ? `; the API answers ${error.status} "${error.message}"` : "";
          // The refusal is of what the SDK adds on resume (the tool's output), not of the file as written:
          // no provider error rides on the finding, so a raw replay of the file is not expected to be refused.
          context.report({ at: at(path, call.pointer), message: `${problem}${answer}: ${remedy}`, problem, remedy, fix, consequence: "refused" });
        } else {
          const message = `${problem}; on resume the nested run's request is refused ("No tool call found for function call output with call_id ${call.callId}.") and the SDK hands that error to the outer model as the tool's output, without telling anyone: ${remedy}`;
          context.report({ at: at(path, call.pointer), message, consequence: "lost", fix });
        }
      }
    }
  }),
});
