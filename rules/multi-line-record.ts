// A record pretty-printed over several lines of a JSONL file.
import { defineRule } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "multi-line-record",
    description: "a record spread over several lines of a JSONL file",
    severity: "error",
    fixable: "safe",
    docs: "Someone opened the rollout in an editor and let it format the JSON. Codex and Claude Code read one record a line and skip every line of it: the record is lost, and with it the tool outputs it held, which then turn into synthetic `aborted` outputs or leave their calls without output. `histlint fix` puts the record back on one line.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"message","role":"assistant","content":"hello"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{\n  "type": "message",\n  "role": "assistant",\n  "content": "hello"\n}\n', lines: [2], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}\n{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"hello\"}\n" }],
    },
  },
  create: (context) => ({
    record(record) {
      if (context.layout !== "lines" || !record.spansLines) return;
      const { line, endLine } = record.span;
      // Rewriting the record with its own value puts it on one line.
      const fix = { safety: "safe" as const, edits: () => [{ op: "replace" as const, record: record.index, value: record.value }] };
      context.report({ at: { ...record.span, record: record.index }, message: `record ${record.index} is spread over lines ${line}-${endLine}; a line-by-line reader skips every one of them: put the record on one line`, fix });
    },
  }),
});
