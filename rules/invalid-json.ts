// A line that is not JSON: the client skips it, with whatever it held.
import { defineRule, forwardReadProblem } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "invalid-json",
    description: "a line that is not valid JSON, or a record cut short in the middle of the file",
    severity: "error",
    fixable: "unsafe",
    docs: "Codex reads its rollout line by line and skips a line that does not parse, with a warning; Claude Code does the same. Whatever the line held is gone from the resumed history: a tool output there turns into a synthetic `aborted` output, a call there leaves its output an orphan, which the API then refuses with 400 \"No tool call found for function call output with call_id call_X.\". The message points at the column where the JSON breaks. Repair the line by hand if you know what it held; otherwise `histlint fix --unsafe` removes it.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"message","role":"assistant","content":"hello"}\n' }],
      invalid: [
        { format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"message" "role":"assistant"}\n{"type":"message","role":"user","content":"again"}\n', lines: [2], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}\n{\"type\":\"message\",\"role\":\"user\",\"content\":\"again\"}\n" },
        { format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"message","ro\n{"type":"message","role":"user","content":"again"}\n', lines: [2] },
      ],
    },
  },
  create: forwardReadProblem("invalid-json", "unsafe"),
});
