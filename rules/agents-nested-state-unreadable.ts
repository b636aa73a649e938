// A nested agent-tool run the SDK cannot load: its load error becomes the tool's output.
import { statesOf } from "../src/clients/index.js";
import { defineRule, nestedPausedState, onRunState, stateText } from "../src/rule-kit/index.js";

const cut = (s: Record<string, unknown>) => {
  const runs = s.pendingAgentToolRuns as Record<string, string>;
  const key = Object.keys(runs)[0] as string;
  runs[key] = (runs[key] as string).slice(0, 120);
};

export default defineRule({
  meta: {
    id: "agents-nested-state-unreadable",
    description: "a nested agent-tool run in `pendingAgentToolRuns` that the SDK cannot load",
    severity: "warning",
    fixable: false,
    formats: ["openai-agents-state"],
    docs: `The nested run of an agent used as a tool is stored as a JSON string. The outer file loads whatever the string holds;
only on resume does the SDK parse it, and when that fails (the string was cut, or its \`$schemaVersion\` is missing or
unknown) the error does not stop the run: the outer model receives "An error occurred while running the tool. Please try
again. Error: UserError: Failed to parse run state. …" as the tool's output and the run goes on as if the tool had answered.
The nested run, and the approval it waited for, are lost. Restore the nested state from an earlier copy of the file.`,
    examples: {
      valid: [{ format: "openai-agents-state", text: stateText(nestedPausedState()) }],
      invalid: [{ format: "openai-agents-state", text: stateText(nestedPausedState(), cut), lines: [1] }],
    },
  },
  create: onRunState(({ facts: outer, at }, context) => {
    for (const { facts, path } of statesOf(outer)) {
      for (const run of facts.nested) {
        const error = "error" in run.state ? run.state.error : !run.state.schema.ok ? run.state.schema.says : undefined;
        if (error === undefined) continue;
        const message = `the nested run ${JSON.stringify(run.key)} cannot be loaded ("${error}"); on resume the SDK sends that error to the model as the output of call ${JSON.stringify(run.callId)}, and the nested run and its approval are lost, without telling anyone: restore the nested state from an earlier copy of the file`;
        context.report({ at: at(path, run.pointer), message, consequence: "lost" });
      }
    }
  }),
});
