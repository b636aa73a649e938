// How many threads a set of files is worth: a worker costs its start-up (loading the engine and every
// rule), which only pays when the files hold more work than that.

/** What a file costs beyond its bytes (opening, detection, the rules' set-up), in bytes of linting. */
export const BYTES_PER_FILE = 16 * 1024;

/**
 * The work a thread must have for starting a worker to pay: about twice what a worker's start-up
 * costs in bytes of linting (~0.15 s at ~80 MB/s on one core), since this thread lints while it starts.
 */
export const BYTES_WORTH_A_THREAD = 24 * 1024 * 1024;

/** Threads (this one included) to lint files of these sizes in, at most `jobs`: 1 when workers would not pay. */
export function threadsWorthIt(sizes: readonly number[], jobs: number): number {
  const work = sizes.reduce((sum, size) => sum + size + BYTES_PER_FILE, 0);
  return Math.max(1, Math.min(jobs, sizes.length, Math.floor(work / BYTES_WORTH_A_THREAD)));
}
