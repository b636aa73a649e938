// `histlint lint`: check histories and report what the provider would refuse.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import { lintFile, lintSource, type LintResult } from "../engine/index.js";
import { FormatName } from "../history/index.js";
import type { ByteSource } from "../read/index.js";
import { FORMATTERS, type FormatterName } from "../report/index.js";
import { EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE_OR_IO } from "./exit-codes.js";
import { expandPaths, STDIN } from "./paths.js";
import { collectSourceLines } from "./source-lines.js";

interface LintCommandOptions {
  inputFormat: FormatName | "auto";
  format: FormatterName;
  quiet: boolean;
}

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Buffer;
  isTty: boolean;
}

export function registerLint(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  program
    .command("lint")
    .description("check histories for what would make the next request fail")
    .argument("[paths...]", "files, folders (every *.jsonl and *.json below), globs, or - for stdin", ["."])
    .addOption(new Option("--input-format <format>", "the history format, instead of detecting it").choices(["auto", ...FormatName.options]).default("auto"))
    .addOption(new Option("-f, --format <format>", "how to print the results").choices(Object.keys(FORMATTERS)).default("stylish"))
    .option("--quiet", "report errors only, not warnings", false)
    .addHelpText(
      "after",
      "\nExit codes: 0 no errors, 1 errors found, 2 usage or I/O error (a missing path, a file that is not text, a format that cannot be told).\n\nExamples:\n  histlint lint ~/.codex/sessions\n  histlint lint 'logs/**/*.jsonl' --format json\n  cat body.json | histlint lint - --input-format responses",
    )
    .action((paths: string[], options: LintCommandOptions) => setExit(runLint(paths, options, io)));
}

export function runLint(paths: readonly string[], options: LintCommandOptions, io: CommandIo): number {
  const files = expandPaths(paths);
  let stdin: Buffer | undefined;
  const sourceOf = (file: string): ByteSource | undefined => (file === STDIN ? (stdin ? { buffer: stdin } : undefined) : { path: file });
  const results = files.map((file): LintResult => {
    if (file !== STDIN) return lintFile(file, { inputFormat: options.inputFormat });
    stdin = io.stdin();
    return lintSource("<stdin>", { buffer: stdin }, { inputFormat: options.inputFormat });
  });
  const shown = options.quiet ? results.map(onlyErrors) : results;
  if (options.format === "json") io.stdout(FORMATTERS.json(shown));
  else {
    const sourceLines = collectSourceLines(shown, (path) => sourceOf(path === "<stdin>" ? STDIN : path));
    io.stdout(FORMATTERS.stylish(shown, { color: io.isTty && !process.env.NO_COLOR, sourceLines }));
  }
  if (results.some((result) => result.fatal)) return EXIT_USAGE_OR_IO;
  return results.some((result) => result.errorCount > 0) ? EXIT_PROBLEMS : EXIT_CLEAN;
}

function onlyErrors(result: LintResult): LintResult {
  return { ...result, warningCount: 0, messages: result.messages.filter((d) => d.severity === "error") };
}

export function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch {
    return Buffer.alloc(0);
  }
}
