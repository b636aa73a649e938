// `npm run bench:replay-memory`: replay's peak memory against lint's on the same large rollout, and
// whether a full replay's time grows with the bytes it sends (seconds per MB sent, small against large).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { generateRollout } from "./generate-rollout.js";
import { DATA_DIR, HISTLINT_BIN, measureNode, median, missed, report, type ProcessRun } from "./measure.js";

const LARGE_MB = Number(process.env.HISTLINT_BENCH_REPLAY_MB ?? 200);
const WINDOW_SECONDS = Number(process.env.HISTLINT_BENCH_REPLAY_SECONDS ?? 30);
const SMALL_MB = Number(process.env.HISTLINT_BENCH_REPLAY_SMALL_MB ?? 1);
const BIGGER_MB = Number(process.env.HISTLINT_BENCH_REPLAY_BIGGER_MB ?? 4);
const ROUNDS = Number(process.env.HISTLINT_BENCH_ROUNDS ?? 3);

function rollout(megabytes: number): string {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `resumable-rollout-${megabytes}mb.jsonl`);
  if (!existsSync(path)) console.log(`generated ${path}: ${generateRollout(path, megabytes, 7, { resumable: true })} records`);
  return path;
}

function histlint(args: readonly string[], timeoutMs?: number): ProcessRun {
  const run = measureNode([HISTLINT_BIN, ...args], timeoutMs !== undefined ? { timeoutMs } : {});
  // 0 clean, 1 findings, 143 a window ended; anything else (a crash, 134 out of heap) leaves NaN, which meets no target.
  if (run.status === null || (run.status > 1 && run.status !== 143)) console.log(`histlint ${args.join(" ")} exited ${run.status}: ${run.stderr.slice(-500)}`);
  return run;
}

/** The median peak RSS of `rounds` runs. */
function peakRss(args: readonly string[], timeoutMs?: number): number {
  return median(Array.from({ length: ROUNDS }, () => histlint(args, timeoutMs).peakRssMb));
}

const large = rollout(LARGE_MB);
const largeMb = (statSync(large).size / 1024 / 1024).toFixed(0);
const lint = peakRss(["lint", large]);
const baseline = { name: `lint ${largeMb} MB rollout`, value: lint };
report({ name: `replay --only last, ${largeMb} MB rollout, peak RSS`, value: peakRss(["replay", "--only", "last", large]), baseline, unit: "MB", target: { atMost: 1.5 } });
report({ name: `full replay, ${largeMb} MB rollout, first ${WINDOW_SECONDS} s, peak RSS`, value: peakRss(["replay", large], WINDOW_SECONDS * 1000), baseline, unit: "MB", target: { atMost: 1.5 } });

// The embedded mock runs in replay's process and parses every body it accepts (up to 50 MB): the same
// replays to a mock in a process of its own show replay's own part.
const mock = spawn(process.execPath, [HISTLINT_BIN, "serve", "--port", "0", "--profile", "codex"], { stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise<string>((resolve) => mock.stdout.once("data", (data: Buffer) => resolve(/127\.0\.0\.1:(\d+)/.exec(data.toString())?.[1] ?? "")));
const target = ["--target", `http://127.0.0.1:${port}/v1`];
try {
  report({ name: `replay --only last --target (mock apart), ${largeMb} MB rollout, peak RSS`, value: peakRss(["replay", "--only", "last", ...target, large]), baseline, unit: "MB", target: { atMost: 1.5 } });
  report({ name: `full replay --target (mock apart), ${largeMb} MB rollout, first ${WINDOW_SECONDS} s, peak RSS`, value: peakRss(["replay", ...target, large], WINDOW_SECONDS * 1000), baseline, unit: "MB", target: { atMost: 1.5 } });
} finally {
  mock.kill();
}

/** CPU seconds of a full replay (the embedded mock included) per MB of request bodies sent. */
function secondsPerMbSent(path: string): { value: number; sentMb: number } {
  const runs = Array.from({ length: ROUNDS }, () => histlint(["replay", "--format", "json", path]));
  const outcome = JSON.parse(runs[0]?.stdout ?? "") as { files: { requests: { bytes: number }[] }[] };
  const sentMb = (outcome.files[0]?.requests ?? []).reduce((sum, request) => sum + request.bytes, 0) / 1024 / 1024;
  return { value: median(runs.map((run) => run.cpuSeconds)) / sentMb, sentMb };
}
const small = secondsPerMbSent(rollout(SMALL_MB));
const bigger = secondsPerMbSent(rollout(BIGGER_MB));
report({
  name: `full replay ${BIGGER_MB} MB rollout, CPU s per MB sent`,
  value: bigger.value,
  baseline: { name: `${SMALL_MB} MB rollout`, value: small.value },
  unit: "s/MB",
  target: { atMost: 1.3 },
  detail: `sent ${bigger.sentMb.toFixed(0)} MB against ${small.sentMb.toFixed(0)} MB; median of ${ROUNDS}`,
});
if (missed().length > 0) process.exitCode = 1;
