// Whether a diagnostic's place lies inside the file it is about: 1-based lines, columns in UTF-16 units.
import type { Diagnostic } from "../../src/index.js";

/** The file's lines as the reader numbers them: split on LF, each line's text without its terminator. */
export function linesOf(bytes: Buffer): string[] {
  return bytes.toString("utf8").split("\n").map((line) => line.replace(/\r$/, ""));
}

/**
 * What is wrong with a diagnostic's place, or undefined when it is sound. A column may stand one past
 * a line's last character (an exclusive end, or a point at the end of a line); a byte order mark
 * counts as a character of the first line (the reader gives it a column of its own).
 */
export function misplaced(d: Diagnostic, lines: readonly string[]): string | undefined {
  const width = (line: number) => (lines[line - 1] ?? "").length + 1;
  const where = `${d.ruleId} at ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
  const whole = [d.line, d.column, d.endLine, d.endColumn].every((n) => Number.isInteger(n) && n >= 1);
  if (!whole) return `${where}: a line or column that is not a whole number from 1`;
  if (d.line > lines.length || d.endLine > lines.length) return `${where}: past the last line (${lines.length})`;
  if (d.endLine < d.line || (d.endLine === d.line && d.endColumn < d.column)) return `${where}: ends before it starts`;
  if (d.column > width(d.line)) return `${where}: past the end of line ${d.line} (${width(d.line) - 1} units)`;
  if (d.endColumn > width(d.endLine)) return `${where}: ends past the end of line ${d.endLine} (${width(d.endLine) - 1} units)`;
  return undefined;
}
