// Finding histlint.config.json and the words it uses, without zod: a run with no configuration file
// never loads the schemas that check one (config.ts).
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Level } from "../rule-kit/index.js";

export const CONFIG_FILE = "histlint.config.json";

/** Levels as users write them (ESLint's words); `warn` is a warning. */
export const CONFIG_LEVELS = ["off", "warn", "error", "info"] as const;
export type ConfigLevelName = (typeof CONFIG_LEVELS)[number];

/** A configuration that cannot be used: the message names the file, line and column. */
export class ConfigError extends Error {}

export function toLevel(level: ConfigLevelName): Level {
  return level === "warn" ? "warning" : level;
}

/** The nearest histlint.config.json from `start` upward. */
export function findConfig(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** ` (did you mean "x"?)` for the closest rule id, when one is close. */
export function suggest(id: string, known: Iterable<string>): string {
  let best: { id: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(id, candidate);
    if (!best || distance < best.distance) best = { id: candidate, distance };
  }
  return best && best.distance <= Math.max(2, id.length / 4) ? ` (did you mean "${best.id}"?)` : "";
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] as number;
}
