// Settles what a lint run uses: the configuration file (its overrides by glob), then the command line over it.
import { dirname, relative, resolve } from "node:path";
import { RULES } from "../../rules/index.js";
import { CONFIG_LEVELS, ConfigError, findConfig, suggest, toLevel, type ConfigLevelName } from "../config/config-file.js";
import type { Config, ConfigOverride, LoadedConfig } from "../config/index.js";
import type { LintOptions } from "../engine/index.js";
import type { FormatName } from "../history/index.js";
import type { ProfileName } from "../profiles/index.js";
import type { Level } from "../rule-kit/index.js";
import { UsageError } from "./exit-codes.js";
import { compilePattern, configPatterns, ignoreMatcher, readIgnoreFile, type IgnoredBy } from "./ignore.js";

export interface LintFlags {
  inputFormat?: FormatName | "auto";
  profile?: ProfileName;
  rule: string[];
  config?: string;
  /** false with --no-ignore: neither .histlintignore nor the configuration's ignore apply. */
  ignore?: boolean;
}

export interface LintSettings {
  /** The options of a file no override matches. */
  options: LintOptions;
  /** The options of one file: the configuration, its overrides that match the file, the command line. */
  optionsFor(file: string): LintOptions;
  /** Why a file is left out (`.histlintignore:3 "old/"`), undefined when it is not. */
  ignoredBy: IgnoredBy;
  /** Whether a file is left out by `.histlintignore` or the configuration's `ignore` globs. */
  ignored(file: string): boolean;
  /** The configuration file, undefined when there is none. */
  configPath: string | undefined;
}

/** `--rule id=level`, checked: an unknown id or level is a usage error that says what there is. */
export function parseRuleFlag(flag: string): [string, Level] {
  const [id, level] = flag.split("=");
  const known = new Set(RULES.map((rule) => rule.meta.id));
  if (!id || level === undefined) throw new UsageError(`--rule ${flag}: write it as <rule-id>=off|warn|error`);
  if (!known.has(id)) throw new UsageError(`--rule ${flag}: unknown rule "${id}"${suggest(id, known)}; \`histlint rules\` lists them`);
  if (!(CONFIG_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--rule ${flag}: the level is off, warn, error or info`);
  return [id, toLevel(level as ConfigLevelName)];
}

/** The configuration, loading its zod schemas only when there is a file to check (most runs have none). */
async function loadConfigIfAny(flags: LintFlags, cwd: string): Promise<LoadedConfig> {
  if (!flags.config && !findConfig(cwd)) return { config: {}, path: undefined };
  const { loadConfig } = await import("../config/config.js");
  return loadConfig({ cwd, ...(flags.config ? { explicit: flags.config } : {}) });
}

type Layer = Pick<Config, "profile" | "inputFormat" | "rules">;

/** One layer over the options so far: a per-format profile wins for its formats, a plain one for the rest. */
function apply(options: LintOptions, layer: Layer): LintOptions {
  const next: LintOptions = { ...options, rules: { ...options.rules } };
  for (const [id, level] of Object.entries(layer.rules ?? {})) (next.rules as Record<string, Level>)[id] = toLevel(level);
  if (layer.inputFormat) next.inputFormat = layer.inputFormat;
  if (typeof layer.profile === "string") {
    next.profile = layer.profile;
    delete next.profiles;
  } else if (layer.profile) next.profiles = { ...options.profiles, ...layer.profile };
  return next;
}

export async function settle(flags: LintFlags, cwd: string): Promise<LintSettings> {
  let loaded: LoadedConfig;
  try {
    loaded = await loadConfigIfAny(flags, cwd);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const { config, path } = loaded;
  const fromCommandLine: LintOptions = {};
  const rules: Record<string, Level> = {};
  for (const flag of flags.rule) {
    const [id, level] = parseRuleFlag(flag);
    rules[id] = level;
  }
  const finish = (options: LintOptions): LintOptions => {
    const done: LintOptions = { ...options, rules: { ...options.rules, ...rules } };
    if (flags.inputFormat && flags.inputFormat !== "auto") done.inputFormat = flags.inputFormat;
    if (flags.profile) {
      done.profile = flags.profile;
      delete done.profiles;
    }
    return done;
  };
  const base = apply(fromCommandLine, config);
  const overrides = (config.overrides ?? []).map((override: ConfigOverride) => ({ override, patterns: override.files.map((glob) => compilePattern(glob, "overrides", configDir(path, cwd))) }));
  const useIgnores = flags.ignore !== false;
  const ignoredBy = useIgnores ? ignoreMatcher([...(path ? configPatterns(config.ignore ?? [], path) : []), ...readIgnoreFile(cwd)], cwd) : () => undefined;
  return {
    options: finish(base),
    optionsFor: (file) => {
      const matching = overrides.filter(({ patterns }) => ignoreMatcher(patterns, cwd)(file) !== undefined);
      return finish(matching.reduce((options, { override }) => apply(options, override), base));
    },
    ignoredBy,
    ignored: (file) => ignoredBy(file) !== undefined,
    configPath: path ? relative(cwd, path) || path : undefined,
  };
}

function configDir(path: string | undefined, cwd: string): string {
  return path ? dirname(resolve(cwd, path)) : cwd;
}
