// A record type the client's format does not list: passed through, noted for the curious.
import { CODEX_RECORD_TYPES } from "../src/formats/codex.js";
import { defineRule } from "../src/rule-kit/index.js";

/** Claude Code record types seen in sessions; every release adds some, hence only `info`. */
const CLAUDE_CODE_RECORD_TYPES = new Set([
  "user", "assistant", "attachment", "system", "summary", "queue-operation", "last-prompt", "cost-state", "mode",
  "tools-used", "file-history-snapshot", "api-request", "api-request-shape", "api-request-blob", "custom-title", "atis-latch",
]);

export default defineRule({
  meta: {
    id: "unknown-record-type",
    description: "a record type the format does not document (passed through untouched)",
    severity: "info",
    fixable: false,
    formats: ["codex", "claude-code"],
    docs: "Codex and Claude Code add record types in most releases. histlint passes unknown records through untouched and never changes them; this note says that it could not check what is in them, which matters when a newer client wrote the file and an older one is to resume it.",
    examples: {
      valid: [{ format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s","timestamp":"t","cwd":"/w","originator":"codex_exec","cli_version":"0.169.0"}}\n{"timestamp":"t","ordinal":1,"type":"event_msg","payload":{"type":"task_started"}}\n' }],
      invalid: [{ format: "codex", text: '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s","timestamp":"t","cwd":"/w","originator":"codex_exec","cli_version":"0.169.0"}}\n{"timestamp":"t","ordinal":1,"type":"hologram","payload":{}}\n', lines: [2] }],
    },
  },
  create(context) {
    const known = context.format === "codex" ? CODEX_RECORD_TYPES : CLAUDE_CODE_RECORD_TYPES;
    return {
      record(record) {
        const value = record.value as { type?: unknown; record_type?: unknown } | null;
        if (typeof value !== "object" || value === null || typeof value.type !== "string") return;
        if (context.format === "codex" && !("payload" in value)) return; // a legacy bare item: its type is an item type
        if (known.has(value.type)) return;
        context.report({ at: { ...record.span, record: record.index }, message: `record type ${JSON.stringify(value.type)} is not one histlint knows for ${context.format}; it is passed through unchecked` });
      },
    };
  },
});
