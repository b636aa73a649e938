// Lint checks each offered fix against the records it reads, fetched on demand; fix checks it against
// every record it holds. Both must mark the same findings fixable, on any file.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyse, lintSource, type FormatName } from "../../src/index.js";
import { recordsOnDemand, RecordNotFetched } from "../../src/engine/records-on-demand.js";
import { breakFile, conversation, faults, serialize, type GeneratedFormat } from "../support/generate.js";

const runs = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 100);

/** Lint's result (fixes fetched on demand) beside the one checked with every record held, as fix holds them. */
function bothWays(bytes: Buffer, inputFormat?: FormatName) {
  const options = inputFormat ? { inputFormat } : {};
  const onDemand = lintSource("case", { buffer: bytes }, options);
  const withEveryRecord = analyse("case", { buffer: bytes }, options, { records: true }).result;
  return { onDemand, withEveryRecord };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.jsonl?$/.test(name) ? [path] : [];
  });
}

describe("the check of offered fixes, records fetched on demand", () => {
  it("marks what the check with every record marks, on every fixture", () => {
    const files = filesUnder(join(import.meta.dirname, "..", "..", "fixtures"));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const { onDemand, withEveryRecord } = bothWays(readFileSync(file));
      expect(onDemand, file).toEqual(withEveryRecord);
    }
  });

  for (const format of ["codex", "responses"] as const satisfies readonly GeneratedFormat[]) {
    it(`marks what the check with every record marks, on broken ${format} histories`, () => {
      fc.assert(
        fc.property(conversation, fc.constantFrom(...faults), fc.nat(50), (c, fault, pick) => {
          const broken = breakFile(serialize(c, format), fault, pick);
          fc.pre(broken !== undefined);
          const { onDemand, withEveryRecord } = bothWays(Buffer.from(broken as string), format);
          expect(onDemand).toEqual(withEveryRecord);
        }),
        { numRuns: runs },
      );
    });
  }

  it("never hands a fix a record it has not fetched", () => {
    const record = { index: 1, value: { a: 1 }, span: { offset: 0, length: 0, line: 2, column: 1, endLine: 2, endColumn: 1 }, sharesLine: false, spansLines: false };
    const records = recordsOnDemand(3, new Map([[1, record]]));
    expect(records.length).toBe(3);
    expect(records[1]).toBe(record);
    expect(records[3]).toBeUndefined();
    expect(() => records[0]).toThrow(RecordNotFetched);
    expect(() => [...records]).toThrow(RecordNotFetched);
    expect(2 in records).toBe(true);
  });
});
