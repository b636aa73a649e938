// A Claude Code record written twice with the same uuid.
import { stringifyJson } from "../src/read/index.js";
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
      invalid: [{ format: "claude-code", text: '{"type":"user","uuid":"u1","parentUuid":null,"message":{"role":"user","content":"hi"}}\n{"type":"user","uuid":"u1","parentUuid":null,"message":{"role":"user","content":"hi"}}\n', lines: [2], output: "{\"type\":\"user\",\"uuid\":\"u1\",\"parentUuid\":null,\"message\":{\"role\":\"user\",\"content\":\"hi\"}}\n" }],
    },
  },
  create(context) {
    const first = new Map<string, { line: number; text: string }>();
    return {
      record(record) {
        const uuid = (record.value as { uuid?: unknown } | null)?.uuid;
        if (typeof uuid !== "string") return;
        const seen = first.get(uuid);
        if (!seen) {
          first.set(uuid, { line: record.span.line, text: stringifyJson(record.value) });
          return;
        }
        // An identical copy (a retried write) goes safely; a differing one is a judgement.
        const same = seen.text === stringifyJson(record.value);
        const fix = { safety: same ? ("safe" as const) : ("unsafe" as const), edits: () => [{ op: "remove" as const, record: record.index }] };
        const what = same ? "an identical copy" : "a different record";
        // An identical copy loses nothing; what a differing copy holds, the model never sees.
        const ignored = same ? "Claude Code ignores this copy on resume" : "Claude Code ignores this copy on resume, and what it holds is lost without a word";
        context.report({ at: { ...record.span, record: record.index, pointer: "/uuid" }, message: `uuid ${JSON.stringify(uuid)} was already used on line ${seen.line} (${what}); ${ignored}: remove it`, ...(same ? {} : { consequence: "lost" as const }), fix });
      },
    };
  },
});
