// The `histlint` program: parses arguments, runs one command, returns the exit code. No logic lives here.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT_USAGE_OR_IO, UsageError } from "./exit-codes.js";
import { readStdin, type CommandIo } from "./io.js";
import { registerCommands } from "./commands.js";

/** The version in histlint's package.json, found upward from this module (dist/src/cli or src/cli). */
function packageVersion(): string {
  for (const up of ["../../../package.json", "../../package.json"]) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { name?: string; version: string };
      if (manifest.name === "histlint") return manifest.version;
    } catch {
      // not at this level
    }
  }
  return "unknown";
}

const defaultIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: readStdin,
  isTty: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
  version: packageVersion(),
};

/** Runs the CLI with `argv` (as in process.argv) and returns the exit code. */
export async function main(argv: readonly string[], io: CommandIo = defaultIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name("histlint")
    .description("Lint, repair and replay the conversation histories LLM agents write.")
    .version(io.version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run with --help for usage)");
  try {
    await registerCommands(program, argv, io, (code) => (exitCode = code));
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE_OR_IO;
    if (error instanceof UsageError) {
      io.stderr(`histlint: ${error.message}\n`);
      return EXIT_USAGE_OR_IO;
    }
    io.stderr(`histlint: internal error: ${(error as Error).message}\nPlease report it with the command line and the file that caused it.\n`);
    return EXIT_USAGE_OR_IO;
  }
}
