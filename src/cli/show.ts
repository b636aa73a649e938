// `histlint show`: write one self-contained HTML page of a session as its client will resume it.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { describeIoError } from "../engine/index.js";
import { FORMAT_NAMES } from "../history/index.js";
import { PROFILE_NAMES } from "../profiles/index.js";
import { renderPage, showBytes } from "../show/index.js";
import { EXIT_CLEAN, EXIT_USAGE_OR_IO, UsageError } from "./exit-codes.js";
import type { CommandIo } from "./io.js";
import { settle, type LintFlags } from "./lint-settings.js";
import { STDIN } from "./paths.js";

interface ShowFlags extends LintFlags {
  output?: string;
  open?: boolean;
  fix?: boolean;
  unsafe?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerShow(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  program
    .command("show")
    .description("write one HTML page of a session as its client will resume it (works offline)")
    .argument("<file>", "a history file, or - for stdin")
    .option("-o, --output <file>", "where to write the page (default: <name>.histlint.html in the current folder)")
    .option("--open", "open the page in the default browser")
    .option("--fix", "also show the repair histlint fix would make, before and after (nothing is written to the history)")
    .option("--unsafe", "with --fix: include the repairs that may drop data")
    .addOption(new Option("--input-format <format>", "the history format, instead of detecting it").choices(["auto", ...FORMAT_NAMES]))
    .addOption(new Option("--profile <profile>", "the endpoint to check against (default: the format's own)").choices(PROFILE_NAMES))
    .option("--rule <id=level>", "set a rule to off, warn, error or info (repeatable)", collect, [])
    .option("--config <file>", "the configuration file (default: the nearest histlint.config.json upward)")
    .addHelpText("after", "\nPrints the path of the page. Exit codes: 0 the page is written, 2 usage or I/O error (a file that cannot be read as a history).\n\nExamples:\n  histlint show ~/.codex/sessions/2026/11/21/rollout-….jsonl --open\n  histlint show session.jsonl --fix -o repair.html")
    .action(async (file: string, flags: ShowFlags) => setExit(await runShow(file, flags, io)));
}

function readInput(file: string, io: CommandIo): Buffer {
  if (file === STDIN) return io.stdin();
  try {
    return readFileSync(resolve(io.cwd, file));
  } catch (error) {
    throw new UsageError(`${file}: cannot read the file: ${describeIoError(error)}`);
  }
}

export async function runShow(file: string, flags: ShowFlags, io: CommandIo): Promise<number> {
  if (flags.unsafe && !flags.fix) throw new UsageError("--unsafe goes with --fix: it chooses which repairs the page shows");
  const settings = await settle(flags, io.cwd);
  const filePath = file === STDIN ? "<stdin>" : file;
  const view = showBytes(filePath, readInput(file, io), { ...settings.options, ...(flags.fix ? { fix: true } : {}), ...(flags.unsafe ? { unsafe: true } : {}) });
  if (view.fatal) {
    const finding = view.timeline.findings[0];
    io.stderr(`${filePath}:${finding?.line ?? 1}:${finding?.column ?? 1}: ${view.fatal}${finding ? ` [${finding.ruleId}]` : ""}\n`);
    return EXIT_USAGE_OR_IO;
  }
  const name = file === STDIN ? "stdin" : basename(file, extname(file));
  const output = resolve(io.cwd, flags.output ?? `${name}.histlint.html`);
  try {
    writeFileSync(output, renderPage([view], { cwd: io.cwd, version: io.version }));
  } catch (error) {
    throw new UsageError(`${flags.output ?? output}: cannot write the page: ${describeIoError(error)}`);
  }
  io.stdout(`${output}\n`);
  if (flags.open) openInBrowser(output, io);
  return EXIT_CLEAN;
}

/** The desktop's own opener; where there is none (a CI runner), the page is still written and it says so. */
function openInBrowser(path: string, io: CommandIo): void {
  const [command, args] = process.platform === "darwin" ? ["open", [path]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", path]] : ["xdg-open", [path]];
  const child = spawn(command, args, { stdio: "ignore", detached: true });
  child.on("error", () => io.stderr(`histlint: could not open a browser (${command} failed); the page is at ${path}\n`));
  child.unref();
}
