// Fetches just the lines diagnostics point at, so the report can show them without keeping files in memory.
import type { LintResult } from "../engine/index.js";
import { splitLines, type ByteSource, type Line } from "../read/index.js";

export function collectSourceLines(results: readonly LintResult[], sourceOf: (filePath: string) => ByteSource | undefined): Map<string, Map<number, string>> {
  const byFile = new Map<string, Map<number, string>>();
  for (const result of results) {
    if (result.fatal || result.messages.length === 0) continue;
    const source = sourceOf(result.filePath);
    if (!source) continue;
    const wanted = new Set(result.messages.map((d) => d.line));
    const last = Math.max(...wanted);
    const lines = new Map<number, string>();
    try {
      for (const entry of splitLines(source)) {
        if (!("line" in entry)) continue;
        const line = entry as Line;
        if (wanted.has(line.line)) lines.set(line.line, line.text);
        if (line.line >= last) break;
      }
    } catch {
      continue; // The file vanished since it was linted: the report goes without its lines.
    }
    byFile.set(result.filePath, lines);
  }
  return byFile;
}
