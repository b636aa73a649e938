// What every front end reports, as zod schemas for the library's users (a lint run needs only the types).
import { z } from "zod";
import { FormatName } from "../history/schema.js";

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
