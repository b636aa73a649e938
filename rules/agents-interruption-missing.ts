// An approval item of a paused run that `currentStep.data.interruptions` does not show: no one can answer it.
import { isObject, type JsonObject } from "../src/formats/json-shape.js";
import { nestedInterruptions, statesOf } from "../src/clients/index.js";
import { defineRule, onRunState, pausedState, rewriteState, stateText, whoseRun } from "../src/rule-kit/index.js";

const withoutInterruptions = (s: JsonObject) => (s.currentStep = { type: "next_step_interruption", data: { interruptions: [] } });

/** The interruptions the file shows, then the approval items it does not show, in run order. */
function rebuildInterruptions(state: JsonObject, missing: readonly string[]): JsonObject {
  const step = isObject(state.currentStep) ? state.currentStep : { type: "next_step_interruption" };
  const data = isObject(step.data) ? step.data : {};
  const shown = Array.isArray(data.interruptions) ? data.interruptions : [];
  const items = (state.generatedItems as unknown[]) ?? [];
  const added = items.filter((item) => isObject(item) && item.type === "tool_approval_item" && isObject(item.rawItem) && missing.includes(String(item.rawItem.callId)));
  return { ...state, currentStep: { ...step, data: { ...data, interruptions: [...shown, ...structuredClone(added)] } } };
}

export default defineRule({
  meta: {
    id: "agents-interruption-missing",
    description: "an approval item of a paused Agents SDK run that its interruptions do not show",
    severity: "warning",
    fixable: "safe",
    formats: ["openai-agents-state"],
    docs: `\`state.getInterruptions()\` reads \`currentStep.data.interruptions\`, and that list is what an application shows a person
and approves or rejects. An approval item of \`generatedItems\` whose call still waits (it has no output) but that the list
does not show cannot be answered: the file loads, and the resume finds the call still unapproved and pauses again, for ever.
\`histlint fix\` rebuilds the missing interruptions from the approval items, which are the same objects the SDK wrote there.`,
    examples: {
      valid: [{ format: "openai-agents-state", text: stateText(pausedState()) }],
      invalid: [{ format: "openai-agents-state", text: stateText(pausedState(), withoutInterruptions), lines: [1], output: stateText(pausedState()) }],
    },
  },
  create: onRunState(({ facts: outer, at }, context) => {
    for (const { facts, path } of statesOf(outer)) {
      if (!facts.paused) continue;
      const shown = new Set([...facts.interruptions.map((call) => call.callId), ...nestedInterruptions(facts)]);
      const missing = [...facts.approvalItems.entries()].filter(([callId]) => !shown.has(callId) && !facts.outputs.has(callId));
      if (missing.length === 0) continue;
      const ids = missing.map(([callId]) => callId);
      const message = `${whoseRun(facts, path, outer)} waits for approval of ${ids.map((id) => JSON.stringify(id)).join(", ")}, which \`currentStep.data.interruptions\` does not show; on resume no one can approve ${ids.length === 1 ? "it" : "them"} and the run pauses again, without telling anyone: rebuild the interruptions from the approval items`;
      context.report({ at: at(path, (missing[0] as [string, { pointer: string }])[1].pointer), message, consequence: "lost", fix: rewriteState(path, (state) => rebuildInterruptions(state, ids)) });
    }
  }),
});
