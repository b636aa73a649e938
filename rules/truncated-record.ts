// The last record stops mid-value: the writer crashed while appending it.
import { defineRule, forwardReadProblem } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "truncated-record",
    description: "the last record is cut short (a crash while writing it)",
    severity: "error",
    fixable: "safe",
    docs: "Clients append one record a line and flush without fsync; a crash or a full disk leaves the last line half written. Codex skips it and, because a resume first appends a newline, the cut line then sits in the middle of the file for good. The record was never complete, so removing it loses nothing the client had: `histlint fix` does, and the diff shows it.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"function_call","call_id":"ca', lines: [2], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}\n" }],
    },
  },
  // A crash leaves the tail unterminated; a cut line that was ended sat mid-file until what followed went: --unsafe.
  create: forwardReadProblem("truncated-record", "safe", (problem) => (problem.terminated ? "unsafe" : "safe")),
});
