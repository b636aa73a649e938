// A continued body read from the kept one (only its added elements parsed) is the record reading it whole
// gives, span and member order included, or the shortcut declines: whatever the whitespace, line breaks,
// bytes that are not UTF-8, NUL bytes, `__proto__` members or fields after the array that change.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { soleRecord } from "../../src/engine/live-document.js";
import { responses } from "../../src/formats/index.js";
import { readRecords, type RawRecord } from "../../src/read/index.js";
import { arrayElements } from "../../src/server/body-array.js";
import { continuedRecord, keptBody, type KeptBody } from "../../src/server/continued-body.js";

/** What the prefix cache keeps of a body read whole (see prefix-cache.ts), or undefined when it keeps nothing. */
function kept(bytes: Buffer): { body: KeptBody; prefixBytes: number } | undefined {
  const record = soleRecord(readRecords({ buffer: bytes }));
  const input = (record?.value as { input?: unknown } | undefined)?.input;
  if (!record || !Array.isArray(input) || input.length === 0) return undefined;
  const text = bytes.toString("utf8");
  const array = arrayElements(text, "input");
  if (!array || array.ends.length !== input.length) return undefined;
  const last = array.ends.at(-1) as number;
  const prefixBytes = Buffer.byteLength(text.slice(0, last));
  return { body: keptBody({ record, key: "input", rest: text.slice(last), restBytes: bytes.length - prefixBytes, close: array.close - last }), prefixBytes };
}

/** What reading `bytes` whole gives when the body is one clean record the format fits, as the prefix cache checks. */
function readWhole(bytes: Buffer): RawRecord | undefined {
  const record = soleRecord(readRecords({ buffer: bytes }));
  return record && responses.detect([record.value]) > 0 ? record : undefined;
}

/** The continued read of `after` from what is kept of `before`, with the prefix's length in UTF-16 units. */
function continuedRead(before: Buffer, after: Buffer): (NonNullable<ReturnType<typeof continuedRecord>> & { prefixChars: number }) | undefined {
  const was = kept(before);
  if (!was || after.length < was.prefixBytes || !after.subarray(0, was.prefixBytes).equals(before.subarray(0, was.prefixBytes))) return undefined;
  const read = continuedRecord("responses", was.body, after.toString("utf8", was.prefixBytes), after.length - was.prefixBytes);
  return read && { ...read, prefixChars: after.toString("utf8", 0, was.prefixBytes).length };
}

function continued(before: Buffer, after: Buffer): RawRecord | undefined {
  return continuedRead(before, after)?.record;
}

const element = fc.oneof(
  fc.record({ role: fc.constantFrom("user", "assistant"), content: fc.string({ unit: "binary", maxLength: 12 }) }),
  fc.record({ type: fc.constant("function_call"), call_id: fc.string({ maxLength: 6 }), name: fc.constant("ls"), arguments: fc.constant("{}") }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** An element's bytes: compact, pretty-printed, `__proto__` as a member, or with a byte that is not UTF-8 or a NUL inside a string. */
const written = fc.tuple(element, fc.nat(9)).map(([value, how]): Buffer => {
  if (how === 0) return Buffer.from(JSON.stringify(value, null, 2));
  if (how === 1) return Buffer.from(`{"__proto__":${JSON.stringify(value)},"role":"user","content":"x"}`);
  if (how === 2) return Buffer.concat([Buffer.from('{"role":"user","content":"a'), Buffer.from([0xff]), Buffer.from('b"}')]);
  if (how === 3) return Buffer.concat([Buffer.from('{"role":"user","content":"a'), Buffer.from([0]), Buffer.from('b"}')]);
  return Buffer.from(JSON.stringify(value));
});

const separator = fc.constantFrom(",", ",", ", ", " ,", ",\n  ", ",\r\n");
const space = fc.constantFrom("", "", " ", "\n", "\t");
const fields = fc.constantFrom("", ',"store":false', ',"tools":[],"model":"o3"', ',"input":"again"', ',"store":false,"store":true', ',"__proto__":{"x":1}');

/** A body: fields, its array (the elements apart by `separators` in turn, `closing` before its bracket), fields after it, then `ending`. */
function body(elements: readonly Buffer[], separators: readonly string[], closing: string, fields: { before: string; after: string; ending: string }): Buffer {
  const parts: Buffer[] = [Buffer.from(`{${fields.before}"input":[`)];
  elements.forEach((bytes, i) => parts.push(...(i === 0 ? [] : [Buffer.from(separators[i % separators.length] as string)]), bytes));
  parts.push(Buffer.from(`${closing}]${fields.after}}${fields.ending}`));
  return Buffer.concat(parts);
}

const conversations = fc.record({
  first: fc.array(written, { minLength: 1, maxLength: 5 }),
  added: fc.array(written, { maxLength: 5 }),
  separators: fc.array(separator, { minLength: 1, maxLength: 4 }),
  closing: fc.tuple(space, space),
  before: fc.constantFrom("", '"model":"gpt-5.5",', '"model":"gpt-5.5",\n'),
  after: fc.tuple(fields, fields, fc.boolean()),
  ending: fc.constantFrom("", "\n", "\r\n", "\n\n", " "),
});

describe("a continued body", () => {
  it("reads as the whole body reads, or not at all", () => {
    fc.assert(
      fc.property(conversations, ({ first, added, separators, closing, before, after, ending }) => {
        const start: Buffer[] = [Buffer.from(`{"role":"user","content":"hi"}`), ...first];
        const shorter = body(start, separators, closing[0], { before, after: after[0], ending });
        // The fields after the array mostly stay as they were, as a client's do.
        const longer = body([...start, ...added], separators, closing[1], { before, after: after[2] ? after[0] : after[1], ending });
        const read = continuedRead(shorter, longer);
        if (read === undefined) return;
        const shortcut = read.record;
        const whole = readWhole(longer);
        expect(whole).toBeDefined();
        expect(shortcut).toEqual(whole);
        // Member order too (toEqual does not look at it): the rules and the answer see the body as parsed.
        expect(JSON.stringify(shortcut.value)).toBe(JSON.stringify(whole?.value));
        // The added elements are not scanned: where the last one ends and the array closes must still be where a scan finds them.
        const array = arrayElements(longer.toString("utf8"), "input");
        expect(array).toBeDefined();
        const addedCount = (shortcut.value as { input: unknown[] }).input.length - start.length;
        expect(read.last).toBe(addedCount === 0 ? 0 : (array?.ends.at(-1) as number) - read.prefixChars);
        expect(read.close).toBe((array?.close as number) - read.prefixChars);
      }),
      { numRuns: 2000 },
    );
  });

  it("is read from the kept one when it only adds elements on the same line", () => {
    const shorter = Buffer.from(JSON.stringify({ model: "gpt-5.5", input: [{ role: "user", content: "hi" }], store: false }));
    const longer = Buffer.from(JSON.stringify({ model: "gpt-5.5", input: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello é" }, { role: "user", content: "bye" }], store: false }));
    expect(continued(shorter, longer)).toEqual(readWhole(longer));
    expect(continued(shorter, longer)).toBeDefined();
  });
});
