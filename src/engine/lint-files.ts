// Lints many files, in worker threads beside this one when there is enough work for them, results in input order.
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { LintResult } from "./diagnostic.js";
import { lintFile, type LintOptions } from "./lint-file.js";
import { threadsWorthIt } from "./threads-worth-it.js";

export interface LintFilesRun {
  /** Threads to lint in at most (this one and workers); 1 lints in this thread. Default: the core count. */
  jobs?: number;
  /** Called after each file, for a progress display. */
  onProgress?: (done: number, total: number) => void;
}

const WORKER = new URL("./lint-worker.js", import.meta.url);

/** What a worker is handed once: the files, the settings, and the counter every thread takes its next file from. */
export interface WorkerTask {
  files: readonly string[];
  /** Indices into `files`, in the order they are taken: the largest first, so no thread is left with a big one at the end. */
  queue: Int32Array;
  /** `[0]`: how many of `queue` have been taken, shared by all threads (Atomics). */
  taken: Int32Array;
  options: LintOptions;
}

export async function lintFiles(files: readonly string[], options: LintOptions, run: LintFilesRun = {}): Promise<LintResult[]> {
  const sizes = files.map(sizeOf);
  const threads = threadsWorthIt(sizes, run.jobs ?? availableParallelism());
  // Workers run the compiled engine; from the TypeScript sources (tests) there is none to start.
  if (threads <= 1 || !existsSync(fileURLToPath(WORKER))) {
    return files.map((file, i) => {
      const result = lintFile(file, options);
      run.onProgress?.(i + 1, files.length);
      return result;
    });
  }
  return lintInThreads(files, sizes, options, threads, run.onProgress);
}

/** A stat is cheap beside a read; a file that cannot be stat'ed costs nothing here and is reported by lintFile. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * This thread and `threads - 1` workers take files from one shared counter, so no file waits for a
 * message to be handed out and this thread lints while the workers are still starting. Results are
 * put back at their file's index: the output is in input order whichever thread linted what.
 */
export async function lintInThreads(files: readonly string[], sizes: readonly number[], options: LintOptions, threads: number, onProgress?: (done: number, total: number) => void): Promise<LintResult[]> {
  const results: LintResult[] = new Array(files.length);
  const queue = new Int32Array(new SharedArrayBuffer(files.length * Int32Array.BYTES_PER_ELEMENT));
  files.forEach((_, i) => (queue[i] = i));
  queue.sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  const taken = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const task: WorkerTask = { files, queue, taken, options };
  let done = 0;
  let failure: Error | undefined;
  const settle = (index: number, result: LintResult) => {
    results[index] = result;
    onProgress?.((done += 1), files.length);
  };
  let allDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  const check = () => {
    if (done === files.length || failure) allDone();
  };
  // Loaded here, not at the top: a run in one thread (most runs) never needs it.
  const { Worker } = await import("node:worker_threads");
  const workers = Array.from({ length: threads - 1 }, () => new Worker(WORKER, { workerData: task }));
  for (const worker of workers) {
    worker.on("message", ({ index, result }: { index: number; result: LintResult }) => {
      settle(index, result);
      check();
    });
    worker.on("error", (error) => {
      failure ??= error;
      check();
    });
  }
  try {
    for (let claimed = Atomics.add(taken, 0, 1); claimed < files.length && !failure; claimed = Atomics.add(taken, 0, 1)) {
      const index = queue[claimed] as number;
      settle(index, lintFile(files[index] as string, options));
      // Lets the workers' results in between files, for the progress display.
      await new Promise((resolve) => setImmediate(resolve));
    }
    check();
    await finished;
  } finally {
    for (const worker of workers) void worker.terminate();
  }
  if (failure) throw failure;
  return results;
}

/** Files `i` of every `n` (1-based `i`), from the sorted list: CI matrix jobs split the same list alike. */
export function shardOf(files: readonly string[], shard: { index: number; count: number }): string[] {
  return [...files].sort().filter((_, position) => position % shard.count === shard.index - 1);
}
