// histlint.config.json: found upward from the working directory or named with --config, checked with zod.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { RULES } from "../../rules/index.js";
import { FormatName } from "../history/index.js";
import { ProfileName } from "../profiles/index.js";
import { positionIn, readRecords } from "../read/index.js";
import type { Level } from "../rule-kit/index.js";

export const CONFIG_FILE = "histlint.config.json";

/** Levels as users write them (ESLint's words); `warn` is a warning. */
export const ConfigLevel = z.enum(["off", "warn", "error", "info"]);

export const Config = z
  .object({
    profile: ProfileName.optional(),
    inputFormat: z.union([FormatName, z.literal("auto")]).optional(),
    rules: z.record(z.string(), ConfigLevel).optional(),
    ignore: z.array(z.string()).optional(),
  })
  .strict();
export type Config = z.infer<typeof Config>;

export interface LoadedConfig {
  config: Config;
  /** The file it came from, undefined when none was found. */
  path: string | undefined;
}

/** A configuration that cannot be used: the message names the file, line and column. */
export class ConfigError extends Error {}

export function toLevel(level: z.infer<typeof ConfigLevel>): Level {
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

/** Where `"key"` first appears in the text (after `after`, when given), as `line:column`. */
function where(text: string, key: string, after = 0): string {
  const index = text.indexOf(JSON.stringify(key), after);
  const at = positionIn(text, Math.max(index, 0), { line: 1, column: 1 });
  return `${at.line}:${at.column}`;
}

export function loadConfig(options: { explicit?: string; cwd: string }): LoadedConfig {
  const path = options.explicit ?? findConfig(options.cwd);
  if (!path) return { config: {}, path: undefined };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the configuration: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  // The reader locates JSON errors exactly (V8's own messages do not always say where).
  const events = [...readRecords({ buffer: Buffer.from(text) })];
  const problem = events.find((event) => event.problem)?.problem;
  if (problem || events.length !== 1) {
    const at = problem?.span ?? { line: 1, column: 1 };
    throw new ConfigError(`${path}:${at.line}:${at.column}: the configuration is not one valid JSON object${problem ? `: ${problem.message}` : ""}`);
  }
  const raw: unknown = events[0]?.record?.value;
  const parsed = Config.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0] as string;
      throw new ConfigError(`${path}:${where(text, key)}: unknown key "${key}"; the keys are profile, inputFormat, rules and ignore`);
    }
    const key = issue.path.map(String).join(".");
    const last = String(issue.path[issue.path.length - 1] ?? "");
    throw new ConfigError(`${path}:${where(text, last)}: ${key || "the configuration"}: ${issue.message}`);
  }
  const known = new Set(RULES.map((rule) => rule.meta.id));
  for (const id of Object.keys(parsed.data.rules ?? {})) {
    if (!known.has(id)) throw new ConfigError(`${path}:${where(text, id, text.indexOf('"rules"'))}: unknown rule "${id}"${suggest(id, known)}; \`histlint rules\` lists them`);
  }
  return { config: parsed.data, path };
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
