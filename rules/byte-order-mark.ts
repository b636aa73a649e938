// A UTF-8 byte order mark at the start of a JSONL file.
import { defineRule, forwardReadProblem } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "byte-order-mark",
    description: "the file starts with a UTF-8 byte order mark",
    severity: "error",
    fixable: "safe",
    docs: "Editors on Windows add a byte order mark when they save. JSON forbids it, and Codex fails the whole thread on a BOM-prefixed rollout: the first line, the session meta, does not parse, and without it the session cannot be resumed. `histlint fix` removes the three bytes.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n' }],
      invalid: [{ format: "responses", text: '\ufeff{"type":"message","role":"user","content":"hi"}\n', lines: [1], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}\n" }],
    },
  },
  create: forwardReadProblem("byte-order-mark", "safe"),
});
