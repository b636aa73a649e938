import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextLocator, utf8Step } from "../../src/read/index.js";

/** Bytes biased towards the edges of UTF-8: lead bytes, continuation bytes, ASCII, and valid characters. */
const utf8ish = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((b) => [b]),
      fc.constantFrom([0xc2], [0xe0, 0xa0], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0xf4, 0x90, 0x80, 0x80], [0xff], [0x80]),
      fc.string({ unit: "grapheme" }).map((s) => [...Buffer.from(s)]),
      fc.constantFrom([0x0a], [0x22]),
    ),
    { maxLength: 40 },
  )
  .map((parts) => Buffer.from(parts.flat()));

describe("utf8Step", () => {
  it("walks bytes into exactly the UTF-16 units Node decodes them to", () => {
    fc.assert(
      fc.property(utf8ish, (raw) => {
        let units = 0;
        for (let at = 0; at < raw.length; ) {
          const step = utf8Step(raw, at);
          // Each step decodes by itself to the units it claims: the walk cuts where the decoder does.
          expect(raw.toString("utf8", at, at + step.bytes).length).toBe(step.units);
          units += step.units;
          at += step.bytes;
        }
        expect(units).toBe(raw.toString("utf8").length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("TextLocator", () => {
  it("gives the byte offset of every character, counted on the bytes when they are not valid UTF-8", () => {
    fc.assert(
      fc.property(utf8ish, fc.nat(), (raw, pick) => {
        const text = raw.toString("utf8");
        const locator = new TextLocator(text, { offset: 100, line: 1, column: 1 }, raw);
        let index = text.length === 0 ? 0 : pick % (text.length + 1);
        // An index between the two halves of a surrogate pair is not a character boundary.
        if (/[\ud800-\udbff]/.test(text.charAt(index - 1))) index -= 1;
        const at = locator.locate(index);
        // The bytes before the offset decode to the text before the index.
        expect(raw.toString("utf8", 0, at.offset - 100)).toBe(text.slice(0, index));
        expect(at.line).toBe(1 + (text.slice(0, index).match(/\n/g)?.length ?? 0));
        expect(at.column).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  it("walks forward, and back again when asked for an earlier index", () => {
    const text = "ab\ncd\nef";
    const locator = new TextLocator(text, { offset: 0, line: 3, column: 5 }, undefined);
    expect(locator.locate(1)).toEqual({ offset: 1, line: 3, column: 6 });
    expect(locator.locate(7)).toEqual({ offset: 7, line: 5, column: 2 });
    expect(locator.locate(4)).toEqual({ offset: 4, line: 4, column: 2 });
  });
});
