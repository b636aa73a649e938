// A worker thread of `lintFiles`: takes files from the shared counter until none is left, sends each result back.
import { parentPort, workerData } from "node:worker_threads";
import { lintFile } from "./lint-file.js";
import type { WorkerTask } from "./lint-files.js";

const { files, queue, taken, options } = workerData as WorkerTask;
for (let claimed = Atomics.add(taken, 0, 1); claimed < files.length; claimed = Atomics.add(taken, 0, 1)) {
  const index = queue[claimed] as number;
  parentPort?.postMessage({ index, result: lintFile(files[index] as string, options) });
}
