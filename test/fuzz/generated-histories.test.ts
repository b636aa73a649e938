// Fuzz: generated histories of every format, valid, with a fault of the field, and mutated.
import fc from "fast-check";
import { describe, it } from "vitest";
import { checkCase } from "./check.js";
import { fuzzCase } from "./fuzz-case.js";
import { anyBrokenHistory, anyHistory } from "./histories.js";
import { mutateAll, mutation } from "./mutate.js";
import { fuzzParameters, runsFor, timeoutFor } from "./runs.js";

const faulty = runsFor("generated", 0.4);
const mutated = runsFor("generated", 0.6);

describe("fuzz: generated histories", () => {
  it(`${faulty} histories with a fault of the field keep every guarantee of lint and fix`, () => {
    console.log(`fuzz: ${faulty} generated histories with a fault`);
    const broken = fc.tuple(anyBrokenHistory, fc.boolean()).map(([h, forced]) => fuzzCase(`${h.format} history`, Buffer.from(h.text), forced ? h.format : undefined));
    fc.assert(fc.property(broken, checkCase), fuzzParameters(faulty));
  }, timeoutFor(faulty));

  it(`${mutated} mutated histories keep every guarantee of lint and fix`, () => {
    console.log(`fuzz: ${mutated} mutated generated histories`);
    const mutant = fc.tuple(anyHistory, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([h, mutations, forced]) =>
      fuzzCase(`${h.format} history ${JSON.stringify(mutations)}`, mutateAll(Buffer.from(h.text), mutations), forced ? h.format : undefined),
    );
    fc.assert(fc.property(mutant, checkCase), fuzzParameters(mutated));
  }, timeoutFor(mutated));
});
