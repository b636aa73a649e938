// Fuzz: the fixture corpus, real clients' files and hand-made ones, mutated as the field and an attacker would.
import fc from "fast-check";
import { describe, it } from "vitest";
import { checkCase } from "./check.js";
import { SEEDS } from "./corpus.js";
import { fuzzCase } from "./fuzz-case.js";
import { mutateAll, mutation } from "./mutate.js";
import { fuzzParameters, runsFor, timeoutFor } from "./runs.js";

const runs = runsFor("fixtures");

const mutant = fc
  .tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([seed, mutations, forced]) => {
    const { name, bytes, format } = SEEDS[seed] as (typeof SEEDS)[number];
    return fuzzCase(`${name} ${JSON.stringify(mutations)}`, mutateAll(bytes, mutations), forced ? format : undefined);
  });

describe("fuzz: mutated fixtures", () => {
  it(`${runs} mutants of ${SEEDS.length} fixtures keep every guarantee of lint and fix`, () => {
    console.log(`fuzz: ${runs} mutated fixtures`);
    fc.assert(fc.property(mutant, checkCase), fuzzParameters(runs));
  }, timeoutFor(runs));
});
