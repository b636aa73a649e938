// Fuzz: inputs made to break a reader, each kind with its share of the runs.
import fc from "fast-check";
import { describe, it } from "vitest";
import { checkCase, type FuzzCase } from "./check.js";
import { fuzzParameters, runsFor, timeoutFor } from "./runs.js";
import { deepNesting, hugeLine, invalidUtf8, prototypeKeys, tinyFile } from "./synthetic.js";

/** Huge lines cost a second or so each: a few show whether size breaks anything. */
const KINDS: [string, fc.Arbitrary<FuzzCase>, number][] = [
  ["files of next to nothing", tinyFile, 0.1],
  ["deeply nested values", deepNesting, 0.25],
  ["histories with invalid UTF-8", invalidUtf8, 0.3],
  ["histories with Object.prototype names", prototypeKeys, 0.34],
  ["histories with a line of megabytes", hugeLine, 0.01],
];

describe("fuzz: synthetic inputs", () => {
  for (const [kind, arbitrary, share] of KINDS) {
    const runs = runsFor("synthetic", share);
    it(`${runs} ${kind} keep every guarantee of lint and fix`, () => {
      console.log(`fuzz: ${runs} ${kind}`);
      fc.assert(fc.property(arbitrary, checkCase), fuzzParameters(runs));
    }, timeoutFor(runs));
  }
});
