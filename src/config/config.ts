// histlint.config.json: found upward from the working directory or named with --config, checked with zod.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { RULES } from "../../rules/index.js";
import { FormatName } from "../history/schema.js";
import { ProfileName } from "../profiles/schema.js";
import { positionIn } from "../read/index.js";
import { parseOrLocate } from "../read/locate-error.js";
import { CONFIG_LEVELS, ConfigError, findConfig, suggest } from "./config-file.js";

export * from "./config-file.js";


/** Levels as users write them (ESLint's words); `warn` is a warning. */
export const ConfigLevel = z.enum(CONFIG_LEVELS);

/** One endpoint for every format, or one per format (`{ "codex": "codex", "chat": "openai-chat" }`). */
export const ConfigProfile = z.union([ProfileName, z.partialRecord(FormatName, ProfileName)]);

/** Settings for the files some globs match, over the top-level ones (ESLint's `overrides`). */
export const ConfigOverride = z
  .object({
    files: z.array(z.string()).min(1),
    profile: ConfigProfile.optional(),
    inputFormat: z.union([FormatName, z.literal("auto")]).optional(),
    rules: z.record(z.string(), ConfigLevel).optional(),
  })
  .strict();

export const Config = z
  .object({
    profile: ConfigProfile.optional(),
    inputFormat: z.union([FormatName, z.literal("auto")]).optional(),
    rules: z.record(z.string(), ConfigLevel).optional(),
    ignore: z.array(z.string()).optional(),
    overrides: z.array(ConfigOverride).optional(),
  })
  .strict();
export type Config = z.infer<typeof Config>;
export type ConfigOverride = z.infer<typeof ConfigOverride>;

const KEYS = "profile, inputFormat, rules, ignore and overrides";

export interface LoadedConfig {
  config: Config;
  /** The file it came from, undefined when none was found. */
  path: string | undefined;
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
  // An empty file is an empty configuration, as `{}` is.
  if (text.trim() === "") return { config: {}, path };
  const raw = parseJson(text, path);
  const parsed = Config.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0] as string;
      const inOverride = issue.path[0] === "overrides";
      throw new ConfigError(`${path}:${where(text, key)}: unknown key "${key}"${inOverride ? " in overrides; an override has files, profile, inputFormat and rules" : `; the keys are ${KEYS}`}`);
    }
    const key = issue.path.map(String).join(".");
    const last = String(issue.path[issue.path.length - 1] ?? "");
    throw new ConfigError(`${path}:${where(text, last)}: ${key || "the configuration"}: ${issue.message}`);
  }
  const known = new Set(RULES.map((rule) => rule.meta.id));
  const ruleIds = [parsed.data.rules, ...(parsed.data.overrides ?? []).map((o) => o.rules)].flatMap((rules) => Object.keys(rules ?? {}));
  for (const id of ruleIds) {
    if (!known.has(id)) throw new ConfigError(`${path}:${where(text, id, text.indexOf('"rules"'))}: unknown rule "${id}"${suggest(id, known)}; \`histlint rules\` lists them`);
  }
  return { config: parsed.data, path };
}

/**
 * The one JSON value of the file, or a ConfigError at the line and column where JSON stops, in JSON's
 * own terms (a trailing comma, a missing value), not the history reader's.
 */
function parseJson(text: string, path: string): unknown {
  const body = text.replace(/^\uFEFF/, "");
  const lead = body.length - body.trimStart().length;
  const parsed = parseOrLocate(body.trimStart());
  if (!parsed.ok) {
    const index = parsed.problem.kind === "syntax" ? lead + parsed.problem.index : body.trimEnd().length;
    const at = positionIn(body, index, { line: 1, column: 1 });
    const trailingComma = parsed.problem.kind === "syntax" && /,\s*$/.test(body.slice(0, index)) && /^[}\]]/.test(body.slice(index));
    const what = parsed.problem.kind === "incomplete" ? "it ends before the object closes" : trailingComma ? "a comma after the last entry (JSON allows none)" : parsed.problem.reason.replace(/, ".*" is not valid JSON$/s, "");
    throw new ConfigError(`${path}:${at.line}:${at.column}: the configuration is not valid JSON: ${what}`);
  }
  const value = parsed.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(`${path}:1:1: the configuration is a JSON object such as { "rules": { … } }, not ${Array.isArray(value) ? "an array" : JSON.stringify(value)}`);
  }
  return value;
}

