// `histlint fix`: repair histories in place (atomically, with a backup), or show the diff, or write elsewhere.
import { readFileSync, statSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import { RULES } from "../../rules/index.js";
import { ChangedOnDisk, describeIoError, fileKind, HeldOpenForWriting, removeStaleTemporaries, writeWhole, type LintResult, type ReplaceOutcome, type Settled } from "../engine/index.js";
import { FORMAT_NAMES } from "../history/index.js";
import { PROFILE_NAMES } from "../profiles/index.js";
import { FORMATTER_NAMES, formatResults, type FormatterName } from "../report/index.js";
import { colorLevel } from "./color.js";
import { streamedRepair, wholeRepair, type Repair } from "./fix-repair.js";
import { EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE_OR_IO, UsageError } from "./exit-codes.js";
import type { CommandIo } from "./io.js";
import { settle, type LintFlags } from "./lint-settings.js";
import { STDIN } from "./paths.js";
import { selectFiles, skippedNote } from "./select-files.js";

export interface FixFlags extends LintFlags {
  dryRun?: boolean;
  output?: string;
  stdout?: boolean;
  backup: boolean;
  unsafe?: boolean;
  cancelText?: string;
  maxTokens?: number;
  force?: boolean;
  format?: FormatterName;
  /** `lint --fix -o <file>`: the report goes there. */
  outputFile?: string;
  color?: boolean;
  debug?: boolean;
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
    .addOption(new Option("--input-format <format>", "the history format, instead of detecting it").choices(["auto", ...FORMAT_NAMES]))
    .addOption(new Option("--profile <profile>", "the endpoint to repair a request body for (default: the format's own); for a Codex or Claude Code file, the endpoint to check the repair against").choices(PROFILE_NAMES))
    .option("--rule <id=level>", "set a rule to off, warn, error or info (repeatable); an off rule repairs nothing", collect, [])
    .option("--config <file>", "the configuration file (default: the nearest histlint.config.json upward)")
    .option("--no-ignore", "also repair files that .histlintignore or the configuration's ignore leave out")
    .addOption(new Option("-f, --format <format>", "how to print what remains after the repair").choices([...FORMATTER_NAMES]).default("stylish"))
    .option("--color", "colour the report even when it is not a terminal (FORCE_COLOR=1 does too)")
    .option("--no-color", "no colours (NO_COLOR=1 or FORCE_COLOR=0 do too)")
    .option("--debug", "say on stderr which files were passed over and why")
    .addHelpText(
      "after",
      "\nAfter repairing, the result is linted again and what remains is reported.\nExit codes: 0 no errors remain, 1 errors remain, 2 usage or I/O error (nothing is written for that file).\n\nExamples:\n  histlint fix ~/.codex/sessions/2026/11/21/rollout-….jsonl\n  histlint fix session.jsonl --dry-run\n  histlint fix session.jsonl && histlint lint session.jsonl",
    )
    .action(async (paths: string[], flags: FixFlags) => setExit(await runFix(paths, flags, io)));
}

export async function runFix(paths: readonly string[], flags: FixFlags, io: CommandIo): Promise<number> {
  const settings = await settle(flags, io.cwd);
  const selection = selectFiles(paths, settings, io, flags.debug ?? false);
  const files = selection.targets.map((target) => target.file);
  if ((flags.output || flags.stdout) && files.length !== 1) throw new UsageError(`${flags.output ? "-o" : "--stdout"} takes exactly one input, not ${files.length}`);
  const extra = {
    ...(flags.unsafe ? { unsafe: true } : {}),
    ...(flags.cancelText !== undefined ? { cancelText: flags.cancelText } : {}),
    ...(flags.maxTokens !== undefined ? { maxTokens: flags.maxTokens } : {}),
  };
  const results: LintResult[] = [];
  const notes: string[] = [];
  const unrecognised: string[] = [];
  let ioFailed = false;
  let overBudget = false;
  for (const { file, walked } of selection.targets) {
    if (file !== STDIN) removeStaleTemporaries(file);
    const name = file === STDIN ? "<stdin>" : file;
    const options = { ...(file === STDIN ? settings.options : settings.optionsFor(file)), ...extra };
    const inPlace = file !== STDIN && !flags.output && !flags.stdout;
    const streamed = file !== STDIN && checkInput(file) ? streamedRepair(file, { ...options }, { ...(flags.output && !flags.dryRun ? { output: flags.output } : {}), inPlace: inPlace && !flags.dryRun }) : undefined;
    const repair = streamed ?? wholeRepair(name, file === STDIN ? io.stdin() : readInput(file), options);
    const { outcome, portability } = repair;
    let kept = false;
    try {
      if (walked && outcome.remaining.fatal && outcome.remaining.messages[0]?.ruleId === "unknown-format") {
        unrecognised.push(file);
        continue;
      }
      // What remains is reported at the file that holds the repair.
      const written = flags.output && !flags.dryRun ? flags.output : name;
      results.push({ ...(portability ?? outcome.remaining), filePath: written });
      if (outcome.remaining.fatal) continue;
      if (outcome.pruned?.shortfall) {
        // A budget that cannot be met is a failure: dropping every call and writing that would lose data for nothing.
        overBudget = true;
        notes.push(`${name}: cannot fit --max-tokens ${flags.maxTokens}: ${outcome.pruned.shortfall}; nothing ${flags.dryRun ? "would be " : ""}written\n`);
        continue;
      }
      let replaced: ReplaceOutcome | undefined;
      if (flags.dryRun) {
        repair.diff(name, (text) => io.stdout(text));
      } else if (flags.stdout || file === STDIN) {
        repair.print((text) => io.stdout(text));
      } else if (flags.output) {
        kept = true;
        writeOutput(flags.output, repair);
      } else if (outcome.changed) {
        kept = true;
        try {
          replaced = repair.replace(file, { backup: flags.backup, appendable: outcome.layout === "lines", force: flags.force === true });
        } catch (error) {
          if (!(error instanceof ChangedOnDisk || error instanceof HeldOpenForWriting)) throw new UsageError(`${file}: cannot write the repair: ${describeIoError(error)}`);
          io.stderr(`histlint: ${error.message}\n`);
          ioFailed = true;
          continue;
        }
      }
      io.stderr(summary(name, outcome, { ...flags, inPlace }) + meanwhile(name, replaced));
      if (portability) io.stderr(`${name}: the profile ${portability.profile} checks whether the history would be accepted there; a ${outcome.remaining.inputFormat === "codex" ? "Codex rollout" : "Claude Code session"} is repaired for its own client, never rewritten into another's shape\n`);
    } finally {
      // A repair written in place or to -o took its temporary with it (or removed it when it failed).
      if (!kept) repair.discard();
    }
  }
  const toStderr = flags.stdout || files.includes(STDIN);
  const color = colorLevel({ flag: flags.color, env: process.env, isTty: toStderr ? Boolean(process.stderr.isTTY) : io.isTty }) > 0;
  const report = formatResults(flags.format ?? "stylish", results, { color, rules: RULES.map((r) => r.meta), version: io.version });
  if (flags.outputFile) writeOutput(flags.outputFile, Buffer.from(report), "the report");
  else if (!toStderr) io.stdout(report);
  else io.stderr(report);
  io.stderr(notes.join("") + skippedNote([...selection.skipped, ...unrecognised]));
  if (ioFailed || results.some((r) => r.fatal)) return EXIT_USAGE_OR_IO;
  return results.some((r) => r.errorCount > 0) || overBudget ? EXIT_PROBLEMS : EXIT_CLEAN;
}

/** Fails as reading would for a path that is not a regular file; true otherwise. */
function checkInput(file: string): boolean {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new UsageError(`${file}: not a regular file (${fileKind(stat)}): fix repairs history files`);
    return true;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: ${describeIoError(error)}`);
  }
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

function writeOutput(path: string, data: Buffer | Repair, what = "the repair"): void {
  try {
    if (Buffer.isBuffer(data)) writeWhole(path, data);
    else data.writeTo(path);
  } catch (error) {
    throw new UsageError(`${path}: cannot write ${what}: ${describeIoError(error)}`);
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
function summary(file: string, outcome: Settled<unknown>, flags: FixFlags & { inPlace: boolean }): string {
  const verb = flags.dryRun ? "would repair" : "repaired";
  const counts = new Map<string, number>();
  for (const fix of outcome.applied) counts.set(fix.ruleId, (counts.get(fix.ruleId) ?? 0) + 1);
  const what = [...counts].map(([rule, n]) => `${rule}${n > 1 ? ` ×${n}` : ""}`).join(", ");
  const pruned = outcome.pruned;
  const dropped = pruned !== undefined && pruned.dropped.length > 0;
  const where = flags.dryRun ? "" : flags.output ? `, written to ${flags.output}` : flags.inPlace && flags.backup && outcome.changed ? `; the original is in ${file}.bak` : "";
  const lines: string[] = [];
  if (outcome.applied.length > 0) lines.push(`${file}: ${verb} ${outcome.applied.length} (${what})${where}`);
  else if (!dropped) lines.push(`${file}: nothing to repair${flags.output && !flags.dryRun ? `, copied to ${flags.output}` : ""}`);
  if (outcome.needUnsafe.length > 0) lines.push(`${file}: ${outcome.needUnsafe.length} more can be repaired with --unsafe (${[...new Set(outcome.needUnsafe.map((d) => d.ruleId))].join(", ")}), which may drop data`);
  if (dropped) {
    const calls = pruned.dropped.map((group) => `${group.callIds.join("+")} (line ${group.line}, ${group.tokens} tokens)`).join(", ");
    lines.push(`${file}: ${flags.dryRun ? "would drop" : "dropped"} ${pruned.dropped.length} tool call group(s) to fit --max-tokens ${flags.maxTokens}: ${pruned.before} → ${pruned.after} tokens; dropped ${calls}${outcome.applied.length === 0 ? where : ""}`);
  } else if (pruned) lines.push(`${file}: ${pruned.before} tokens, within --max-tokens ${flags.maxTokens}`);
  if (outcome.unsettled.length > 0) lines.push(`${file}: the repairs did not settle after 10 passes; these rules keep undoing each other: ${outcome.unsettled.join(", ")}`);
  return lines.join("\n") + "\n";
}
