// `npm run bench:startup-and-jobs`: how long `histlint lint` takes to start, and whether --jobs pays off.
// Start-up is measured against an empty Node process; the default --jobs against --jobs 1, in the same run.
import { availableParallelism, loadavg } from "node:os";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { threadsWorthIt } from "../src/engine/threads-worth-it.js";
import { generateRollout } from "./generate-rollout.js";
import { DATA_DIR, HISTLINT_BIN, measureNode, median, report, type ProcessRun } from "./measure.js";

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, "..", "..", "fixtures");
const startupRuns = Number(process.env.HISTLINT_BENCH_STARTUP_RUNS ?? 10);
const jobsRounds = Number(process.env.HISTLINT_BENCH_JOBS_ROUNDS ?? 5);
const smallFiles = Number(process.env.HISTLINT_BENCH_SMALL_FILES ?? 3000);
const largeFiles = Number(process.env.HISTLINT_BENCH_LARGE_FILES ?? 8);
const largeMb = Number(process.env.HISTLINT_BENCH_LARGE_MB ?? 25);

/** One line of a real rollout: the least a lint run can be given. */
function oneLineFile(): string {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, "one-line.jsonl");
  writeFileSync(path, JSON.stringify({ timestamp: "2026-11-21T18:00:00.000Z", ordinal: 0, type: "session_meta", payload: { id: "01a1ff5c-0000-7000-8000-000000000001", timestamp: "2026-11-21T18:00:00.000Z", cwd: "/work", originator: "codex_exec", cli_version: "0.169.0" } }) + "\n");
  return path;
}

/** The fixtures' histories (not their expected or fixed files), copied until there are `count` files. */
function smallSessionsFolder(count: number): string {
  const folder = join(DATA_DIR, `sessions-${count}`);
  if (existsSync(folder) && readdirSync(folder).length === count) return folder;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const sources = ["codex", "claude-code", "gemini-cli", "responses", "chat", "anthropic"].flatMap((format) =>
    readdirSync(join(FIXTURES, format))
      .filter((name) => /\.jsonl?$/.test(name) && !/\.(fixed|expected)\./.test(name))
      .map((name) => join(FIXTURES, format, name)),
  );
  for (let i = 0; i < count; i += 1) {
    const source = sources[i % sources.length] as string;
    copyFileSync(source, join(folder, `${String(i).padStart(5, "0")}-${source.split("/").pop()}`));
  }
  return folder;
}

/** `count` rollouts of `megabytes` MB each, with different seeds. */
function largeRolloutsFolder(count: number, megabytes: number): string {
  const folder = join(DATA_DIR, `rollouts-${count}x${megabytes}mb`);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const path = join(folder, `rollout-${i}.jsonl`);
    if (!existsSync(path) || statSync(path).size < megabytes * 1024 * 1024) generateRollout(path, megabytes, 11 + i);
  }
  return folder;
}

/**
 * How many cores this run gets now: the same spin loop in one process, then in two at once. On a
 * shared machine it says whether the --jobs figures could show a speed-up at all (2 on an idle one).
 */
async function coresAvailable(): Promise<number> {
  const spin = ["-e", "let x = 0; for (let i = 0; i < 2e8; i++) x = (x * 31 + i) | 0; if (x === 1) console.log(x);"];
  const alone = measureNode(spin).seconds;
  const start = process.hrtime.bigint();
  await Promise.all([0, 1].map(() => new Promise((resolve) => spawn(process.execPath, spin).on("exit", resolve))));
  return (2 * alone) / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * Runs each command `rounds` times, interleaved, so load on the machine falls on both alike; each
 * round starts with the next command (the one that goes first finds the files less warm in cache).
 */
function interleaved(commands: readonly (readonly string[])[], rounds: number): ProcessRun[][] {
  const runs: ProcessRun[][] = commands.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    for (let turn = 0; turn < commands.length; turn += 1) {
      const i = (round + turn) % commands.length;
      runs[i]?.push(measureNode(commands[i] as readonly string[]));
    }
  }
  return runs;
}

const wall = (runs: readonly ProcessRun[]) => median(runs.map((run) => run.seconds));
const cpu = (runs: readonly ProcessRun[]) => median(runs.map((run) => run.cpuSeconds));

/**
 * The most the default run could gain on this machine's cores: --jobs 1 already keeps more than one
 * core busy (V8 compiles optimised code and marks the heap on threads of its own), and each further
 * thread costs CPU of its own (start-up, warm-up, its isolate's own compilations), so the default run's
 * CPU spread evenly over every core bounds its wall time from below.
 */
function ceiling(single: readonly ProcessRun[], byDefault: readonly ProcessRun[]): string {
  const coresBusy = cpu(single) / wall(single);
  const bestWall = cpu(byDefault) / availableParallelism();
  return `ceiling (meaningful on a quiet machine): --jobs 1 keeps ${coresBusy.toFixed(2)} cores busy; the default's CPU over ${availableParallelism()} cores allows at most ${(wall(single) / bestWall).toFixed(2)}x (ratio >= ${(bestWall / wall(single)).toFixed(2)}); the threads beyond the first cost ${(cpu(byDefault) - cpu(single)).toFixed(2)} s of CPU (CPU ratio ${(cpu(byDefault) / cpu(single)).toFixed(2)}, what the wall ratio tends to when the cores are saturated)`;
}

/**
 * How often V8 compiled optimised code over the files in one thread, and how often it threw code away
 * because objects the code embedded had died: between files, before kept-shapes.ts, 23 times over the
 * 8 x 25 MB rollouts (each time a compile again), against 0 to 5 on one 200 MB file.
 */
function recompiles(folder: string): string {
  const trace = measureNode(["--trace-opt", "--trace-deopt", HISTLINT_BIN, "lint", "--format", "json", "--jobs", "1", folder]).stdout.split("\n");
  const count = (pattern: RegExp) => trace.filter((line) => pattern.test(line)).length;
  return `recompiles (--jobs 1, one run under --trace-opt --trace-deopt): ${count(/^\[completed compiling /)} optimising compiles, ${count(/for deoptimization, reason: weak objects/)} thrown away because objects they embedded died, ${count(/^\[bailout /)} bailouts`;
}

/** The threads the default run lints the folder in: with one, it takes --jobs 1's own path, and the ratio is the noise. */
function threadsOf(folder: string): string {
  const sizes = readdirSync(folder).map((name) => statSync(join(folder, name)).size);
  const threads = threadsWorthIt(sizes, availableParallelism());
  return threads === 1 ? "1 thread (the same path as --jobs 1)" : `${threads} threads`;
}

function sameOutput(a: readonly ProcessRun[], b: readonly ProcessRun[], what: string): void {
  const first = a[0] as ProcessRun;
  for (const run of [...a, ...b]) {
    if (run.stdout !== first.stdout || run.status !== first.status) throw new Error(`${what}: the default --jobs and --jobs 1 printed different results`);
  }
}

console.log(`load average before: ${loadavg().map((n) => n.toFixed(1)).join(" ")} (shared machine: figures are medians, baselines measured interleaved)`);
const oneLine = oneLineFile();
measureNode([HISTLINT_BIN, "lint", oneLine]); // the first run reads the files from disk; the measured ones find them cached
const [empty, lint] = interleaved([["-e", ""], [HISTLINT_BIN, "lint", oneLine]], startupRuns) as [ProcessRun[], ProcessRun[]];
if (lint.some((run) => run.status !== 0)) throw new Error(`lint of one line failed: ${lint[0]?.stderr}`);
report({
  name: "start-up: histlint lint of a one-line file",
  value: wall(lint),
  unit: "s",
  baseline: { name: "node -e \"\"", value: wall(empty) },
  target: { atMost: 2 },
  detail: `median of ${startupRuns}; CPU ${cpu(lint).toFixed(3)} s against ${cpu(empty).toFixed(3)} s (ratio ${(cpu(lint) / cpu(empty)).toFixed(2)}); peak RSS ${median(lint.map((r) => r.peakRssMb)).toFixed(0)} MB against ${median(empty.map((r) => r.peakRssMb)).toFixed(0)} MB`,
});

const cores = await coresAvailable();
for (const [label, folder, target, note] of [
  [`${smallFiles} small sessions`, smallSessionsFolder(smallFiles), { atMost: 1 }, "never slower"],
  [`${largeFiles} x ${largeMb} MB rollouts`, largeRolloutsFolder(largeFiles, largeMb), { atMost: 0.588 }, "at least 1.7x faster (ratio <= 1/1.7)"],
] as const) {
  const [byDefault, single] = interleaved([[HISTLINT_BIN, "lint", "--format", "json", folder], [HISTLINT_BIN, "lint", "--format", "json", "--jobs", "1", folder]], jobsRounds) as [ProcessRun[], ProcessRun[]];
  sameOutput(byDefault, single, label);
  report({
    name: `--jobs default on ${label}`,
    value: wall(byDefault),
    unit: "s",
    baseline: { name: "--jobs 1", value: wall(single) },
    target,
    detail: `${note}; ${threadsOf(folder)}; median of ${jobsRounds}; speed-up ${(wall(single) / wall(byDefault)).toFixed(2)}x; CPU ${cpu(byDefault).toFixed(2)} s against ${cpu(single).toFixed(2)} s; cores this run got before: ${cores.toFixed(2)} (a spin loop in 2 processes against 1)`,
  });
  if (target.atMost < 1) console.log(`        ${ceiling(single, byDefault)}\n        ${recompiles(folder)}`);
}
console.log(`load average after: ${loadavg().map((n) => n.toFixed(1)).join(" ")}`);
