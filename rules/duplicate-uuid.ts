// A Claude Code record written twice with the same uuid.
import { defineRule } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "duplicate-uuid",
    description: "two Claude Code records with the same uuid",
    severity: "warning",
    fixable: "safe",
    formats: ["claude-code"],
    docs: "Claude Code counts a uuid once on resume: the later copy is ignored, even when its content differs, and a record that names it as parent may hang off the wrong one. Identical copies come from a retried write and are safe to drop; differing copies mean two sessions were merged by hand.",
    examples: {
      valid: [{ format: "claude-code", text: '{"type":"user","uuid":"u1","parentUuid":null,"message":{"role":"user","content":"hi"}}\n' }],
      invalid: [{ format: "claude-code", text: '{"type":"user","uuid":"u1","parentUuid":null,"message":{"role":"user","content":"hi"}}\n{"type":"user","uuid":"u1","parentUuid":null,"message":{"role":"user","content":"hi"}}\n', lines: [2] }],
    },
  },
  create(context) {
    const firstLine = new Map<string, number>();
    return {
      record(record) {
        const uuid = (record.value as { uuid?: unknown } | null)?.uuid;
        if (typeof uuid !== "string") return;
        const seen = firstLine.get(uuid);
        if (seen === undefined) firstLine.set(uuid, record.span.line);
        else context.report({ at: { ...record.span, record: record.index, pointer: "/uuid" }, message: `uuid ${JSON.stringify(uuid)} was already used on line ${seen}; Claude Code ignores this copy on resume: remove it` });
      },
    };
  },
});
