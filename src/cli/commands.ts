// The subcommands, each loaded only when the command line asks for it: a command's imports (the server,
// the replay, fast-check, the show page…) cost start-up time every other command would pay for nothing.
import type { Command } from "commander";
import type { CommandIo } from "./io.js";

type Register = (program: Command, io: CommandIo, setExit: (code: number) => void) => void;

/** Each module and the commands it registers, in the order `histlint --help` lists them. */
const MODULES: readonly { commands: readonly string[]; load: () => Promise<Register> }[] = [
  { commands: ["lint"], load: async () => (await import("./lint.js")).registerLint },
  { commands: ["fix"], load: async () => (await import("./fix.js")).registerFix },
  { commands: ["rules", "explain"], load: async () => (await import("./rules.js")).registerRules },
  { commands: ["serve"], load: async () => (await import("./serve.js")).registerServe },
  { commands: ["replay"], load: async () => (await import("./replay.js")).registerReplay },
  { commands: ["gen"], load: async () => (await import("./gen.js")).registerGen },
  { commands: ["show"], load: async () => (await import("./show.js")).registerShow },
  { commands: ["convert"], load: async () => (await import("./convert.js")).registerConvert },
];

/**
 * Registers the command `argv` names (`histlint lint …`: its first argument), or every command when it
 * names none of them (`--help`, `help lint`, a misspelt name): help and commander's suggestions then see
 * them all, as before. A command's own parsing is the same whether it is registered alone or with the others.
 */
export async function registerCommands(program: Command, argv: readonly string[], io: CommandIo, setExit: (code: number) => void): Promise<void> {
  const named = argv[2];
  const own = MODULES.filter((module) => named !== undefined && module.commands.includes(named));
  const registers = await Promise.all((own.length > 0 ? own : MODULES).map((module) => module.load()));
  for (const register of registers) register(program, io, setExit);
}
