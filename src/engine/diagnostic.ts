// What every front end reports: one problem at one place, and the per-file result that collects them.
import type { Diagnostic, LintResult } from "./diagnostic-schema.js";

export type { Severity, Diagnostic, LintResult } from "./diagnostic-schema.js";

/** Sorted by position then rule, with exact repeats removed (two paths to the same finding). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message));
  return sorted.filter((d, i) => {
    const prev = sorted[i - 1];
    return !prev || prev.line !== d.line || prev.column !== d.column || prev.ruleId !== d.ruleId || prev.message !== d.message;
  });
}

export function summarize(filePath: string, fields: Omit<LintResult, "filePath" | "errorCount" | "warningCount" | "fixableCount" | "messages">, diagnostics: readonly Diagnostic[]): LintResult {
  const messages = sortDiagnostics(diagnostics);
  return {
    filePath,
    ...fields,
    errorCount: messages.filter((d) => d.severity === "error").length,
    warningCount: messages.filter((d) => d.severity === "warning").length,
    fixableCount: messages.filter((d) => d.fixable).length,
    messages,
  };
}
