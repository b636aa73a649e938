// An approval decision for a call id that no interruption waits on: the run pauses again, for ever.
import { type JsonObject } from "../src/formats/json-shape.js";
import { statesOf } from "../src/clients/index.js";
import { defineRule, onRunState, pausedState, stateText } from "../src/rule-kit/index.js";

const decided = (callId: string) => (s: JsonObject) => ((s.context as JsonObject).functionApprovals = [{ agentIdentity: "A", approvals: { '["bare","rm"]': { approved: [callId], rejected: [] } } }]);

export default defineRule({
  meta: {
    id: "agents-decision-never-applies",
    description: "an approval decision in a paused run's `context` for a call that is not waiting",
    severity: "warning",
    fixable: false,
    formats: ["openai-agents-state"],
    docs: `\`state.approve(item)\` records the decision in \`context.functionApprovals\` (schema 1.16 on; \`context.approvals\` before)
by call id, and a service that stores the decided state resumes it without deciding again. A decision for a call id that no
interruption waits on never applies: the call that does wait stays undecided, so the resume pauses again without asking the
model, every time. Record the decision for the call the interruption shows.`,
    examples: {
      valid: [{ format: "openai-agents-state", text: stateText(pausedState(), decided("c1")) }],
      invalid: [{ format: "openai-agents-state", text: stateText(pausedState(), decided("c7")), lines: [1] }],
    },
  },
  create: onRunState(({ facts: outer, at }, context) => {
    // The outer file holds the decisions for its nested runs' approvals too.
    const states = [...statesOf(outer)];
    const waiting = new Set(states.flatMap(({ facts }) => [...facts.interruptions, ...facts.pending].map((call) => call.callId)));
    // Decisions stay in the context after their call ran: only an id the run has never seen is a stray one.
    const known = new Set(states.flatMap(({ facts }) => [...facts.calls.keys(), ...facts.outputs.keys()]));
    if (waiting.size === 0) return;
    for (const { facts, path } of states) {
      for (const decision of facts.decisions) {
        if (decision.always || waiting.has(decision.callId) || known.has(decision.callId)) continue;
        const undecided = facts.interruptions.map((call) => call.callId).filter((id) => !facts.decisions.some((d) => d.callId === id));
        const remedy = undecided.length > 0 ? `record it for ${undecided.map((id) => JSON.stringify(id)).join(", ")}` : "remove it";
        const message = `the ${decision.approved ? "approval" : "rejection"} of call ${JSON.stringify(decision.callId)} applies to no call that waits; on resume the run pauses again, without telling anyone: ${remedy}`;
        context.report({ at: at(path, decision.pointer), message, consequence: "lost" });
      }
    }
  }),
});
