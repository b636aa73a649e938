// A history file with nothing in it.
import { defineRule, forwardReadProblem } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "empty-file",
    description: "the file holds no records",
    severity: "warning",
    fixable: false,
    docs: "An empty rollout is what a client leaves when it crashed before writing the session meta; there is nothing to resume and nothing to repair. It is a warning, not an error: delete the file, or ignore it in `histlint.config.json`.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n' }],
      invalid: [
        { format: "responses", text: "", lines: [1] },
        { format: "responses", text: "\n\n", lines: [1] },
      ],
    },
  },
  create: forwardReadProblem("empty-file"),
});
