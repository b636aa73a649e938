// A worker thread of `lintFiles`: lints the files it is handed, one at a time, and sends each result back.
import { parentPort, workerData } from "node:worker_threads";
import { lintFile, type LintOptions } from "./lint-file.js";

const options = workerData as LintOptions;
parentPort?.on("message", (task: { index: number; file: string }) => {
  parentPort?.postMessage({ index: task.index, result: lintFile(task.file, options) });
});
