// For rules whose finding the reader makes: forward that read problem, message and place as the reader has them.
import type { ReadProblemCode } from "../read/index.js";
import type { RuleContext, RuleVisitor } from "./rule.js";

export function forwardReadProblem(code: ReadProblemCode): (context: RuleContext) => RuleVisitor {
  return (context) => ({
    readProblem(problem) {
      if (problem.code === code) context.report({ at: problem.span, message: problem.message });
    },
  });
}
