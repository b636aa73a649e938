// `histlint fix`: repair histories in place (atomically, with a backup), or show the diff, or write elsewhere.
import { readFileSync, statSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import { RULES } from "../../rules/index.js";
import { ChangedOnDisk, describeIoError, fileKind, fixBytes, HeldOpenForWriting, removeStaleTemporaries, replaceFile, writeWhole, type FixOutcome, type LintResult, type ReplaceOutcome } from "../engine/index.js";
import { FormatName } from "../history/index.js";
import { ProfileName } from "../profiles/index.js";
import { formatResults, unifiedDiff } from "../report/index.js";
import { EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE_OR_IO, UsageError } from "./exit-codes.js";
import type { CommandIo } from "./io.js";
import { settle, type LintFlags } from "./lint-settings.js";
import { expandPaths, STDIN } from "./paths.js";

export interface FixFlags extends LintFlags {
  dryRun?: boolean;
  output?: string;
  stdout?: boolean;
  backup: boolean;
  unsafe?: boolean;
  cancelText?: string;
  maxTokens?: number;
  force?: boolean;
}

function tokenBudget(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max-tokens ${value}: give a whole number of tokens, 1 or more`);
  return n;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerFix(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  program
    .command("fix")
    .description("repair histories so the session can be resumed (atomic, keeps <file>.bak)")
    // A command that rewrites files in place takes the files by name: no default to the whole folder.
    .argument("<paths...>", "files, folders (every *.jsonl and *.json below), globs, or - for stdin (written to stdout)")
    .option("--dry-run", "print a unified diff of what would change and touch nothing")
    .option("-o, --output <file>", "write the repair there instead of in place (one input)")
    .option("--stdout", "write the repair to standard output instead of in place (one input)")
    .option("--no-backup", "do not keep the original as <file>.bak")
    .option("--force", "write even when another process (the agent) holds the file open for writing; what it writes after the repair is lost")
    .option("--unsafe", "also apply repairs that take judgement and may drop data (invalid lines, foreign tool messages…)")
    .option("--cancel-text <text>", "the output text for cancelled calls, instead of the client's own (Codex: \"aborted\")")
    .option("--max-tokens <n>", "drop the oldest tool calls (with their outputs and reasoning) until the history fits n tokens; it loses data", tokenBudget)
    .addOption(new Option("--input-format <format>", "the history format, instead of detecting it").choices(["auto", ...FormatName.options]))
    .addOption(new Option("--profile <profile>", "the endpoint to repair for (default: the format's own)").choices(ProfileName.options))
    .option("--rule <id=level>", "set a rule to off, warn, error or info (repeatable); an off rule repairs nothing", collect, [])
    .option("--config <file>", "the configuration file (default: the nearest histlint.config.json upward)")
    .addHelpText(
      "after",
      "\nAfter repairing, the result is linted again and what remains is reported.\nExit codes: 0 no errors remain, 1 errors remain, 2 usage or I/O error (nothing is written for that file).\n\nExamples:\n  histlint fix ~/.codex/sessions/2026/11/21/rollout-….jsonl\n  histlint fix session.jsonl --dry-run\n  histlint fix session.jsonl && histlint lint session.jsonl",
    )
    .action((paths: string[], flags: FixFlags) => setExit(runFix(paths, flags, io)));
}

export function runFix(paths: readonly string[], flags: FixFlags, io: CommandIo): number {
  const settings = settle(flags, io.cwd);
  const files = expandPaths(paths).filter((file) => file === STDIN || !settings.ignored(file));
  if ((flags.output || flags.stdout) && files.length !== 1) throw new UsageError(`${flags.output ? "-o" : "--stdout"} takes exactly one input, not ${files.length}`);
  const options = {
    ...settings.options,
    ...(flags.unsafe ? { unsafe: true } : {}),
    ...(flags.cancelText !== undefined ? { cancelText: flags.cancelText } : {}),
    ...(flags.maxTokens !== undefined ? { maxTokens: flags.maxTokens } : {}),
  };
  const results: LintResult[] = [];
  let ioFailed = false;
  let overBudget = false;
  for (const file of files) {
    if (file !== STDIN) removeStaleTemporaries(file);
    const input = file === STDIN ? io.stdin() : readInput(file);
    const name = file === STDIN ? "<stdin>" : file;
    const outcome = fixBytes(name, input, options);
    results.push(outcome.remaining);
    if (outcome.remaining.fatal) continue;
    let written: ReplaceOutcome | undefined;
    if (flags.dryRun) {
      io.stdout(unifiedDiff(name, input.toString("utf8"), outcome.output.toString("utf8")));
    } else if (flags.stdout || file === STDIN) {
      io.stdout(outcome.output.toString("utf8"));
    } else if (flags.output) {
      writeOutput(flags.output, outcome.output);
    } else if (outcome.changed) {
      try {
        written = replaceFile(file, outcome.output, input, { backup: flags.backup, appendable: outcome.layout === "lines", force: flags.force === true });
      } catch (error) {
        if (!(error instanceof ChangedOnDisk || error instanceof HeldOpenForWriting)) throw new UsageError(`${file}: cannot write the repair: ${describeIoError(error)}`);
        io.stderr(`histlint: ${error.message}\n`);
        ioFailed = true;
        continue;
      }
    }
    io.stderr(summary(name, outcome, flags) + meanwhile(name, written));
    overBudget ||= outcome.pruned?.shortfall !== undefined;
  }
  const report = formatResults("stylish", results, { color: io.isTty && !process.env.NO_COLOR, rules: RULES.map((r) => r.meta), version: io.version });
  if (!flags.stdout && !files.includes(STDIN)) io.stdout(report);
  else io.stderr(report);
  if (ioFailed || results.some((r) => r.fatal)) return EXIT_USAGE_OR_IO;
  return results.some((r) => r.errorCount > 0) || overBudget ? EXIT_PROBLEMS : EXIT_CLEAN;
}

function readInput(file: string): Buffer {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new UsageError(`${file}: not a regular file (${fileKind(stat)}): fix repairs history files`);
    return readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: ${describeIoError(error)}`);
  }
}

function writeOutput(path: string, data: Buffer): void {
  try {
    writeWhole(path, data);
  } catch (error) {
    throw new UsageError(`${path}: cannot write the repair: ${describeIoError(error)}`);
  }
}

/** What happened to the client's writes while the repair was written. */
function meanwhile(file: string, written: ReplaceOutcome | undefined): string {
  if (!written) return "";
  const lines: string[] = [];
  if (written.appendedMeanwhile > 0) lines.push(`${file}: ${written.appendedMeanwhile} bytes appended while fix ran are kept, after the repair`);
  if (written.forcedPast.length > 0) {
    const who = written.forcedPast.map((w) => `${w.command} (pid ${w.pid})`).join(", ");
    lines.push(`${file}: written with --force while ${who} held it open for writing: what it writes from now on goes to the old file and is lost; restart it`);
  }
  return lines.map((line) => `${line}\n`).join("");
}

/** One line a file: what was repaired, what was left for --unsafe, what would not settle. */
function summary(file: string, outcome: FixOutcome, flags: FixFlags): string {
  const verb = flags.dryRun ? "would repair" : "repaired";
  const counts = new Map<string, number>();
  for (const fix of outcome.applied) counts.set(fix.ruleId, (counts.get(fix.ruleId) ?? 0) + 1);
  const what = [...counts].map(([rule, n]) => `${rule}${n > 1 ? ` ×${n}` : ""}`).join(", ");
  const lines = [outcome.applied.length === 0 ? `${file}: nothing to repair` : `${file}: ${verb} ${outcome.applied.length} (${what})${!flags.dryRun && flags.backup && !flags.output && !flags.stdout ? `; the original is in ${file}.bak` : ""}`];
  if (outcome.needUnsafe.length > 0) lines.push(`${file}: ${outcome.needUnsafe.length} more can be repaired with --unsafe (${[...new Set(outcome.needUnsafe.map((d) => d.ruleId))].join(", ")}), which may drop data`);
  const pruned = outcome.pruned;
  if (pruned && pruned.dropped.length > 0) {
    const calls = pruned.dropped.map((group) => `${group.callIds.join("+")} (line ${group.line}, ${group.tokens} tokens)`).join(", ");
    lines.push(`${file}: ${flags.dryRun ? "would drop" : "dropped"} ${pruned.dropped.length} tool call group(s) to fit --max-tokens ${flags.maxTokens}: ${pruned.before} → ${pruned.after} tokens; dropped ${calls}`);
  } else if (pruned && !pruned.shortfall) lines.push(`${file}: ${pruned.before} tokens, within --max-tokens ${flags.maxTokens}`);
  if (pruned?.shortfall) lines.push(`${file}: cannot fit --max-tokens ${flags.maxTokens}: ${pruned.shortfall}`);
  if (outcome.unsettled.length > 0) lines.push(`${file}: the repairs did not settle after 10 passes; these rules keep undoing each other: ${outcome.unsettled.join(", ")}`);
  return lines.join("\n") + "\n";
}
