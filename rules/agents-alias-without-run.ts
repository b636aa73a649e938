// An alias of a nested agent-tool run that points at no nested state, or at a call that is not pending.
import { defineRule, nestedPausedState, onRunState, rewriteState, stateText } from "../src/rule-kit/index.js";

const SAYS = "Run state pending agent tool aliases do not match the reconstructed pending function calls.";

export default defineRule({
  meta: {
    id: "agents-alias-without-run",
    description: "a `pendingAgentToolRunAliases` entry whose nested run or pending call is gone",
    severity: "error",
    fixable: "safe",
    formats: ["openai-agents-state"],
    docs: `When an agent used as a tool pauses, the SDK keeps the nested run under \`pendingAgentToolRuns["<tool key>:<call id>"]\`
and an alias \`"<tool name>:<call id>"\` for it. The loader checks every alias against the pending calls it rebuilds from
\`lastProcessedResponse.functions\` and against the nested runs, and refuses the whole file when one does not match:
"${SAYS}" An alias whose nested run is gone can only be removed (\`histlint fix\` does); when the pending call itself is
gone, the approval the nested run waits for is lost too, and a person must decide whether to start the run again.`,
    examples: {
      valid: [{ format: "openai-agents-state", text: stateText(nestedPausedState()) }],
      invalid: [
        {
          format: "openai-agents-state",
          text: stateText(nestedPausedState(), (s) => (s.pendingAgentToolRunAliases = { "ask_a:o1": '["bare","ask_a"]:o1', "old:o9": "gone" })),
          lines: [1],
          output: stateText(nestedPausedState()),
        },
        { format: "openai-agents-state", text: stateText(nestedPausedState(), (s) => (s.lastProcessedResponse = { functions: [] })), lines: [1] },
      ],
    },
  },
  create: onRunState(({ facts, at }, context) => {
    const pendingIds = new Set(facts.pending.map((call) => call.callId));
    const runs = new Set(facts.nested.map((run) => run.key));
    for (const alias of facts.aliases) {
      const callId = alias.alias.slice(alias.alias.lastIndexOf(":") + 1);
      const runGone = !runs.has(alias.target);
      if (!runGone && pendingIds.has(callId) && alias.target.endsWith(`:${callId}`)) continue;
      const problem = runGone ? `alias ${JSON.stringify(alias.alias)} points at nested run ${JSON.stringify(alias.target)}, which the state does not hold` : `alias ${JSON.stringify(alias.alias)} names call ${JSON.stringify(callId)}, which \`lastProcessedResponse.functions\` does not hold`;
      const remedy = runGone ? "remove the alias" : "restore the pending call, or start the run again";
      const fix = runGone ? rewriteState([], (state) => {
        const aliases = { ...(state.pendingAgentToolRunAliases as Record<string, unknown>) };
        delete aliases[alias.alias];
        return { ...state, pendingAgentToolRunAliases: aliases };
      }) : undefined;
      context.report({ at: at([], alias.pointer), message: `${problem} ("${SAYS}"): ${remedy}`, problem, remedy, ...(fix ? { fix } : {}) });
    }
  }),
});
