// The writer's guarantees: no edit changes nothing; an edit changes only what it names, byte for byte.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codex, detectFormat, responses, type Edit, type FormatAdapter } from "../../src/index.js";
import { planEntries } from "../../src/formats/writer.js";
import { read } from "../support/files.js";

const runs = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 200);

const fixtureFiles = ["codex", "claude-code", "responses", "chat", "anthropic", "read"].flatMap((folder) =>
  readdirSync(join("fixtures", folder))
    .filter((file) => /\.jsonl?$/.test(file))
    .map((file) => join("fixtures", folder, file)),
);

/** Moving every unit to where it already is goes through the whole writer and must change no byte. */
function rewriteInPlace(adapter: FormatAdapter, bytes: Buffer): Buffer {
  const { records } = read(bytes);
  const units = adapter.layout === "document" && records.length === 1 ? unitCount(records[0]?.value) : records.length;
  const edits: Edit[] = Array.from({ length: units }, (_, i) => ({ op: "move", record: i, after: i - 1 }));
  return adapter.applyEdits(bytes, records, edits);
}

function unitCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  const body = value as Record<string, unknown>;
  const array = body.input ?? body.messages;
  return Array.isArray(array) ? array.length : 0;
}

describe("round trip of every fixture", () => {
  for (const file of fixtureFiles) {
    it(`${file} is written back byte for byte, with no edit and through the writer`, () => {
      const bytes = readFileSync(file);
      const { records } = read(bytes);
      const adapter = detectFormat(records.slice(0, 8).map((r) => r.value)) as FormatAdapter;
      expect(adapter.applyEdits(bytes, records, []).equals(bytes)).toBe(true);
      expect(rewriteInPlace(adapter, bytes).toString("utf8")).toBe(bytes.toString("utf8"));
    });
  }
});

const jsonObject = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), { minKeys: 1, maxKeys: 4 });

/** A JSONL file as a client might leave it: LF or CRLF, blank lines, maybe no final newline. */
const jsonlFile = fc
  .record({
    values: fc.array(jsonObject, { minLength: 1, maxLength: 12 }),
    eol: fc.constantFrom("\n", "\r\n"),
    blanks: fc.array(fc.nat(2), { minLength: 12, maxLength: 12 }),
    finalNewline: fc.boolean(),
  })
  .map(({ values, eol, blanks, finalNewline }) => {
    const lines = values.flatMap((value, i) => [JSON.stringify(value), ...Array<string>(blanks[i] ?? 0).fill("")]);
    const text = lines.join(eol) + (finalNewline ? eol : "");
    return { values, bytes: Buffer.from(text) };
  });

function editsFor(count: number) {
  const index = fc.nat(count - 1);
  return fc.array(
    fc.oneof(
      index.map((record): Edit => ({ op: "remove", record })),
      fc.tuple(fc.integer({ min: -1, max: count - 1 }), jsonObject).map(([after, value]): Edit => ({ op: "insert", after, value })),
      fc.tuple(index, jsonObject).map(([record, value]): Edit => ({ op: "replace", record, value })),
      fc.tuple(index, fc.integer({ min: -1, max: count - 1 })).map(([record, after]): Edit => ({ op: "move", record, after })),
    ),
    { maxLength: 5 },
  );
}

/** What the edits should produce, from the plan: the values in their new order. */
function expectedValues(values: unknown[], edits: Edit[]): unknown[] {
  const units = values.map((value) => ({ offset: 0, length: 0, value }));
  return planEntries(units, edits).flatMap((entry) => (entry.kind === "gap" ? [] : [entry.value]));
}

/** Edits that name each record at most once, as the engine will produce them. */
function distinctTargets(edits: Edit[]): Edit[] {
  const seen = new Set<number>();
  return edits.filter((edit) => edit.op === "insert" || edit.op === "drop-bytes" || edit.op === "renumber" || (!seen.has(edit.record) && seen.add(edit.record)));
}

describe("edits on generated JSONL files", () => {
  it("produce exactly the planned records, and untouched records keep their bytes", () => {
    fc.assert(
      fc.property(
        jsonlFile.chain((file) => fc.tuple(fc.constant(file), editsFor(file.values.length))),
        ([file, rawEdits]) => {
          const edits = distinctTargets(rawEdits);
          const { records } = read(file.bytes);
          const output = codex.applyEdits(file.bytes, records, edits);
          const reread = read(output);
          const expected = expectedValues(file.values, edits);
          expect(reread.problems.map((p) => p.code)).toEqual(expected.length === 0 ? ["empty-file"] : []);
          expect(reread.records.map((r) => r.value)).toEqual(expected);
          const touched = new Set(edits.flatMap((e) => (e.op === "insert" || e.op === "drop-bytes" || e.op === "renumber" ? [] : [e.record])));
          const text = output.toString("utf8");
          for (const record of records.filter((r) => !touched.has(r.index))) {
            expect(text).toContain(file.bytes.toString("utf8", record.span.offset, record.span.offset + record.span.length));
          }
        },
      ),
      { numRuns: runs },
    );
  });
});

describe("codex ordinals", () => {
  it("stay consecutive from the first record's ordinal across inserts, removals and moves", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.nat(5), (count, start) => {
        const lines = Array.from({ length: count }, (_, i) => JSON.stringify({ timestamp: "t", ordinal: start + i, type: "event_msg", payload: { i } }));
        const bytes = Buffer.from(lines.join("\n") + "\n");
        const { records } = read(bytes);
        return fc.assert(
          fc.property(editsFor(count), (rawEdits) => {
            const edits = distinctTargets(rawEdits).map((edit) => (edit.op === "insert" || edit.op === "replace" ? { ...edit, value: { timestamp: "t", type: "event_msg", payload: {} } } : edit));
            const output = read(codex.applyEdits(bytes, records, edits)).records.map((r) => (r.value as { ordinal: number }).ordinal);
            expect(output).toEqual(output.map((_, i) => start + i));
          }),
          { numRuns: 20 },
        );
      }),
      { numRuns: Math.ceil(runs / 10) },
    );
  });

  it("are rewritten in place: only the number changes on a record that moved", () => {
    const bytes = Buffer.from('{"timestamp":"t","ordinal":0,"type":"a","payload":{}}\n{"timestamp":"t",  "ordinal":1,"type":"b","payload":{"x":[1, 2]}}\n');
    const output = codex.applyEdits(bytes, read(bytes).records, [{ op: "remove", record: 0 }]);
    expect(output.toString()).toBe('{"timestamp":"t",  "ordinal":0,"type":"b","payload":{"x":[1, 2]}}\n');
  });
});

describe("edits on a pretty-printed request body", () => {
  it("keep the body valid JSON and untouched elements byte for byte", () => {
    const bytes = readFileSync("fixtures/responses/request-body.json");
    const { records } = read(bytes);
    const input = (records[0]?.value as { input: unknown[] }).input;
    fc.assert(
      fc.property(editsFor(input.length), (rawEdits) => {
        const edits = distinctTargets(rawEdits);
        const output = responses.applyEdits(bytes, records, edits).toString("utf8");
        const body = JSON.parse(output) as { input: unknown[]; model: string };
        expect(body.input).toEqual(expectedValues(input, edits));
        expect(body.model).toBe("gpt-5.5");
        const touched = new Set(edits.flatMap((e) => (e.op === "insert" || e.op === "drop-bytes" || e.op === "renumber" ? [] : [e.record])));
        input.forEach((value, i) => {
          if (!touched.has(i)) expect(output).toContain(JSON.stringify(value, null, 2).replace(/\n/g, "\n    "));
        });
      }),
      { numRuns: runs },
    );
  });
});
