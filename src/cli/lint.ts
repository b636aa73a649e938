// `histlint lint`: check histories and report what the provider would refuse.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import { RULES } from "../../rules/index.js";
import { lintFiles, lintSource, shardOf, type LintResult } from "../engine/index.js";
import { FormatName } from "../history/index.js";
import { ProfileName } from "../profiles/index.js";
import type { ByteSource } from "../read/index.js";
import { FORMATTER_NAMES, formatResults, type FormatterName } from "../report/index.js";
import { EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE_OR_IO, UsageError } from "./exit-codes.js";
import { settle, type LintFlags } from "./lint-settings.js";
import { expandPaths, STDIN } from "./paths.js";
import type { CommandIo } from "./io.js";
import { progressBar } from "./progress.js";
import { runFix } from "./fix.js";
import { collectSourceLines } from "./source-lines.js";

interface LintCommandOptions extends LintFlags {
  format: FormatterName;
  quiet: boolean;
  maxWarnings?: number;
  outputFile?: string;
  jobs?: number;
  shard?: { index: number; count: number };
}

const collect = (value: string, previous: string[]) => [...previous, value];

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings ${value}: give a whole number, 0 or more`);
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

export function registerLint(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  program
    .command("lint")
    .description("check histories for what would make the next request fail")
    .argument("[paths...]", "files, folders (every *.jsonl and *.json below), globs, or - for stdin", ["."])
    .addOption(new Option("--input-format <format>", "the history format, instead of detecting it").choices(["auto", ...FormatName.options]))
    .addOption(new Option("--profile <profile>", "the endpoint to check against (default: the format's own)").choices(ProfileName.options))
    .addOption(new Option("-f, --format <format>", "how to print the results").choices([...FORMATTER_NAMES]).default("stylish"))
    .option("--rule <id=level>", "set a rule to off, warn, error or info (repeatable)", collect, [])
    .option("--config <file>", "the configuration file (default: the nearest histlint.config.json upward)")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", nonNegativeInteger)
    .option("-o, --output-file <file>", "write the report to a file instead of standard output")
    .option("--quiet", "report errors only, not warnings", false)
    .option("--jobs <n>", "files linted in parallel (default: the number of cores)", positiveInteger)
    .option("--shard <i/n>", "lint only the i-th of n equal parts of the sorted file list (for CI matrices)", shard)
    .option("--fix", "repair the files in place, as `histlint fix` does")
    .addHelpText(
      "after",
      "\nExit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage or I/O error (a missing path, a bad configuration, a file that is not text, a format that cannot be told).\n\nExamples:\n  histlint lint ~/.codex/sessions\n  histlint lint session.jsonl --profile openai-chat     # before moving a history to another provider\n  histlint lint 'logs/**/*.jsonl' --format sarif -o histlint.sarif\n  cat body.json | histlint lint - --input-format responses",
    )
    .action(async (paths: string[], options: LintCommandOptions & { fix?: boolean }) => {
      setExit(options.fix ? runFix(paths, { ...options, backup: true }, io) : await runLint(paths, options, io));
    });
}

export async function runLint(paths: readonly string[], options: LintCommandOptions, io: CommandIo): Promise<number> {
  const settings = settle(options, io.cwd);
  const expanded = expandPaths(paths).filter((file) => file === STDIN || !settings.ignored(file));
  const files = options.shard ? shardOf(expanded, options.shard) : expanded;
  let stdin: Buffer | undefined;
  const progress = progressBar(process.stderr);
  const onDisk = await lintFiles(
    files.filter((file) => file !== STDIN),
    settings.options,
    { ...(options.jobs ? { jobs: options.jobs } : {}), onProgress: progress.update },
  );
  progress.clear();
  let next = 0;
  const results = files.map((file): LintResult => {
    if (file !== STDIN) return onDisk[next++] as LintResult;
    stdin = io.stdin();
    return lintSource("<stdin>", { buffer: stdin }, settings.options);
  });
  const shown = options.quiet ? results.map(onlyErrors) : results;
  const sourceOf = (path: string): ByteSource | undefined => (path === "<stdin>" ? (stdin ? { buffer: stdin } : undefined) : { path });
  const sourceLines = options.format === "stylish" && !options.outputFile ? collectSourceLines(shown, sourceOf) : undefined;
  const report = formatResults(options.format, shown, {
    color: io.isTty && !options.outputFile && !process.env.NO_COLOR,
    ...(sourceLines ? { sourceLines } : {}),
    rules: RULES.map((rule) => rule.meta),
    version: io.version,
    sourceOf,
  });
  if (options.outputFile) writeReport(options.outputFile, report);
  else io.stdout(report);
  if (results.some((result) => result.fatal)) return EXIT_USAGE_OR_IO;
  if (results.some((result) => result.errorCount > 0)) return EXIT_PROBLEMS;
  const warnings = shown.reduce((n, result) => n + result.warningCount, 0);
  return options.maxWarnings !== undefined && warnings > options.maxWarnings ? EXIT_PROBLEMS : EXIT_CLEAN;
}

function writeReport(path: string, report: string): void {
  try {
    writeFileSync(path, report);
  } catch (error) {
    throw new UsageError(`${path}: cannot write the report: ${(error as Error).message}`);
  }
}

function onlyErrors(result: LintResult): LintResult {
  return { ...result, warningCount: 0, messages: result.messages.filter((d) => d.severity === "error") };
}
