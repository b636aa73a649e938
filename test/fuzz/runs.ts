// How many cases the fuzz suite runs: 5,000 in all by default, HISTLINT_FUZZ_RUNS for more (or fewer).
import fc from "fast-check";

const TOTAL = Number(process.env.HISTLINT_FUZZ_RUNS ?? 5000);

/** The share of the total each kind of input gets (they sum to 1). */
const SHARES = { fixtures: 0.5, generated: 0.2, synthetic: 0.3 } as const;

export function runsFor(kind: keyof typeof SHARES, part = 1): number {
  return Math.max(1, Math.round(TOTAL * SHARES[kind] * part));
}

/**
 * CI runs one fixed seed, so a red run is a bug anyone can replay, not a roll of the dice;
 * HISTLINT_FUZZ_SEED=random explores new cases, and a failure prints the seed and path that replay it.
 */
const CI_SEED = 20261201;

export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  const asked = process.env.HISTLINT_FUZZ_SEED;
  const seed = asked === "random" ? undefined : asked ? Number(asked) : CI_SEED;
  return { numRuns, ...(seed !== undefined ? { seed } : {}), ...(process.env.HISTLINT_FUZZ_PATH ? { path: process.env.HISTLINT_FUZZ_PATH } : {}) };
}

/** A fuzz test's time limit: its runs at a tenth of a second each, on a loaded machine, and a minute at least. */
export function timeoutFor(numRuns: number): number {
  return Math.max(60_000, numRuns * 100);
}
