// Problems with how records sit in a file: what the reader found, and layouts a line-oriented client loses.
import type { FormatAdapter, RecordProblem } from "../formats/index.js";
import type { RawRecord, ReadProblem, Span } from "../read/index.js";
import type { Diagnostic, Severity } from "./diagnostic.js";

const READ_SEVERITY: Record<ReadProblem["code"], Severity> = {
  "invalid-json": "error",
  "truncated-record": "error",
  "byte-order-mark": "error",
  "empty-file": "warning",
  "not-text": "error",
};

/** Reader problems that leave nothing to check. */
export const FATAL_READ_PROBLEMS = new Set<ReadProblem["code"]>(["not-text"]);

export function diagnosticAt(ruleId: string, severity: Severity, message: string, span: Span, where: { record?: number; pointer?: string } = {}): Diagnostic {
  return {
    ruleId,
    severity,
    message,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
    ...where,
    // No fix is built yet (the repair issue adds them); a diagnostic never promises one it cannot apply.
    fixable: false,
  };
}

export function readProblemDiagnostic(problem: ReadProblem): Diagnostic {
  return diagnosticAt(problem.code, READ_SEVERITY[problem.code], problem.message, problem.span);
}

export function recordProblemDiagnostic(problem: RecordProblem): Diagnostic {
  const where = { ...(problem.record !== undefined ? { record: problem.record } : {}), ...(problem.pointer !== undefined ? { pointer: problem.pointer } : {}) };
  return diagnosticAt(problem.ruleId, "error", problem.message, problem.span, where);
}

/**
 * A client that reads its file line by line (Codex, Claude Code) skips a line that is not exactly one
 * JSON object: a record spread over lines, or sharing its line, is lost with every output it held.
 */
export function lineLayoutProblems(record: RawRecord, adapter: FormatAdapter, recordsSoFar: number): Diagnostic[] {
  const lineOriented = adapter.layout === "lines" || recordsSoFar > 1;
  const problems: Diagnostic[] = [];
  const where = { record: record.index };
  if (lineOriented && record.spansLines) {
    problems.push(diagnosticAt("multi-line-record", "error", `record ${record.index} is spread over lines ${record.span.line}-${record.span.endLine}; a line-by-line reader skips every one of them: put the record on one line`, record.span, where));
  }
  if (lineOriented && record.sharesLine) {
    problems.push(diagnosticAt("multi-record-line", "error", `record ${record.index} shares line ${record.span.line} with another record; a line-by-line reader skips the whole line: give each record its own line`, record.span, where));
  }
  if (adapter.layout === "lines" && (typeof record.value !== "object" || record.value === null || Array.isArray(record.value))) {
    const kind = Array.isArray(record.value) ? "an array" : record.value === null ? "null" : `a ${typeof record.value}`;
    problems.push(diagnosticAt("non-object-record", "error", `record ${record.index} is ${kind}, not a JSON object; a ${adapter.name} file holds one object a line: remove it`, record.span, where));
  }
  return problems;
}
