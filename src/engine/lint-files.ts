// Lints many files, in parallel worker threads when there are enough of them, results in input order.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LintResult } from "./diagnostic.js";
import { lintFile, type LintOptions } from "./lint-file.js";

export interface LintFilesRun {
  /** Worker threads to use; 1 lints in this thread. Default: the core count. */
  jobs?: number;
  /** Called after each file, for a progress display. */
  onProgress?: (done: number, total: number) => void;
}

const WORKER = new URL("./lint-worker.js", import.meta.url);

/** Below this many files a worker's start-up costs more than it saves. */
const FILES_WORTH_A_WORKER = 4;

export async function lintFiles(files: readonly string[], options: LintOptions, run: LintFilesRun = {}): Promise<LintResult[]> {
  const jobs = Math.min(run.jobs ?? availableParallelism(), Math.ceil(files.length / FILES_WORTH_A_WORKER));
  // Workers run the compiled engine; from the TypeScript sources (tests) there is none to start.
  if (jobs <= 1 || !existsSync(fileURLToPath(WORKER))) {
    return files.map((file, i) => {
      const result = lintFile(file, options);
      run.onProgress?.(i + 1, files.length);
      return result;
    });
  }
  return inWorkers(files, options, jobs, run.onProgress);
}

function inWorkers(files: readonly string[], options: LintOptions, jobs: number, onProgress?: (done: number, total: number) => void): Promise<LintResult[]> {
  const results: LintResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const workers = Array.from({ length: jobs }, () => new Worker(WORKER, { workerData: options }));
    const finish = (error?: Error) => {
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const hand = (worker: Worker) => {
      if (next < files.length) worker.postMessage({ index: next, file: files[next++] });
    };
    for (const worker of workers) {
      worker.on("message", ({ index, result }: { index: number; result: LintResult }) => {
        results[index] = result;
        onProgress?.((done += 1), files.length);
        if (done === files.length) finish();
        else hand(worker);
      });
      worker.on("error", (error) => finish(error));
      hand(worker);
    }
  });
}

/** Files `i` of every `n` (1-based `i`), from the sorted list: CI matrix jobs split the same list alike. */
export function shardOf(files: readonly string[], shard: { index: number; count: number }): string[] {
  return [...files].sort().filter((_, position) => position % shard.count === shard.index - 1);
}
