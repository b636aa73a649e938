// For rules whose finding the reader makes: forward that read problem, message and place as the reader has them.
import type { ReadProblem, ReadProblemCode } from "../read/index.js";
import type { Fix } from "./fix.js";
import type { RuleContext, RuleVisitor } from "./rule.js";

/**
 * Forwards the reader's finding; with a `safety`, the repair removes the bytes the problem occupies
 * (they belong to no record, so nothing the client could read is lost); `safetyFor` decides it per problem.
 */
export function forwardReadProblem(code: ReadProblemCode, safety?: Fix["safety"], safetyFor?: (problem: ReadProblem) => Fix["safety"]): (context: RuleContext) => RuleVisitor {
  return (context) => ({
    readProblem(problem) {
      if (problem.code !== code) return;
      const bytes = code === "byte-order-mark" ? { offset: 0, length: 3 } : problem.bytes;
      const chosen = safety && safetyFor ? safetyFor(problem) : safety;
      const fix: Fix | undefined = chosen && bytes ? { safety: chosen, edits: () => [{ op: "drop-bytes", ...bytes }] } : undefined;
      context.report({ at: problem.span, message: problem.message, ...(fix ? { fix } : {}) });
    },
  });
}
