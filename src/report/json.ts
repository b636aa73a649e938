// The machine-readable report: an array, one entry a file, in the shape DESIGN.md promises.
import type { LintResult } from "../engine/index.js";

export function json(results: readonly LintResult[]): string {
  return JSON.stringify(results.map(({ fatal: _fatal, ...result }) => result), null, 2) + "\n";
}
