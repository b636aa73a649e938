// lintFiles in several threads gives what one thread gives, in input order; and when workers are worth starting.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/index.js";
import { BYTES_PER_FILE, BYTES_WORTH_A_THREAD, threadsWorthIt } from "../../src/engine/threads-worth-it.js";

const MB = 1024 * 1024;

/** Every history of the fixture corpus, each folder in its order. */
function fixtureFiles(): string[] {
  return readdirSync("fixtures", { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) => readdirSync(join("fixtures", folder.name)).filter((name) => /\.jsonl?$/.test(name)).map((name) => join("fixtures", folder.name, name)))
    .sort();
}

describe("lintInThreads", () => {
  it("gives the results of linting each file alone, in input order, with workers from the compiled engine", async () => {
    // Workers run compiled code only (dist/, built by `npx tsc`): the test starts them from there.
    const compiled = new URL("../../dist/src/engine/lint-files.js", import.meta.url).href;
    const { lintInThreads } = (await import(compiled)) as typeof import("../../src/engine/lint-files.js");
    // The corpus six times over: enough work that the workers, started while this thread lints, take files too.
    const files = Array.from({ length: 6 }, fixtureFiles).flat();
    expect(files.length).toBeGreaterThan(240);
    const sizes = files.map((_, i) => (i * 7919) % 101); // any order of taking: the output must not depend on it
    const progress: number[] = [];
    const threaded = await lintInThreads(files, sizes, {}, 3, (done) => progress.push(done));
    expect(threaded).toEqual(files.map((file) => lintFile(file)));
    expect(progress).toEqual(files.map((_, i) => i + 1));
  });
});

describe("threadsWorthIt", () => {
  it("keeps small sets in one thread and spreads large ones over every job", () => {
    expect(threadsWorthIt(Array.from({ length: 3000 }, () => 2000), 2)).toBe(1); // measured: two threads were slower here
    expect(threadsWorthIt(Array.from({ length: 30000 }, () => 2000), 2)).toBe(2);
    expect(threadsWorthIt(Array.from({ length: 300 }, () => 2000), 2)).toBe(1);
    expect(threadsWorthIt([1 * MB, 1 * MB, 1 * MB, 1 * MB], 8)).toBe(1);
    expect(threadsWorthIt(Array.from({ length: 8 }, () => 25 * MB), 2)).toBe(2);
    expect(threadsWorthIt([200 * MB], 2)).toBe(1); // one file is linted by one thread
    expect(threadsWorthIt([], 2)).toBe(1);
  });

  it("never exceeds the jobs asked for or the file count, never gives less than one, and gives each thread its share of work", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 64 * MB }), { maxLength: 200 }), fc.integer({ min: 1, max: 16 }), (sizes, jobs) => {
        const threads = threadsWorthIt(sizes, jobs);
        const work = sizes.reduce((sum, size) => sum + size + BYTES_PER_FILE, 0);
        expect(threads).toBeGreaterThanOrEqual(1);
        expect(threads).toBeLessThanOrEqual(Math.max(1, Math.min(jobs, sizes.length)));
        if (threads > 1) expect(work / threads).toBeGreaterThanOrEqual(BYTES_WORTH_A_THREAD);
      }),
    );
  });
});
