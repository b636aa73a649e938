// Codex ordinals that skip, repeat or go backwards.
import { defineRule } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "ordinal-sequence",
    description: "Codex `ordinal` numbers missing, repeated or out of order",
    severity: "warning",
    fixable: "safe",
    formats: ["codex"],
    docs: "Newer Codex versions number rollout records from 0, one a line, and continue from the last readable line on resume. A gap means a line was lost (deleted, or unreadable and skipped), a repeat or a step back means lines were pasted from another session. Codex still resumes, but the numbering no longer says what happened in which order, and tools that rely on it misread the file. `histlint fix` renumbers.",
    examples: {
      valid: [{ format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s","timestamp":"t","cwd":"/w","originator":"codex_exec","cli_version":"0.169.0"}}\n{"timestamp":"t","ordinal":1,"type":"event_msg","payload":{"type":"task_started"}}\n' }],
      invalid: [
        {
          format: "codex",
          text: '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s","timestamp":"t","cwd":"/w","originator":"codex_exec","cli_version":"0.169.0"}}\n{"timestamp":"t","ordinal":2,"type":"event_msg","payload":{}}\n{"timestamp":"t","ordinal":2,"type":"event_msg","payload":{}}\n',
          lines: [2, 3], output: "{\"timestamp\":\"t\",\"ordinal\":0,\"type\":\"session_meta\",\"payload\":{\"id\":\"s\",\"timestamp\":\"t\",\"cwd\":\"/w\",\"originator\":\"codex_exec\",\"cli_version\":\"0.169.0\"}}\n{\"timestamp\":\"t\",\"ordinal\":1,\"type\":\"event_msg\",\"payload\":{}}\n{\"timestamp\":\"t\",\"ordinal\":2,\"type\":\"event_msg\",\"payload\":{}}\n",
        },
        { format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s","timestamp":"t","cwd":"/w","originator":"codex_exec","cli_version":"0.169.0"}}\n{"timestamp":"t","ordinal":-1,"type":"event_msg","payload":{}}\n', lines: [2] },
      ],
    },
  },
  create(context) {
    let previous: number | undefined;
    return {
      record(record) {
        const ordinal = (record.value as { ordinal?: unknown } | null)?.ordinal;
        if (typeof ordinal !== "number") return;
        const fix = { safety: "safe" as const, edits: () => [{ op: "renumber" as const }] };
        if (ordinal < 0 || !Number.isInteger(ordinal)) {
          // Codex reads `ordinal` as an unsigned integer: the record does not parse, and its line is skipped.
          const consequence = record.span.line === 1 ? ("wont-open" as const) : ("lost" as const);
          context.report({ at: { ...record.span, record: record.index, pointer: "/ordinal" }, message: `ordinal ${ordinal} is not a whole number of zero or more, so Codex cannot read this record and skips its line: renumber the records`, consequence, fix });
          previous = ordinal;
          return;
        }
        if (previous !== undefined && ordinal !== previous + 1) {
          const what = ordinal === previous ? "repeats" : ordinal < previous ? "goes back from" : `skips ${ordinal - previous - 1} after`;
          context.report({ at: { ...record.span, record: record.index, pointer: "/ordinal" }, message: `ordinal ${ordinal} ${what} ordinal ${previous}; Codex numbers records one a line: renumber them`, fix });
        }
        previous = ordinal;
      },
    };
  },
});
