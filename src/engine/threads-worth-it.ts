// How many threads a set of files is worth: a worker costs its start-up (loading the engine and every
// rule), which only pays when the files hold more work than that.

/** What a file costs beyond its bytes (opening, detection, the rules' set-up), in bytes of linting. */
export const BYTES_PER_FILE = 16 * 1024;

/**
 * The work a thread must have for starting a worker to pay. A worker's start-up is ~0.15 s, but a fresh
 * thread also compiles every rule again as it warms up: on 3,000 small sessions (84 MB counted as
 * below) two threads took 1.09x as long as one, so a thread needs more than that to itself.
 */
export const BYTES_WORTH_A_THREAD = 64 * 1024 * 1024;

/** Threads (this one included) to lint files of these sizes in, at most `jobs`: 1 when workers would not pay. */
export function threadsWorthIt(sizes: readonly number[], jobs: number): number {
  const work = sizes.reduce((sum, size) => sum + size + BYTES_PER_FILE, 0);
  return Math.max(1, Math.min(jobs, sizes.length, Math.floor(work / BYTES_WORTH_A_THREAD)));
}
