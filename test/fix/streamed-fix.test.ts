// The streamed repair of a JSONL file (fix-stream.ts) against the repair of its bytes held whole
// (fixBytes): over generated broken histories, the same output bytes and the same report.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { discardRepair, fixBytes, fixFileStreamed, type FixOptions } from "../../src/engine/index.js";
import type { FormatName } from "../../src/index.js";
import { brokenHistory, FORMATS_FOR, validHistory } from "../../src/testing/index.js";
import { mutateAll, mutation } from "../fuzz/mutate.js";
import { breakFile, conversation, faults, serialize } from "../support/generate.js";

const runs = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 100);
const folder = mkdtempSync(join(tmpdir(), "histlint-streamed-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const LINE_FORMATS = new Set<FormatName>(["codex", "claude-code", "gemini-cli"]);
const places = Object.entries(FORMATS_FOR).flatMap(([profile, formats]) => formats.filter((format) => LINE_FORMATS.has(format)).map((format) => ({ profile, format })));

/** A broken JSONL history: a known fault of src/testing or of the fix suite, sometimes mutated on top. */
const brokenFile = fc.oneof(
  fc.constantFrom(...places).chain(({ profile, format }) => brokenHistory(validHistory({ profile: profile as never, format, maxTurns: 3, maxParallelCalls: 2, compaction: format === "codex" })).map((h) => h.text)),
  fc.tuple(conversation, fc.constantFrom(...faults), fc.nat(50)).map(([c, fault, pick]) => breakFile(serialize(c, "codex"), fault, pick) ?? serialize(c, "codex")),
);
/** Written on Windows: new records must end their lines as the file's do. */
const crlf = (text: string) => text.replace(/\r?\n/g, "\r\n");
const mutatedFile = fc.tuple(brokenFile, fc.boolean(), fc.array(mutation, { maxLength: 2 })).map(([text, windows, mutations]) => mutateAll(Buffer.from(windows ? crlf(text) : text), mutations));
const options: fc.Arbitrary<FixOptions> = fc.record({ unsafe: fc.boolean(), maxTokens: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }), cancelText: fc.option(fc.constant("stopped"), { nil: undefined }) }, { requiredKeys: ["unsafe"] });

let case_ = 0;
function compare(bytes: Buffer, settings: FixOptions): void {
  const path = join(folder, `case-${case_++}.jsonl`);
  writeFileSync(path, bytes);
  const whole = fixBytes("generated", bytes, settings);
  const streamed = fixFileStreamed(path, settings, { beside: path, name: "generated" });
  try {
    if (!streamed) {
      expect(whole.layout).not.toBe("lines");
      return;
    }
    const { output, ...report } = streamed;
    const { output: wholeOutput, ...wholeReport } = whole;
    expect(readFileSync(output.path).equals(wholeOutput)).toBe(true);
    expect(output.temporary).toBe(whole.changed || !wholeOutput.equals(bytes));
    expect(report).toEqual(wholeReport);
    // Nothing but the output is left beside the file.
    expect(readdirSync(folder).filter((name) => name.includes(`case-${case_ - 1}.jsonl.histlint-`)).length).toBe(output.temporary ? 1 : 0);
  } finally {
    if (streamed) discardRepair(streamed.output);
    rmSync(path, { force: true });
  }
}

describe("a streamed repair", () => {
  it("writes the bytes and gives the report of the repair held whole, on broken JSONL histories", () => {
    fc.assert(fc.property(brokenFile, options, (text, settings) => compare(Buffer.from(text), settings)), { numRuns: runs });
  });

  it("does so on broken histories mutated further (cut, flipped, lines swapped, junk)", () => {
    fc.assert(fc.property(mutatedFile, options, (bytes, settings) => compare(bytes, settings)), { numRuns: runs });
  });
});
