// A run state whose `$schemaVersion` the SDK's loader refuses: missing, not a string, or unknown to it.
import { defineRule, onRunState, pausedState, stateText } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "agents-schema-version",
    description: "an Agents SDK run state whose `$schemaVersion` the SDK will not load",
    severity: "error",
    fixable: false,
    formats: ["openai-agents-state"],
    docs: `\`RunState.fromString\` (JS \`@openai/agents\` 0.14.3) reads \`$schemaVersion\` before anything else and loads only the
strings "1.0" to "1.17". Without one it throws "Run state is missing schema version"; with another value (a number such as
1.17 included, or a version written by a newer SDK) it throws "Run state schema version 2.0 is not supported. Please use
version 1.17." The paused run cannot be resumed at all. Restore the version the SDK wrote (it writes its current one), or
resume with the SDK release that wrote the file.`,
    examples: {
      valid: [{ format: "openai-agents-state", text: stateText(pausedState()) }],
      invalid: [
        { format: "openai-agents-state", text: stateText(pausedState(), (s) => delete s.$schemaVersion), lines: [1] },
        { format: "openai-agents-state", text: stateText(pausedState(), (s) => (s.$schemaVersion = 1.17)), lines: [1] },
        { format: "openai-agents-state", text: stateText(pausedState(), (s) => (s.$schemaVersion = "2.0")), lines: [1] },
      ],
    },
  },
  create: onRunState(({ facts, at }, context) => {
    if (facts.schema.ok) return;
    const { problem, says } = facts.schema;
    context.report({ at: at([], "/$schemaVersion"), message: `${problem} (the SDK says "${says}"); it cannot resume the run: write the version the SDK wrote, a string such as "1.17"`, problem: `${problem}`, remedy: `write the version the SDK wrote, a string such as "1.17" (it says "${says}")` });
  }),
});
