// A line that is JSON but not an object.
import { defineRule } from "../src/rule-kit/index.js";

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : `a ${typeof value}`;
}

export default defineRule({
  meta: {
    id: "non-object-record",
    description: "a line of a JSONL history that is JSON but not an object",
    severity: "error",
    fixable: "unsafe",
    docs: "Every record of a rollout or a session is an object; a bare number, string or array is not a record of any client, and the client skips it. It usually comes from a tool that appended its own output to the file. Remove the line (`histlint fix --unsafe`).",
    examples: {
      valid: [{ format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s","timestamp":"t","cwd":"/w","originator":"codex_exec","cli_version":"0.169.0"}}\n' }],
      invalid: [{ format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s","timestamp":"t","cwd":"/w","originator":"codex_exec","cli_version":"0.169.0"}}\n42\n', lines: [2], output: "{\"timestamp\":\"t\",\"ordinal\":0,\"type\":\"session_meta\",\"payload\":{\"id\":\"s\",\"timestamp\":\"t\",\"cwd\":\"/w\",\"originator\":\"codex_exec\",\"cli_version\":\"0.169.0\"}}\n" }],
    },
  },
  create: (context) => ({
    record(record) {
      const value = record.value;
      if (context.layout !== "lines" || (typeof value === "object" && value !== null && !Array.isArray(value))) return;
      const fix = { safety: "unsafe" as const, edits: () => [{ op: "remove" as const, record: record.index }] };
      context.report({ at: { ...record.span, record: record.index }, message: `record ${record.index} is ${kindOf(value)}, not a JSON object; a ${context.format} file holds one object a line: remove it`, fix });
    },
  }),
});
