// The stylish report drawn with a given palette: chalk's when it is coloured, or PLAIN, which loads no chalk.
import type { ChalkInstance } from "chalk";
import type { Diagnostic, LintResult } from "../engine/index.js";

export interface StylishOptions {
  /** ANSI colours (default: none). */
  color?: boolean;
  /** Text of the lines diagnostics point at, by file path and line number. */
  sourceLines?: ReadonlyMap<string, ReadonlyMap<number, string>>;
}

const asIs = (...text: unknown[]): string => (text.length === 1 ? String(text[0]) : text.join(" "));
/** What a Chalk of level 0 does, without chalk: every style, chained or not, gives the text back as it is. */
export const PLAIN: ChalkInstance = new Proxy(asIs, { get: () => PLAIN }) as unknown as ChalkInstance;

/** How much of a long line is shown around the column (records can be megabytes on one line). */
const SNIPPET_WIDTH = 100;

export function stylishText(results: readonly LintResult[], options: StylishOptions, paint: ChalkInstance): string {
  const out: string[] = [];
  for (const result of results) {
    for (const d of result.messages) {
      const tone = d.severity === "error" ? paint.red : d.severity === "warning" ? paint.yellow : paint.blue;
      // The word, not only the colour: CI logs and pipes have none (the compilers' `file:line:col: error:` form).
      out.push(`${paint.bold(`${result.filePath}:${d.line}:${d.column}:`)} ${tone(`${d.severity}:`)} ${d.message} ${tone(`[${d.ruleId}]`)}`);
      const line = options.sourceLines?.get(result.filePath)?.get(d.line);
      if (line !== undefined) out.push(...snippet(line, d, paint.green));
    }
  }
  out.push(summary(results, paint));
  return out.join("\n") + "\n";
}

/** The line, cut to a window around the column, and the underline beneath it. */
function snippet(line: string, d: Diagnostic, underline: (s: string) => string): string[] {
  const start = Math.max(0, d.column - 1 - 20);
  const end = Math.min(line.length, start + SNIPPET_WIDTH);
  const shown = (start > 0 ? "…" : "") + line.slice(start, end) + (end < line.length ? "…" : "");
  const caretAt = d.column - 1 - start + (start > 0 ? 1 : 0);
  const spanEnd = d.endLine === d.line ? Math.min(d.endColumn - 1 - start, end - start) : end - start;
  const width = Math.max(1, spanEnd - (d.column - 1 - start));
  return [`  | ${shown}`, `  | ${" ".repeat(Math.max(0, caretAt))}${underline("^" + "~".repeat(Math.max(0, width - 1)))}`];
}

function summary(results: readonly LintResult[], paint: ChalkInstance): string {
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const infos = results.reduce((n, r) => n + r.messages.filter((d) => d.severity === "info").length, 0);
  const fixable = results.reduce((n, r) => n + r.fixableCount, 0);
  const files = results.length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (files === 0) return "no files checked";
  if (errors + warnings + infos === 0) return paint.green(`${plural(files, "file")} checked, no problems`);
  const fixes = fixable > 0 ? `, ${fixable} fixable with \`histlint fix\`` : "";
  const counts = [plural(errors, "error"), plural(warnings, "warning"), ...(infos > 0 ? [plural(infos, "info")] : [])].join(", ");
  const line = `${plural(errors + warnings + infos, "problem")} (${counts}) in ${plural(files, "file")}${fixes}`;
  return errors > 0 ? paint.red.bold(line) : warnings > 0 ? paint.yellow.bold(line) : paint.blue.bold(line);
}
