// `histlint gen`: generated histories on disk, valid or with one known fault, for testing other tools.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import fc from "fast-check";
import { FORMAT_NAMES, type FormatName } from "../history/index.js";
import { PROFILE_NAMES, type ProfileName } from "../profiles/index.js";
import { brokenHistory, checkFormat, lintHistory, validHistory, type BrokenHistory, type GeneratedHistory } from "../testing/index.js";
import { UsageError } from "./exit-codes.js";
import type { CommandIo } from "./io.js";
import { wholeNumber } from "./option-values.js";

interface GenFlags {
  profile: ProfileName;
  count: number;
  broken?: boolean;
  inputFormat?: FormatName;
  seed?: number;
  output: string;
  maxTurns: number;
  compaction?: boolean;
}

const isBroken = (history: GeneratedHistory | BrokenHistory): history is BrokenHistory => "fault" in history;

const EXTENSION: Record<FormatName, string> = { codex: "jsonl", responses: "jsonl", "claude-code": "jsonl", chat: "json", anthropic: "json", "openai-agents-state": "json", gemini: "json", "gemini-cli": "jsonl" };

export function registerGen(program: Command, io: CommandIo): void {
  program
    .command("gen")
    .description("write generated histories (valid, or each with one known fault) for testing other tools")
    .usage("--profile <profile> -o <dir> [options]")
    .addOption(new Option("--profile <profile>", "required: the endpoint the histories are valid for").choices(PROFILE_NAMES).makeOptionMandatory())
    .option("--count <n>", "how many histories", wholeNumber("--count", 1), 10)
    .option("--broken", "give each one fault of the field, and write what histlint finds beside it (<name>.expected.json)")
    .addOption(new Option("--input-format <format>", "the file format (default: the profile's client's)").choices(FORMAT_NAMES))
    .option("--seed <n>", "the random seed; the same seed writes the same files (default: a new one, printed)", wholeNumber("--seed", 0))
    .requiredOption("-o, --output <dir>", "required: the folder to write into (made if missing)")
    .option("--max-turns <n>", "user turns at most in each history", wholeNumber("--max-turns", 1), 3)
    .option("--compaction", "Codex compactions between turns (Codex rollouts)")
    .addHelpText("after", "\n--profile and -o are required.\n\nExamples:\n  histlint gen --profile codex --count 50 --seed 1 -o gen/codex\n  histlint gen --profile anthropic --input-format claude-code --broken --count 20 -o gen/broken")
    .action((flags: GenFlags) => runGen(flags, io));
}

export function runGen(flags: GenFlags, io: CommandIo): void {
  let format: FormatName;
  try {
    format = checkFormat(flags.profile, flags.inputFormat);
  } catch (error) {
    throw new UsageError(`--input-format: ${(error as Error).message}`);
  }
  const seed = flags.seed ?? Math.floor(Math.random() * 2 ** 31);
  const valid = validHistory({ profile: flags.profile, format, maxTurns: flags.maxTurns, compaction: flags.compaction ?? false });
  const arbitrary: fc.Arbitrary<GeneratedHistory | BrokenHistory> = flags.broken ? brokenHistory(valid) : valid;
  const histories = fc.sample(arbitrary, { seed, numRuns: flags.count });
  try {
    mkdirSync(flags.output, { recursive: true });
    histories.forEach((history, i) => {
      const name = `${flags.profile}-${format}-${String(i + 1).padStart(4, "0")}`;
      writeFileSync(join(flags.output, `${name}.${EXTENSION[format]}`), history.text);
      if (isBroken(history)) {
        const found = lintHistory(history, { name: `${name}.${EXTENSION[format]}` }).messages.map(({ ruleId, severity, line, column, message }) => ({ ruleId, severity, line, column, message }));
        const expected = { fault: history.fault, rule: history.rule, repairable: history.repairable, diagnostics: found };
        writeFileSync(join(flags.output, `${name}.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
      }
    });
  } catch (error) {
    throw new UsageError(`cannot write to ${flags.output}: ${(error as Error).message}`);
  }
  io.stdout(`wrote ${histories.length} ${flags.broken ? "broken" : "valid"} ${format} histories for ${flags.profile} to ${flags.output} (seed ${seed})\n`);
}
