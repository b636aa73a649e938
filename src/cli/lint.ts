// `histlint lint`: check histories and report what the provider would refuse.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import { RULES } from "../../rules/index.js";
import type { LintResult } from "../engine/index.js";
import { FORMAT_NAMES } from "../history/index.js";
import { PROFILE_NAMES } from "../profiles/index.js";
import type { ByteSource } from "../read/index.js";
import { FORMATTER_NAMES, loadFormatter, type FormatterName } from "../report/load-formatter.js";
import { DEFAULT_CACHE_FILE, LintCache } from "./cache.js";
import { colorLevel } from "./color.js";
import { EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE_OR_IO, UsageError } from "./exit-codes.js";
import type { CommandIo } from "./io.js";
import { lintTargets } from "./lint-run.js";
import { settle, type LintFlags } from "./lint-settings.js";
import { printConfig } from "./print-config.js";
import { selectFiles, skippedNote } from "./select-files.js";
import { collectSourceLines } from "./source-lines.js";

export interface LintCommandOptions extends LintFlags {
  format: FormatterName;
  quiet: boolean;
  maxWarnings?: number;
  outputFile?: string;
  jobs?: number;
  shard?: { index: number; count: number };
  color?: boolean;
  debug?: boolean;
  fix?: boolean;
  dryRun?: boolean;
  printConfig?: string;
  cache?: boolean;
  cacheLocation?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** ESLint's convention: -1 (the default) is no limit. */
function maxWarnings(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < -1) throw new UsageError(`--max-warnings ${value}: give a whole number, 0 or more (-1: no limit)`);
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs ${value}: give a whole number, 1 or more`);
  return n;
}

function shard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${value}: write it as i/n with 1 <= i <= n, e.g. 2/4`);
  return { index, count };
}

const HELP = `
Folders are walked for *.jsonl and *.json, passing over node_modules, .git and the JSON files of other
tools (package.json, tsconfig.json, gen's *.expected.json…): how many is said on stderr, --debug names
each. A walked file no format recognises is passed over the same way; a file named on the command line is
always checked. .histlintignore (gitignore's syntax, in the working folder) and the configuration's
"ignore" leave files out; --no-ignore checks them too.

--cache keeps each file's result in ${DEFAULT_CACHE_FILE} (or --cache-location), keyed by the file's bytes,
histlint's version and the settings: unchanged files are not linted again. Delete the file to clear it.

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage or I/O error (a missing path, a bad configuration, a file that is not text, a format that cannot be told).

Examples:
  histlint lint ~/.codex/sessions
  histlint lint session.jsonl --profile openai-chat     # before moving a history to another provider
  histlint lint 'logs/**/*.jsonl' --format sarif -o histlint.sarif
  cat body.json | histlint lint - --input-format responses
  histlint lint --print-config session.jsonl`;

export function registerLint(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  program
    .command("lint")
    .description("check histories for what would make the next request fail")
    .argument("[paths...]", "files, folders (every *.jsonl and *.json below), globs, or - for stdin", ["."])
    .addOption(new Option("--input-format <format>", "the history format, instead of detecting it").choices(["auto", ...FORMAT_NAMES]))
    .addOption(new Option("--profile <profile>", "the endpoint to check against (default: the format's own)").choices(PROFILE_NAMES))
    .addOption(new Option("-f, --format <format>", "how to print the results (jsonl: one JSON result a line)").choices([...FORMATTER_NAMES]).default("stylish"))
    .option("--rule <id=level>", "set a rule to off, warn, error or info (repeatable)", collect, [])
    .option("--config <file>", "the configuration file (default: the nearest histlint.config.json upward)")
    .option("--no-ignore", "check files that .histlintignore or the configuration's ignore leave out")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this (-1: no limit)", maxWarnings)
    .option("-o, --output-file <file>", "write the report to a file instead of standard output")
    .option("--quiet", "report and count errors only, not warnings or infos", false)
    .option("--color", "colour the report even when it is not a terminal (FORCE_COLOR=1 does too)")
    .option("--no-color", "no colours (NO_COLOR=1 or FORCE_COLOR=0 do too)")
    .option("--jobs <n>", "files linted in parallel (default: the number of cores)", positiveInteger)
    .option("--shard <i/n>", "lint only the i-th of n equal parts of the sorted file list (for CI matrices)", shard)
    .option("--cache", `keep results in ${DEFAULT_CACHE_FILE} and lint only files that changed`)
    .option("--cache-location <file>", `where --cache keeps them (default: ${DEFAULT_CACHE_FILE})`)
    .option("--print-config <file>", "print the settings the file gets (configuration, overrides, command line) as JSON, and lint nothing")
    .option("--debug", "say on stderr which files were passed over and why, and what the cache held")
    .option("--fix", "repair the files in place, as `histlint fix` does")
    .option("--dry-run", "with --fix: print the diff of what would change and touch nothing")
    .addHelpText("after", HELP)
    .action(async (paths: string[], options: LintCommandOptions) => {
      if (options.dryRun && !options.fix) throw new UsageError("--dry-run goes with --fix (or use `histlint fix --dry-run`)");
      setExit(options.fix ? await (await import("./fix.js")).runFix(paths, { ...options, backup: true }, io) : await runLint(paths, options, io));
    });
}

export async function runLint(paths: readonly string[], options: LintCommandOptions, io: CommandIo): Promise<number> {
  const settings = await settle(options, io.cwd);
  if (options.printConfig !== undefined) {
    io.stdout(printConfig(options.printConfig, settings));
    return EXIT_CLEAN;
  }
  const selection = selectFiles(paths, settings, io, options.debug ?? false);
  const cache = options.cache || options.cacheLocation ? LintCache.open(options.cacheLocation ?? DEFAULT_CACHE_FILE, io.version) : undefined;
  const run = await lintTargets(selection.targets, settings, io, { ...(options.jobs ? { jobs: options.jobs } : {}), ...(cache ? { cache } : {}), ...(options.shard ? { shard: options.shard } : {}) });
  if (cache) saveCache(cache, io, options.debug ? run.cacheHits : undefined, run.results.length);
  if (options.debug) for (const file of run.unrecognised) io.stderr(`histlint: debug: ${file}: skipped, no history format recognises it (name it to see why)\n`);
  const { results } = run;
  const shown = options.quiet ? results.map(onlyErrors) : results;
  const sourceOf = (path: string): ByteSource | undefined => (path === "<stdin>" ? (run.stdin ? { buffer: run.stdin } : undefined) : { path });
  const sourceLines = options.format === "stylish" && !options.outputFile ? collectSourceLines(shown, sourceOf) : undefined;
  const color = colorLevel({ flag: options.color, env: process.env, isTty: io.isTty && !options.outputFile }) > 0;
  const report = (await loadFormatter(options.format, { color }))(shown, {
    color,
    ...(sourceLines ? { sourceLines } : {}),
    rules: RULES.map((rule) => rule.meta),
    version: io.version,
    sourceOf,
  });
  if (options.outputFile) writeReport(options.outputFile, report);
  else io.stdout(report);
  io.stderr(skippedNote([...selection.skipped, ...run.unrecognised]));
  if (results.some((result) => result.fatal)) return EXIT_USAGE_OR_IO;
  if (results.some((result) => result.errorCount > 0)) return EXIT_PROBLEMS;
  const warnings = shown.reduce((n, result) => n + result.warningCount, 0);
  if (options.maxWarnings !== undefined && options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    io.stderr(`histlint found too many warnings (${warnings}; --max-warnings ${options.maxWarnings})\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_CLEAN;
}

function saveCache(cache: LintCache, io: CommandIo, hits: number | undefined, files: number): void {
  try {
    cache.save();
  } catch (error) {
    io.stderr(`histlint: cannot write the cache ${cache.path}: ${(error as Error).message}\n`);
  }
  if (hits !== undefined) io.stderr(`histlint: debug: cache ${cache.path}: ${hits} of ${files} file(s) unchanged, not linted again\n`);
}

function writeReport(path: string, report: string): void {
  try {
    writeFileSync(path, report);
  } catch (error) {
    throw new UsageError(`${path}: cannot write the report: ${(error as Error).message}`);
  }
}

/** What --quiet shows: the errors, and counts of them alone (ESLint's `--quiet`). */
export function onlyErrors(result: LintResult): LintResult {
  const messages = result.messages.filter((d) => d.severity === "error");
  return { ...result, warningCount: 0, fixableCount: messages.filter((d) => d.fixable).length, messages };
}
