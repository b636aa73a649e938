// `lint --print-config <file>`: the settings one file gets, as JSON (ESLint's --print-config).
import { statSync } from "node:fs";
import { RULES } from "../../rules/index.js";
import { describeIoError, enabledRules, lintFile } from "../engine/lint-file.js";
import { UsageError } from "./exit-codes.js";
import type { LintSettings } from "./lint-settings.js";

export function printConfig(file: string, settings: LintSettings): string {
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--print-config ${file}: give a file, not a folder`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--print-config ${file}: ${describeIoError(error)}`);
  }
  const options = settings.optionsFor(file);
  const result = lintFile(file, options);
  const format = result.inputFormat;
  const profile = result.profile;
  const enabled = format && profile ? new Map(enabledRules(format, profile as Parameters<typeof enabledRules>[1], options.rules).map((e) => [e.rule.meta.id, e.severity])) : undefined;
  const rules = enabled ? Object.fromEntries(RULES.map((rule) => [rule.meta.id, enabled.get(rule.meta.id) ?? "off"])) : null;
  const printed = {
    file,
    configFile: settings.configPath ?? null,
    ignoredBy: settings.ignoredBy(file) ?? null,
    inputFormat: format,
    profile,
    ...(result.fatal ? { problem: result.messages[0]?.message } : {}),
    rules,
  };
  return JSON.stringify(printed, null, 2) + "\n";
}
