// `histlint replay`: rebuild every request a history implies and send it, to an embedded mock or a target.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import { FORMAT_NAMES, type FormatName } from "../history/index.js";
import { replayFiles, type ReplayOptions, type WireApi } from "../replay/index.js";
import { replayJson, replayStylish, summarizeReplay } from "../report/index.js";
import { colorLevel } from "./color.js";
import { EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE_OR_IO, UsageError } from "./exit-codes.js";
import type { CommandIo } from "./io.js";
import { wholeNumber } from "./option-values.js";
import { expandPaths, STDIN } from "./paths.js";

interface ReplayFlags {
  target?: string;
  apiKeyEnv?: string;
  endpoint?: WireApi;
  convertTo?: "chat" | "responses" | "anthropic" | "gemini";
  profile?: "codex" | "openai-responses";
  inputFormat?: FormatName | "auto";
  model?: string;
  only: "all" | "last";
  raw?: boolean;
  concurrency: number;
  timeout: number;
  retries: number;
  format: "stylish" | "json";
  outputFile?: string;
  color?: boolean;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`--timeout ${value}: give a number of seconds, more than 0`);
  return n;
}

export function registerReplay(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  program
    .command("replay")
    .description("rebuild every request a history implies and send it: to an embedded mock (default) or --target")
    .argument("<paths...>", "files, folders (every *.jsonl and *.json below), globs, or - for stdin")
    .option("--target <url>", "send to this base URL (a proxy, a local model server, a provider) instead of an embedded mock on loopback")
    .option("--api-key-env <name>", "read the API key for --target from this environment variable")
    .addOption(new Option("--endpoint <api>", "the wire API the requests go to (default: the history's own)").choices(["responses", "chat", "messages", "gemini"]))
    .addOption(new Option("--convert-to <api>", "translate the history first (roles, tool calls and outputs; reasoning is dropped)").choices(["responses", "chat", "anthropic", "gemini"]))
    .addOption(new Option("--profile <profile>", "how the embedded mock validates Responses requests (default: codex for Codex rollouts)").choices(["codex", "openai-responses"]))
    .addOption(new Option("--input-format <format>", "the history format, instead of detecting it").choices(["auto", ...FORMAT_NAMES]))
    .option("--model <id>", "the model to ask for (default: the one the history names, else a current one of the API)")
    .addOption(new Option("--only <which>", "all: every request; last: only the one a resume would send").choices(["all", "last"]).default("all"))
    .option("--raw", "send Codex rollouts as written, without the outputs Codex inserts for calls that have none")
    .option("--concurrency <n>", "files replayed at once (each file's requests go in order)", wholeNumber("--concurrency", 1), 4)
    .option("--timeout <seconds>", "how long to wait for each answer", seconds, 60)
    .option("--retries <n>", "send a request again after a 429, a 5xx or a dropped connection, up to n times", wholeNumber("--retries", 0), 0)
    .addOption(new Option("-f, --format <format>", "the report format").choices(["stylish", "json"]).default("stylish"))
    .option("-o, --output-file <file>", "write the report to a file instead of standard output")
    .option("--color", "colour the report even when it is not a terminal (FORCE_COLOR=1 does too)")
    .option("--no-color", "no colours (NO_COLOR=1 or FORCE_COLOR=0 do too)")
    .addHelpText(
      "after",
      "\nA request is rebuilt before each run of model output (the history up to it, as the client sent it) and once more\nfor a resume (the whole history, with a user message if the model spoke last). Codex rollouts get Codex's own\nrepair of missing outputs unless --raw. Nothing leaves the machine unless --target names another host.\n\nExit codes: 0 every request accepted, 1 a request refused, 2 usage error or a target that cannot be reached.\n\nExamples:\n  histlint fix session.jsonl && histlint replay session.jsonl\n  histlint replay rollout.jsonl --convert-to anthropic\n  histlint replay rollout.jsonl --only last --target https://api.openai.com/v1 --api-key-env OPENAI_API_KEY",
    )
    .action(async (paths: string[], flags: ReplayFlags) => setExit(await runReplay(paths, flags, io)));
}

export async function runReplay(paths: readonly string[], flags: ReplayFlags, io: CommandIo): Promise<number> {
  const files = expandPaths(paths).map((file) => (file === STDIN ? { name: "<stdin>", bytes: io.stdin() } : file));
  const options: ReplayOptions & { concurrency: number } = {
    concurrency: flags.concurrency,
    only: flags.only,
    timeoutMs: flags.timeout * 1000,
    retries: flags.retries,
    ...(flags.raw ? { raw: true } : {}),
    ...(flags.model ? { model: flags.model } : {}),
    ...(flags.inputFormat ? { inputFormat: flags.inputFormat } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.convertTo ? { convertTo: flags.convertTo === "anthropic" ? "messages" : flags.convertTo } : {}),
    ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
  };
  if (flags.convertTo && flags.endpoint && options.convertTo !== flags.endpoint) throw new UsageError(`--convert-to ${flags.convertTo} sends to the ${options.convertTo} API, not --endpoint ${flags.endpoint}`);
  if (flags.target) {
    options.target = { baseUrl: targetUrl(flags.target), ...(flags.apiKeyEnv ? { apiKey: apiKey(flags.apiKeyEnv) } : {}) };
    if (flags.profile) throw new UsageError("--profile sets how the embedded mock validates; with --target the target decides");
  } else if (flags.apiKeyEnv) throw new UsageError("--api-key-env is for --target: the embedded mock takes any key");
  const results = await replayFiles(files, options);
  const report = flags.format === "json" ? replayJson(results) : replayStylish(results, { color: colorLevel({ flag: flags.color, env: process.env, isTty: io.isTty && !flags.outputFile }) > 0 });
  if (flags.outputFile) writeFileSync(flags.outputFile, report);
  else io.stdout(report);
  const summary = summarizeReplay(results);
  return summary.failed > 0 ? EXIT_USAGE_OR_IO : summary.refused > 0 || summary.wontOpen > 0 ? EXIT_PROBLEMS : EXIT_CLEAN;
}

function targetUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--target ${value}: give a base URL such as http://127.0.0.1:8080/v1`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--target ${value}: only http and https URLs`);
  return value;
}

function apiKey(name: string): string {
  const key = process.env[name];
  if (!key) throw new UsageError(`--api-key-env ${name}: the environment variable ${name} is not set`);
  return key;
}
