// What every front end reports: one problem at one place, and the per-file result that collects them.
import { z } from "zod";
import { FormatName } from "../history/index.js";

export const Severity = z.enum(["error", "warning", "info"]);

export const Diagnostic = z.object({
  ruleId: z.string(),
  severity: Severity,
  message: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
  record: z.number().int().nonnegative().optional(),
  pointer: z.string().optional(),
  fixable: z.boolean(),
  /** For a client's file: what the client does on resume (refused by the endpoint, lost, or won't open). */
  consequence: z.enum(["refused", "lost", "wont-open"]).optional(),
});

export const LintResult = z.object({
  filePath: z.string(),
  inputFormat: FormatName.nullable(),
  profile: z.string().nullable(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  fixableCount: z.number().int(),
  /** Nothing could be checked (not text, unreadable, format unknown): the run exits 2. */
  fatal: z.boolean(),
  messages: z.array(Diagnostic),
});

export type Severity = z.infer<typeof Severity>;
export type Diagnostic = z.infer<typeof Diagnostic>;
export type LintResult = z.infer<typeof LintResult>;

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
