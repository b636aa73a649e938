// Reader properties: it never throws, and a file cut anywhere keeps every record written before the cut.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readRecords } from "../../src/index.js";
import { splitLines } from "../../src/read/index.js";
import { tempFile } from "../support/files.js";

const runs = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 200);

const record = fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.array(fc.boolean(), { maxLength: 3 })), { minKeys: 1, maxKeys: 4 });

describe("readRecords on any input", () => {
  it("never throws, and every span lies inside the file", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s))), (bytes) => {
        for (const event of readRecords({ buffer: bytes })) {
          const span = event.record?.span ?? event.problem?.span;
          expect(span && span.offset + span.length).toBeLessThanOrEqual(bytes.length);
        }
      }),
      { numRuns: runs },
    );
  });
});

describe("a valid JSONL file cut at any byte", () => {
  it("yields every record complete before the cut, and one truncated-record when the cut is inside one", () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 8 }).chain((values) => {
          const bytes = Buffer.from(values.map((v) => JSON.stringify(v)).join("\n") + "\n");
          return fc.tuple(fc.constant(values), fc.constant(bytes), fc.integer({ min: 0, max: bytes.length }));
        }),
        ([values, bytes, cut]) => {
          const ends: number[] = [];
          let offset = 0;
          for (const value of values) {
            offset += Buffer.byteLength(JSON.stringify(value));
            ends.push(offset);
            offset += 1;
          }
          const starts = ends.map((end, i) => end - Buffer.byteLength(JSON.stringify(values[i])));
          const complete = values.filter((_, i) => (ends[i] as number) <= cut);
          const cutInside = starts.some((start, i) => start < cut && cut < (ends[i] as number));
          const events = [...readRecords({ buffer: bytes.subarray(0, cut) })];
          expect(events.flatMap((e) => (e.record ? [e.record.value] : []))).toEqual(complete);
          const problems = events.flatMap((e) => (e.problem ? [e.problem.code] : []));
          expect(problems).toEqual(cutInside ? ["truncated-record"] : cut === 0 ? ["empty-file"] : []);
        },
      ),
      { numRuns: runs },
    );
  });
});

describe("a file read in 1 MB chunks", () => {
  // Lines up to 2.5 MB start and end anywhere in a chunk; a chunk's buffer is read into again for the
  // next chunk, so a line held across chunks must still read as its own bytes.
  const piece = fc.constantFrom("a", "é", "日本", "\r", "\uFFFD", "\xff");
  const line = fc.tuple(piece, fc.integer({ min: 0, max: 2_500_000 })).map(([text, repeat]) => {
    const bytes = text === "\xff" ? Buffer.alloc(repeat % 7, 0xff) : Buffer.from(text.repeat(Math.floor(repeat / text.length / 3)));
    return bytes;
  });

  it("splits into the same lines as the same bytes held whole", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.boolean(), (lines, endsWithNewline) => {
        const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")]));
        const content = endsWithNewline ? bytes : bytes.subarray(0, bytes.length - 1);
        const fromFile = [...splitLines({ path: tempFile("chunks.jsonl", content) })];
        expect(fromFile).toEqual([...splitLines({ buffer: content })]);
      }),
      { numRuns: Math.min(runs, 25) },
    );
  });
});
