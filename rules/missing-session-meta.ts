// A Codex rollout whose first line is not its session meta: Codex refuses to resume it.
import { defineRule } from "../src/rule-kit/index.js";
import { FILE_START } from "../src/read/index.js";

function typeOf(value: unknown): unknown {
  return typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;
}

export default defineRule({
  meta: {
    id: "missing-session-meta",
    description: "a Codex rollout whose first record is not its `session_meta`",
    severity: "error",
    fixable: "safe",
    formats: ["codex"],
    docs: "Codex reads the session meta (id, cwd, instructions) from line 1; without it — missing, truncated, or not first — `codex resume` refuses the file. When the meta is elsewhere in the file `histlint fix` moves it to line 1; when it is gone, take the first line of another rollout of the same session, or start a new session.",
    examples: {
      valid: [{ format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s"}}\n' }],
      invalid: [
        { format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"event_msg","payload":{}}\n{"timestamp":"t","ordinal":1,"type":"session_meta","payload":{"id":"s"}}\n', lines: [1], output: "{\"timestamp\":\"t\",\"ordinal\":0,\"type\":\"session_meta\",\"payload\":{\"id\":\"s\"}}\n{\"timestamp\":\"t\",\"ordinal\":1,\"type\":\"event_msg\",\"payload\":{}}\n" },
        { format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"event_msg","payload":{}}\n', lines: [1] },
      ],
    },
  },
  create(context) {
    let first: { line: number; index: number } | undefined;
    let meta: { line: number; index: number } | undefined;
    let legacy = false;
    return {
      record(record) {
        if (!first) {
          first = { line: record.span.line, index: record.index };
          // The legacy format has no envelope: its first line is a bare meta `{id, timestamp}`.
          legacy = typeof record.value === "object" && record.value !== null && !("type" in record.value) && "id" in record.value;
        }
        if (!meta && typeOf(record.value) === "session_meta") meta = { line: record.span.line, index: record.index };
      },
      end() {
        if (legacy || meta?.line === first?.line) return;
        const where = meta === undefined ? "there is none in the file" : `it is on line ${meta.line}`;
        const remedy = meta === undefined ? "restore it from another rollout of this session" : "move it to line 1";
        const index = meta?.index;
        const fix = index === undefined ? undefined : { safety: "safe" as const, edits: () => [{ op: "move" as const, record: index, after: -1 }] };
        context.report({ at: FILE_START, message: `the first record is not the session meta and ${where}; Codex cannot resume this rollout: ${remedy}`, ...(fix ? { fix } : {}) });
      },
    };
  },
});
