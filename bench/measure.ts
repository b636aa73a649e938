// What every benchmark shares: a measured child process (wall time, peak RSS, CPU) and one way to
// print a figure beside its baseline and target, so `npm run bench` reads as one table.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** The compiled CLI, as a user runs it. */
export const HISTLINT_BIN = join(here, "..", "..", "bin", "histlint.js");
/** Generated inputs (not committed). */
export const DATA_DIR = join(here, "..", "..", "bench", "data");
const PRELOAD = join(here, "..", "..", "bench", "rusage-preload.mjs");

export interface ProcessRun {
  seconds: number;
  peakRssMb: number;
  cpuSeconds: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` to its end and measures it; the preload reports the process's own peak RSS. */
export function measureNode(args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string; /** SIGTERM the process after this long (the preload still writes its usage). */ timeoutMs?: number } = {}): ProcessRun {
  const scratch = mkdtempSync(join(tmpdir(), "histlint-bench-"));
  const usageFile = join(scratch, "usage.json");
  try {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ["--import", PRELOAD, ...args], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
      env: { ...process.env, ...options.env, HISTLINT_BENCH_RUSAGE: usageFile },
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs, killSignal: "SIGTERM" as const } : {}),
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    // A process that died of a signal or ran out of heap (134) writes no usage: its figures are NaN.
    const usage = existsSync(usageFile) ? (JSON.parse(readFileSync(usageFile, "utf8")) as { maxRssKb: number; userMicros: number; systemMicros: number }) : { maxRssKb: NaN, userMicros: NaN, systemMicros: NaN };
    return { seconds, peakRssMb: usage.maxRssKb / 1024, cpuSeconds: (usage.userMicros + usage.systemMicros) / 1e6, status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** A figure: what was measured, its baseline from the same run, and the target on their ratio. */
export interface Figure {
  /** What is measured, e.g. "lint 200 MB rollout, whole process". */
  name: string;
  value: number;
  baseline: { name: string; value: number };
  unit: string;
  /** The ratio value/baseline must be at least this (`atLeast`) or at most this (`atMost`). */
  target: { atLeast: number } | { atMost: number };
  /** Printed under the figure, e.g. p99 latency or an absolute limit. */
  detail?: string;
}

/** Whether a figure meets its target. */
export function meets(figure: Figure): boolean {
  const ratio = figure.value / figure.baseline.value;
  return "atLeast" in figure.target ? ratio >= figure.target.atLeast : ratio <= figure.target.atMost;
}

const results: { name: string; met: boolean }[] = [];

/** Prints one figure as a line of the bench's table and remembers whether it met its target. */
export function report(figure: Figure): boolean {
  const ratio = figure.value / figure.baseline.value;
  const target = "atLeast" in figure.target ? `>= ${figure.target.atLeast}` : `<= ${figure.target.atMost}`;
  const met = meets(figure);
  const number = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
  console.log(`${met ? "MET    " : "NOT MET"} ${figure.name}: ${number(figure.value)} ${figure.unit} | ${figure.baseline.name}: ${number(figure.baseline.value)} ${figure.unit} | ratio ${ratio.toFixed(2)} (target ${target})`);
  if (figure.detail) console.log(`        ${figure.detail}`);
  results.push({ name: figure.name, met });
  return met;
}

/** An absolute limit (peak RSS under 200 MB): printed like a figure whose baseline is the limit. */
export function reportLimit(name: string, value: number, limit: number, unit: string, detail?: string): boolean {
  return report({ name, value, unit, baseline: { name: "limit", value: limit }, target: { atMost: 1 }, ...(detail ? { detail } : {}) });
}

/** The figures reported so far that missed their target. */
export function missed(): string[] {
  return results.filter((result) => !result.met).map((result) => result.name);
}
