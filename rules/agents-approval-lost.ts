// An approval the run waits for that the resume cannot give: its call is not pending, or its approval item is gone.
import { isObject, type JsonObject } from "../src/formats/json-shape.js";
import { nestedInterruptions, statesOf } from "../src/clients/index.js";
import { defineRule, inNested, nestedPausedState, onRunState, pausedState, rewriteState, stateText, whoseRun } from "../src/rule-kit/index.js";

const withoutApprovalItem = (s: JsonObject) => (s.generatedItems = (s.generatedItems as { type: string }[]).filter((item) => item.type !== "tool_approval_item"));

/** The approval item put back after its call, copied from the interruption that shows it. */
function restoreApprovalItem(state: JsonObject, callId: string): JsonObject {
  const step = isObject(state.currentStep) && isObject(state.currentStep.data) && Array.isArray(state.currentStep.data.interruptions) ? state.currentStep.data.interruptions : [];
  const approval = step.find((item) => isObject(item) && isObject(item.rawItem) && item.rawItem.callId === callId);
  const items = [...((state.generatedItems as unknown[]) ?? [])];
  const callAt = items.findIndex((item) => isObject(item) && item.type === "tool_call_item" && isObject(item.rawItem) && item.rawItem.callId === callId);
  items.splice(callAt + 1, 0, structuredClone(approval));
  return { ...state, generatedItems: items };
}

export default defineRule({
  meta: {
    id: "agents-approval-lost",
    description: "an interruption of a paused Agents SDK run whose call is not pending or whose approval item is gone",
    severity: "warning",
    fixable: "safe",
    formats: ["openai-agents-state"],
    docs: `A paused run shows each approval it waits for in \`currentStep.data.interruptions\`; on resume the SDK runs the
approved calls of \`lastProcessedResponse.functions\` and matches them with the \`tool_approval_item\`s of \`generatedItems\`.
When the call is missing from \`lastProcessedResponse.functions\`, or its approval item from \`generatedItems\`, the file still
loads, but the decision has nothing to apply to: the SDK asks the model again, the model calls the tool again, and the run
pauses for a new approval. The person's answer is lost without a word. An approval item that is gone is copied back from the
interruption by \`histlint fix\`; a call gone from \`lastProcessedResponse\` needs the tool's definition, so a person must restore
it or accept that the run asks again.`,
    examples: {
      valid: [{ format: "openai-agents-state", text: stateText(pausedState()) }, { format: "openai-agents-state", text: stateText(nestedPausedState()) }],
      invalid: [
        { format: "openai-agents-state", text: stateText(pausedState(), withoutApprovalItem), lines: [1], output: stateText(pausedState()) },
        { format: "openai-agents-state", text: stateText(pausedState(), (s) => (s.lastProcessedResponse = { functions: [] })), lines: [1] },
        { format: "openai-agents-state", text: stateText(nestedPausedState(), inNested(withoutApprovalItem)), lines: [1], output: stateText(nestedPausedState()) },
      ],
    },
  },
  create: onRunState(({ facts: outer, at }, context) => {
    for (const { facts, path } of statesOf(outer)) {
      const held = nestedInterruptions(facts);
      const pending = new Set(facts.pending.map((call) => call.callId));
      for (const interruption of facts.interruptions) {
        const { callId } = interruption;
        if (held.has(callId) || facts.outputs.has(callId)) continue;
        const own = facts.calls.has(callId) || pending.has(callId) || facts.approvalItems.has(callId);
        if (!own) continue; // a nested run's approval with no nested run: agents-nested-run-missing
        const missing = !pending.has(callId) ? "`lastProcessedResponse.functions` does not hold its call" : !facts.approvalItems.has(callId) ? "`generatedItems` has no approval item for it" : undefined;
        if (!missing) continue;
        const canRestore = pending.has(callId) && facts.calls.has(callId);
        const remedy = canRestore ? "copy the approval item back from the interruption" : "restore the call in `lastProcessedResponse.functions`, or accept that the run asks again";
        const message = `${whoseRun(facts, path, outer)} waits for approval of call ${JSON.stringify(callId)} (${JSON.stringify(interruption.name)}), but ${missing}; on resume the SDK asks the model again and pauses for a new approval, without telling anyone: ${remedy}`;
        context.report({ at: at(path, interruption.pointer), message, consequence: "lost", ...(canRestore ? { fix: rewriteState(path, (state) => restoreApprovalItem(state, callId)) } : {}) });
      }
    }
  }),
});
