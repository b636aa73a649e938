// The scanner finds where a JSON value ends without parsing it; its strings jump from quote to quote, so the
// backslashes before a quote decide whether it closes the string.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanValue } from "../../src/read/scan.js";

/** Strings heavy in what makes a quote escaped or not: backslashes, quotes, and characters outside ASCII. */
const tricky = fc.string({ unit: fc.constantFrom("\\", '"', "\\\\", 'a', "é", "😀", "\n", "}", "]"), maxLength: 30 });
const values = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, tricky, fc.integer(), fc.constant(null), fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(tricky, tie("value"), { maxKeys: 4 })),
})).value;
/** A value that only ends with its closing quote or bracket: a string, an array or an object. */
const closed = values.filter((value) => typeof value === "string" || (typeof value === "object" && value !== null));

describe("scanValue", () => {
  it("ends a string, array or object just past its closing character, whatever follows", () => {
    fc.assert(
      fc.property(closed, fc.constantFrom("", ",", ' "x"', "]}", '\\"'), (value, after) => {
        const text = JSON.stringify(value);
        expect(scanValue(`${text}${after}`, 0)).toEqual({ end: text.length, status: "complete" });
      }),
      { numRuns: 2000 },
    );
  });

  it("finds every cut of such a value incomplete, an escaped quote included", () => {
    fc.assert(
      fc.property(closed, fc.nat(), (value, at) => {
        const text = JSON.stringify(value);
        const cut = text.slice(0, 1 + (at % (text.length - 1)));
        expect(scanValue(cut, 0)).toEqual({ end: cut.length, status: "incomplete" });
      }),
      { numRuns: 2000 },
    );
  });

  it("ends a string where a scan of one character at a time ends it, on any text from any quote", () => {
    // The scanner before it jumped from quote to quote: a backslash skips the next character, a quote ends the string.
    const oneAtATime = (text: string, from: number) => {
      for (let i = from + 1; i < text.length; i += 1) {
        if (text[i] === "\\") i += 1;
        else if (text[i] === '"') return { end: i + 1, status: "complete" };
      }
      return { end: text.length, status: "incomplete" };
    };
    fc.assert(
      fc.property(tricky, tricky, (before, after) => {
        const text = `${before}"${after}`;
        expect(scanValue(text, before.length)).toEqual(oneAtATime(text, before.length));
      }),
      { numRuns: 5000 },
    );
  });

  it("reads a quote after an even run of backslashes as the end, after an odd run as text", () => {
    expect(scanValue(String.raw`"a\\" tail`, 0)).toEqual({ end: 5, status: "complete" });
    expect(scanValue(String.raw`"a\\\" tail`, 0)).toEqual({ end: 11, status: "incomplete" });
    expect(scanValue(String.raw`"\\\\"`, 0)).toEqual({ end: 6, status: "complete" });
  });
});
