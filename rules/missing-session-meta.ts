// A Codex rollout whose first line is not its session meta: Codex refuses to resume it.
import { defineRule } from "../src/rule-kit/index.js";
import { FILE_START } from "../src/read/index.js";

function typeOf(value: unknown): unknown {
  return typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;
}

/** The session meta fields Codex 0.169 cannot open a rollout without. */
const REQUIRED = ["id", "timestamp", "cwd", "originator", "cli_version"];

function missingFields(value: unknown): string[] {
  const payload = typeof value === "object" && value !== null ? (value as { payload?: unknown }).payload : undefined;
  if (typeof payload !== "object" || payload === null) return REQUIRED;
  return REQUIRED.filter((field) => typeof (payload as Record<string, unknown>)[field] !== "string");
}

export default defineRule({
  meta: {
    id: "missing-session-meta",
    description: "a Codex rollout whose first record is not a `session_meta` Codex can read",
    severity: "error",
    fixable: "safe",
    formats: ["codex"],
    docs: "Codex reads the session meta (id, cwd, instructions) from line 1; without it — missing, truncated, not first, or lacking one of `id`, `timestamp`, `cwd`, `originator`, `cli_version` — `codex exec resume` refuses the file with \"rollout at <path> does not start with session metadata\". A rollout in the legacy format (no envelope) is refused too (\"rollout at <path> is empty\"). When the meta is elsewhere in the file `histlint fix` moves it to line 1; when it is gone, take the first line of another rollout of the same session, or start a new session.",
    examples: {
      valid: [{ format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s","timestamp":"t","cwd":"/w","originator":"codex_exec","cli_version":"0.169.0"}}\n' }],
      invalid: [
        { format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"event_msg","payload":{}}\n{"timestamp":"t","ordinal":1,"type":"session_meta","payload":{"id":"s","timestamp":"t","cwd":"/w","originator":"codex_exec","cli_version":"0.169.0"}}\n', lines: [1], output: "{\"timestamp\":\"t\",\"ordinal\":0,\"type\":\"session_meta\",\"payload\":{\"id\":\"s\",\"timestamp\":\"t\",\"cwd\":\"/w\",\"originator\":\"codex_exec\",\"cli_version\":\"0.169.0\"}}\n{\"timestamp\":\"t\",\"ordinal\":1,\"type\":\"event_msg\",\"payload\":{}}\n" },
        { format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"event_msg","payload":{}}\n', lines: [1] },
        { format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s","cwd":"/w"}}\n', lines: [1] },
      ],
    },
  },
  create(context) {
    let first: { line: number; index: number } | undefined;
    let meta: { line: number; index: number } | undefined;
    let legacy = false;
    let firstValue: unknown;
    return {
      record(record) {
        if (!first) {
          first = { line: record.span.line, index: record.index };
          firstValue = record.value;
          // The legacy format has no envelope: its first line is a bare meta `{id, timestamp}`.
          legacy = typeof record.value === "object" && record.value !== null && !("type" in record.value) && "id" in record.value;
        }
        if (!meta && typeOf(record.value) === "session_meta") meta = { line: record.span.line, index: record.index };
      },
      end() {
        if (!first) return; // an empty file is empty-file's finding
        if (legacy) {
          context.report({ at: FILE_START, message: "the rollout is in the legacy format, with no envelope, which Codex no longer reads: start a new session (Codex says the rollout is empty)", consequence: "wont-open" });
          return;
        }
        if (meta !== undefined && meta.line === first?.line) {
          const missing = missingFields(firstValue);
          if (missing.length > 0) context.report({ at: FILE_START, message: `the session meta lacks ${missing.map((f) => JSON.stringify(f)).join(", ")}: restore ${missing.length === 1 ? "it" : "them"} from another rollout of this session` });
          return;
        }
        const where = meta === undefined ? "there is none in the file" : `it is on line ${meta.line}`;
        const remedy = meta === undefined ? "restore it from another rollout of this session" : "move it to line 1";
        const index = meta?.index;
        const fix = index === undefined ? undefined : { safety: "safe" as const, edits: () => [{ op: "move" as const, record: index, after: -1 }] };
        context.report({ at: FILE_START, message: `the first record is not the session meta and ${where}; Codex cannot resume this rollout: ${remedy}`, ...(fix ? { fix } : {}) });
      },
    };
  },
});
