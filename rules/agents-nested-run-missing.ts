// A paused agent-as-tool call whose nested run is gone: the nested run starts again and asks once more.
import { nestedInterruptions } from "../src/clients/index.js";
import { defineRule, nestedPausedState, onRunState, stateText } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "agents-nested-run-missing",
    description: "an approval of a nested agent-tool run that the state no longer holds",
    severity: "warning",
    fixable: false,
    formats: ["openai-agents-state"],
    docs: `When an agent used as a tool (\`agent.asTool()\`) pauses for an approval, the outer state shows that approval in its
\`currentStep\` and keeps the whole nested run, as a JSON string, in \`pendingAgentToolRuns["<tool key>:<outer call id>"]\`.
Without that entry the file still loads, but on resume the outer call runs the nested agent from the start: the nested model
is asked again and the run pauses for the same approval once more; the decision already taken is lost (the bug the Python SDK
had after a restart, openai-agents-python PR #2491). Restore the entry from an earlier copy of the file; nothing in the
state can rebuild it.`,
    examples: {
      valid: [{ format: "openai-agents-state", text: stateText(nestedPausedState()) }],
      invalid: [{ format: "openai-agents-state", text: stateText(nestedPausedState(), (s) => ((s.pendingAgentToolRuns = {}), (s.pendingAgentToolRunAliases = {}))), lines: [1] }],
    },
  },
  create: onRunState(({ facts, at }, context) => {
    const held = nestedInterruptions(facts);
    const pending = new Set(facts.pending.map((call) => call.callId));
    const withRun = new Set(facts.nested.map((run) => run.callId));
    const waiting = facts.pending.filter((call) => !facts.outputs.has(call.callId) && !withRun.has(call.callId) && !facts.approvalItems.has(call.callId));
    // Every waiting call has its nested run (readable or not, agents-nested-state-unreadable says which).
    if (waiting.length === 0) return;
    for (const interruption of facts.interruptions) {
      const { callId } = interruption;
      if (held.has(callId) || pending.has(callId) || facts.calls.has(callId) || facts.approvalItems.has(callId)) continue;
      const tool = waiting[0];
      const of = tool ? ` of ${JSON.stringify(tool.name)} (${tool.callId})` : "";
      const message = `the run waits for approval of call ${JSON.stringify(callId)} (${JSON.stringify(interruption.name)}) in a nested run${of}, but \`pendingAgentToolRuns\` does not hold that run; on resume the SDK starts the nested run again and it pauses for the same approval once more, without telling anyone: restore the nested run from an earlier copy of the file`;
      context.report({ at: at([], interruption.pointer), message, consequence: "lost" });
    }
  }),
});
