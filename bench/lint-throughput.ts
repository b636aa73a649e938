// `npm run bench:lint`: whole-process lint throughput against a bare read/split/JSON.parse process on
// the same file, and the peak memory of lint and fix as the file grows (issue 16).
// Knobs: HISTLINT_BENCH_MB (throughput file, 200), HISTLINT_BENCH_MEMORY_MB (largest file, 1024),
// HISTLINT_BENCH_ROUNDS (3), HISTLINT_BENCH_KEEP_DATA=1 keeps the generated files.
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { breakRollout } from "./break-rollout.js";
import { generateRollout } from "./generate-rollout.js";
import { DATA_DIR, HISTLINT_BIN, measureNode, median, report, reportLimit, type ProcessRun } from "./measure.js";

const here = dirname(fileURLToPath(import.meta.url));
const BARE = join(here, "bare-parse.js");
const BREAKDOWN = join(here, "lint-breakdown.js");
const throughputMb = Number(process.env.HISTLINT_BENCH_MB ?? 200);
const memoryMb = Number(process.env.HISTLINT_BENCH_MEMORY_MB ?? 1024);
const rounds = Number(process.env.HISTLINT_BENCH_ROUNDS ?? 3);

function rolloutOf(megabytes: number): string {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `rollout-${megabytes}mb.jsonl`);
  if (!existsSync(path)) console.log(`generated ${path}: ${generateRollout(path, megabytes)} records`);
  return path;
}

function brokenOf(megabytes: number): string {
  const path = join(DATA_DIR, `rollout-${megabytes}mb-broken.jsonl`);
  if (!existsSync(path)) {
    const { unanswered, orphans } = breakRollout(rolloutOf(megabytes), path);
    console.log(`generated ${path}: ${unanswered} unanswered calls, ${orphans} orphan outputs`);
  }
  return path;
}

/** A run that must end as expected; a crash or an out-of-memory would make its figures meaningless. */
function checked(run: ProcessRun, statuses: readonly number[], what: string): ProcessRun {
  if (run.status === null || !statuses.includes(run.status)) throw new Error(`${what} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  return run;
}

const lintOf = (path: string) => checked(measureNode([HISTLINT_BIN, "lint", "--jobs", "1", "--no-color", path]), [0, 1], `lint ${path}`);
const sizeMb = (path: string) => statSync(path).size / 1024 / 1024;

// 1. Throughput: whole processes, median wall time of `rounds`, interleaved so load hits both alike.
const file = rolloutOf(throughputMb);
measureNode([BARE, file]); // warm the page cache
const bare: number[] = [];
const lint: number[] = [];
const bareCpu: number[] = [];
const lintCpu: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  const bareRun = checked(measureNode([BARE, file]), [0], "bare parse");
  const lintRun = lintOf(file);
  bare.push(bareRun.seconds);
  bareCpu.push(bareRun.cpuSeconds);
  lint.push(lintRun.seconds);
  lintCpu.push(lintRun.cpuSeconds);
}
const megabytes = sizeMb(file);
report({
  name: `lint ${megabytes.toFixed(0)} MB rollout, whole process (MB/s)`,
  value: megabytes / median(lint),
  baseline: { name: "bare read/split/JSON.parse process", value: megabytes / median(bare) },
  unit: "MB/s",
  target: { atLeast: 0.8 },
  detail: `wall s, lint ${lint.map((s) => s.toFixed(2)).join(" ")} | bare ${bare.map((s) => s.toFixed(2)).join(" ")}; median CPU s, lint ${median(lintCpu).toFixed(2)} | bare ${median(bareCpu).toFixed(2)}\n        ${breakdownOf(file)}`,
});

/** Where the time beyond the bare parse goes: the same three loops in one warm process, and what the whole process adds. */
function breakdownOf(path: string): string {
  const run = checked(measureNode([BREAKDOWN, path, String(Math.max(rounds, 7))]), [0], "lint breakdown");
  const warm = JSON.parse(run.stdout) as { rounds: number; bare: number; rulesOff: number; lint: number };
  const ofBare = (ms: number) => `${(ms / warm.bare).toFixed(2)}× bare`;
  const [lintLeast, bareLeast] = [Math.min(...lintCpu) * 1000, Math.min(...bareCpu) * 1000];
  const coldExtra = lintLeast - warm.lint - (bareLeast - warm.bare);
  return `warm, in one process, least CPU ms of ${warm.rounds} rounds: bare ${warm.bare.toFixed(0)} | lint with every rule off (read, detect, build and index the items) ${warm.rulesOff.toFixed(0)}, ${ofBare(warm.rulesOff)} | lint ${warm.lint.toFixed(0)}, ${ofBare(warm.lint)} (the rules: ${ofBare(warm.lint - warm.rulesOff)}); whole processes, least CPU ms of the rounds above: lint ${lintLeast.toFixed(0)} | bare ${bareLeast.toFixed(0)}, so the lint process spends ${coldExtra.toFixed(0)} ms more beyond its warm run than the bare one does (start-up, the CLI around the lint, compiling, a cold heap)`;
}

// 2. Memory as the file grows: peak RSS of lint at 50 MB, 200 MB and the largest size.
const sizes = [...new Set([50, 200, memoryMb])].filter((mb) => mb <= memoryMb);
const peaks = sizes.map((mb) => ({ mb, peak: lintOf(rolloutOf(mb)).peakRssMb }));
const bigPath = rolloutOf(memoryMb);
const bareBig = checked(measureNode([BARE, bigPath]), [0], "bare parse").peakRssMb;
reportLimit(`lint ${memoryMb} MB rollout, peak RSS`, peaks.at(-1)?.peak as number, 200, "MB", `peaks: ${peaks.map(({ mb, peak }) => `${mb} MB → ${peak.toFixed(0)} MB`).join(", ")}; bare parse of ${memoryMb} MB: ${bareBig.toFixed(0)} MB`);

// 3. A file with work for fix: lint finds the broken calls, fix repairs them into a copy.
const broken = brokenOf(memoryMb);
const lintBroken = checked(measureNode([HISTLINT_BIN, "lint", "--jobs", "1", "--no-color", "-f", "json", "-o", "/dev/null", broken]), [1], "lint broken");
reportLimit(`lint ${memoryMb} MB broken rollout, peak RSS`, lintBroken.peakRssMb, 200, "MB");
const repaired = join(DATA_DIR, `rollout-${memoryMb}mb-repaired.jsonl`);
// Exit 2 is fix's own failure (nothing written): the peak is still printed, and what went wrong.
const fix = checked(measureNode([HISTLINT_BIN, "fix", "--no-color", "-o", repaired, broken]), [0, 1, 2], "fix broken");
const outcome = existsSync(repaired) ? `the repair ${statSync(repaired).size !== statSync(broken).size ? "changed" : "DID NOT CHANGE"} the file (${sizeMb(broken).toFixed(1)} → ${sizeMb(repaired).toFixed(1)} MB)` : `exit ${fix.status}, nothing written: ${fix.stdout.split("\n").find((line) => line.includes("error")) ?? fix.stderr.slice(0, 300)}`;
reportLimit(`fix ${memoryMb} MB broken rollout to -o, peak RSS`, fix.peakRssMb, 300, "MB", `wall ${fix.seconds.toFixed(1)} s, cpu ${fix.cpuSeconds.toFixed(1)} s; ${outcome}`);
rmSync(repaired, { force: true });
if (process.env.HISTLINT_BENCH_KEEP_DATA !== "1") for (const mb of [memoryMb]) rmSync(join(DATA_DIR, `rollout-${mb}mb-broken.jsonl`), { force: true });
