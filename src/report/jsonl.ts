// JSON Lines: one result a line, the json reporter's entries, so the reports of sharded runs concatenate.
import type { LintResult } from "../engine/index.js";

export function jsonl(results: readonly LintResult[]): string {
  return results.map(({ fatal: _fatal, ...result }) => JSON.stringify(result) + "\n").join("");
}
