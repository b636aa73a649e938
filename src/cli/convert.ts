// `histlint convert`: write a history as another provider's request body (the translation replay sends).
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import { describeIoError } from "../engine/index.js";
import { FORMAT_NAMES, type FormatName } from "../history/index.js";
import { planReplay, type WireApi } from "../replay/index.js";
import { EXIT_CLEAN, UsageError } from "./exit-codes.js";
import type { CommandIo } from "./io.js";
import { STDIN } from "./paths.js";

interface ConvertFlags {
  to: "responses" | "chat" | "anthropic";
  output?: string;
  inputFormat?: FormatName | "auto";
  model?: string;
  raw?: boolean;
}

const API: Record<ConvertFlags["to"], WireApi> = { responses: "responses", chat: "chat", anthropic: "messages" };
const TITLE: Record<ConvertFlags["to"], string> = { responses: "an OpenAI Responses", chat: "a Chat Completions", anthropic: "an Anthropic Messages" };

export function registerConvert(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  program
    .command("convert")
    .description("write a history as a request body of another API, to move a session to another provider")
    .argument("<file>", "a history file, or - for stdin")
    .addOption(new Option("--to <api>", "required: the API to write for").choices(Object.keys(API)).makeOptionMandatory())
    .option("-o, --output <file>", "write the body there instead of standard output")
    .addOption(new Option("--input-format <format>", "the history format, instead of detecting it").choices(["auto", ...FORMAT_NAMES]))
    .option("--model <id>", "the model the body asks for (default: the history's own when it stays on its API, else a current one of the API)")
    .option("--raw", "a client's file as written, without the repairs the client makes before sending it (Codex's \"aborted\" outputs…)")
    .addHelpText(
      "after",
      "\nThe history is read as its client rebuilds it on resume (Codex compactions, the Claude Code chain) and translated as\n`histlint replay --convert-to` sends it: roles, tool calls and outputs take the API's shapes, system and developer\nmessages become Anthropic's `system`, reasoning is dropped (no provider takes another's). Tools the history calls\nget open definitions. The source file is never changed.\n\nExamples:\n  histlint convert rollout.jsonl --to anthropic -o body.json && histlint lint body.json\n  histlint convert session.jsonl --to chat --model gpt-4.1",
    )
    .action((file: string, flags: ConvertFlags) => setExit(runConvert(file, flags, io)));
}

export function runConvert(file: string, flags: ConvertFlags, io: CommandIo): number {
  const name = file === STDIN ? "<stdin>" : file;
  let bytes: Buffer;
  try {
    bytes = file === STDIN ? io.stdin() : readFileSync(file);
  } catch (error) {
    throw new UsageError(`${file}: ${describeIoError(error)}`);
  }
  const plan = planReplay(name, { buffer: bytes }, { convertTo: API[flags.to], ...(flags.inputFormat ? { inputFormat: flags.inputFormat } : {}), ...(flags.model ? { model: flags.model } : {}), ...(flags.raw ? { raw: true } : {}) });
  if (!plan.ok) throw new UsageError(`${name}: cannot convert it: ${plan.message}`);
  const { stream: _stream, ...body } = plan.history();
  const text = `${JSON.stringify(body, null, 2)}\n`;
  if (flags.output) {
    try {
      writeFileSync(flags.output, text);
    } catch (error) {
      throw new UsageError(`${flags.output}: cannot write it: ${describeIoError(error)}`);
    }
  } else io.stdout(text);
  const notes = [...plan.readProblems.map((d) => `${name}:${d.line}:${d.column}: ${d.message} (left out)`), ...plan.notes];
  io.stderr([...notes, `${name}: ${plan.format} history written as ${TITLE[flags.to]} request body${flags.output ? ` to ${flags.output}` : ""}`].map((line) => `${line}\n`).join(""));
  return EXIT_CLEAN;
}
