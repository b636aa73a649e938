// The fixture corpus as fuzz seeds: every history file under fixtures/, with the format it is read as.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lintSource, type FormatName } from "../../src/index.js";

export interface Seed {
  name: string;
  bytes: Buffer;
  /** The format the unmutated file is read as, to force it on mutants detection no longer recognises. */
  format: FormatName | undefined;
}

const ROOT = new URL("../../fixtures/", import.meta.url).pathname;

function historyFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "recording" ? [] : historyFiles(path);
    return /\.(jsonl|json)$/.test(entry.name) ? [path] : [];
  });
}

export const SEEDS: readonly Seed[] = historyFiles(ROOT)
  .sort()
  .map((path) => {
    const bytes = readFileSync(path);
    return { name: path.slice(ROOT.length), bytes, format: lintSource(path, { buffer: bytes }).inputFormat ?? undefined };
  });
