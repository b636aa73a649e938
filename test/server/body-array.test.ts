// The prefix cache finds a body's first element on its bytes read as latin1 (no decoding): that must be the byte
// where the element ends in the decoded text, whatever the characters, bytes that are not UTF-8, or the element's length.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstElementByte, firstElementEnd } from "../../src/server/body-array.js";
import { InspectionCache } from "../../src/server/inspection-cache.js";
import { inspect } from "../../src/server/validate.js";

/** Text with multi-byte characters, and sometimes a byte that is not UTF-8 (inside a string, where a client could put it). */
const text = fc.string({ unit: fc.constantFrom("a", "é", "€", "😀", '\\"', " ", "x".repeat(700)), maxLength: 12 });
const raw = fc.tuple(text, fc.constantFrom(undefined, 0xff, 0xc3, 0xe2, 0xf0)).map(([chars, bad]) => {
  const bytes = Buffer.from(JSON.stringify(chars));
  if (bad === undefined) return bytes;
  return Buffer.concat([bytes.subarray(0, 1), Buffer.from([bad]), bytes.subarray(1)]);
});

const bodies = fc.record({
  before: fc.constantFrom("", '"model":"gpt-5.5",', '"instructions":"pré",', ' "inpüt":[1], '),
  key: fc.constantFrom("input", "in\\u0070ut", "messages"),
  first: raw,
  more: fc.array(raw, { maxLength: 3 }),
  space: fc.constantFrom("", " ", "\n  "),
});

describe("the first element's end", () => {
  it("is the byte where it ends in the decoded text", () => {
    fc.assert(
      fc.property(bodies, ({ before, key, first, more, space }) => {
        const elements = [first, ...more].map((value) => Buffer.concat([Buffer.from(`{"role":"user","content":`), value, Buffer.from("}")]));
        const parts = [Buffer.from(`{${before}"${key}":[${space}`), ...elements.flatMap((e, i) => (i === 0 ? [e] : [Buffer.from(","), e])), Buffer.from(`${space}]}`)];
        const bytes = Buffer.concat(parts);
        const decoded = bytes.toString("utf8");
        const end = firstElementEnd(decoded, "input");
        expect(firstElementByte(bytes, "input")).toBe(end === undefined ? undefined : bytesBefore(bytes, decoded.slice(0, end)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("a member name with a bad escape", () => {
  it("is no body the prefix cache continues, and the answer is the fresh one (it threw: the mock answered 500)", () => {
    const body = Buffer.from(String.raw`{"model":"gpt-5.5","\x":1,"input":[{"role":"user","content":"hi"}]}`);
    expect(firstElementByte(body, "input")).toBeUndefined();
    const cache = new InspectionCache(4 * 1024 * 1024, 0);
    expect(cache.inspect("responses", body, "openai-responses")).toEqual(inspect("responses", body, "openai-responses"));
  });
});

/** How many of `bytes` decode to `prefix` (a byte that is not UTF-8 decodes to U+FFFD, one character for one byte). */
function bytesBefore(bytes: Buffer, prefix: string): number {
  for (let n = prefix.length; n <= bytes.length; n += 1) if (bytes.toString("utf8", 0, n) === prefix) return n;
  return -1;
}
