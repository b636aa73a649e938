// Several records concatenated on one line.
import { defineRule } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "multi-record-line",
    description: "several records concatenated on one line",
    severity: "error",
    fixable: "safe",
    docs: "Two writers appending to the same file without newlines, or a tool that joined lines, leave records side by side. A line-by-line reader does not parse the line and skips it whole: every record on it is lost, outputs included. `histlint fix` gives each record its own line.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"message","role":"assistant","content":"hello"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}{"type":"message","role":"assistant","content":"hello"}\n', lines: [1, 1], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}\n{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"hello\"}\n" }],
    },
  },
  create: (context) => ({
    record(record) {
      if (context.layout !== "lines" || !record.sharesLine) return;
      const fix = { safety: "safe" as const, edits: () => [{ op: "own-line" as const, record: record.index }] };
      context.report({ at: { ...record.span, record: record.index }, message: `record ${record.index} shares line ${record.span.line} with another record; a line-by-line reader skips the whole line: give each record its own line`, fix });
    },
  }),
});
