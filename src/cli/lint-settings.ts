// Settles what a lint run uses: the configuration file, then the command line over it.
import { relative } from "node:path";
import { RULES } from "../../rules/index.js";
import { ConfigError, loadConfig, suggest, toLevel, ConfigLevel } from "../config/index.js";
import type { LintOptions } from "../engine/index.js";
import type { FormatName } from "../history/index.js";
import type { ProfileName } from "../profiles/index.js";
import type { Level } from "../rule-kit/index.js";
import { UsageError } from "./exit-codes.js";
import { globToRegExp } from "./glob.js";

export interface LintFlags {
  inputFormat?: FormatName | "auto";
  profile?: ProfileName;
  rule: string[];
  config?: string;
}

export interface LintSettings {
  options: LintOptions;
  /** Whether a file is left out by the configuration's `ignore` globs. */
  ignored(file: string): boolean;
}

/** `--rule id=level`, checked: an unknown id or level is a usage error that says what there is. */
export function parseRuleFlag(flag: string): [string, Level] {
  const [id, level] = flag.split("=");
  const known = new Set(RULES.map((rule) => rule.meta.id));
  if (!id || level === undefined) throw new UsageError(`--rule ${flag}: write it as <rule-id>=off|warn|error`);
  if (!known.has(id)) throw new UsageError(`--rule ${flag}: unknown rule "${id}"${suggest(id, known)}; \`histlint rules\` lists them`);
  const parsed = ConfigLevel.safeParse(level);
  if (!parsed.success) throw new UsageError(`--rule ${flag}: the level is off, warn, error or info`);
  return [id, toLevel(parsed.data)];
}

export function settle(flags: LintFlags, cwd: string): LintSettings {
  let loaded;
  try {
    loaded = loadConfig({ cwd, ...(flags.config ? { explicit: flags.config } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const { config, path } = loaded;
  const rules: Record<string, Level> = {};
  for (const [id, level] of Object.entries(config.rules ?? {})) rules[id] = toLevel(level);
  for (const flag of flags.rule) {
    const [id, level] = parseRuleFlag(flag);
    rules[id] = level;
  }
  const inputFormat = flags.inputFormat && flags.inputFormat !== "auto" ? flags.inputFormat : config.inputFormat;
  const profile = flags.profile ?? config.profile;
  const base = path ? relative(cwd, path.slice(0, path.length - "histlint.config.json".length) || ".") : "";
  const patterns = (config.ignore ?? []).map((glob) => globToRegExp(glob));
  return {
    options: { rules, ...(inputFormat ? { inputFormat } : {}), ...(profile ? { profile } : {}) },
    ignored: (file) => {
      const fromConfig = relative(base || ".", file);
      return patterns.some((pattern) => pattern.test(fromConfig) || pattern.test(file));
    },
  };
}
