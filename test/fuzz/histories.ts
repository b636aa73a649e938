// Generated histories as fuzz inputs: valid ones of every profile and format, with one fault of the
// field or a few mutations in them (src/testing's generators and mutators). Small ones: a fault needs
// a few turns to show, and the suite's time goes by the byte.
import fc from "fast-check";
import type { FormatName, ProfileName } from "../../src/index.js";
import { brokenHistory, FORMATS_FOR, validHistory, type GeneratedHistory } from "../../src/testing/index.js";

const PLACES = (Object.entries(FORMATS_FOR) as [ProfileName, readonly FormatName[]][]).flatMap(([profile, formats]) => formats.map((format) => ({ profile, format })));

/** A valid history of any profile, in any format that carries it, Codex compactions included. */
export const anyHistory: fc.Arbitrary<GeneratedHistory> = fc
  .constantFrom(...PLACES)
  .chain(({ profile, format }) => validHistory({ profile, format, compaction: format === "codex", maxTurns: 3, maxParallelCalls: 2 }));

/** A history of any profile and format with one known fault in it. */
export const anyBrokenHistory: fc.Arbitrary<GeneratedHistory> = fc.constantFrom(...PLACES).chain(({ profile, format }) => brokenHistory(validHistory({ profile, format, maxTurns: 2, maxParallelCalls: 2 })));
