import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringifyJson, stringifyWithStack } from "../../src/read/index.js";

describe("stringifyJson", () => {
  it("writes what JSON.stringify writes, compact and indented, when the stack is not the limit", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom("", "  "), (value, gap) => {
        expect(stringifyWithStack(value, gap)).toBe(JSON.stringify(value, null, gap.length || undefined));
      }),
      { numRuns: 1000 },
    );
  });

  it("writes a value nested past what JSON.stringify can, and it parses back", () => {
    const depth = 20_000;
    const text = `${'{"a":['.repeat(depth)}1${"]}".repeat(depth)}`;
    expect(() => JSON.stringify(JSON.parse(text))).toThrow(RangeError);
    expect(stringifyJson(JSON.parse(text))).toBe(text);
  });
});
