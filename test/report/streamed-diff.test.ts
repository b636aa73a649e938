// The dry-run diff of a streamed fix: written as the lines go by, it turns the old text into the new one
// for any pair of texts, and for a fix's kind of change (lines added, removed or rewritten among lines that
// are each their own) it is the very diff `unifiedDiff` writes with both texts held.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { streamedEditScript, unifiedDiff, writeUnifiedDiff } from "../../src/index.js";
import { applyDiff } from "../support/apply-diff.js";

const runs = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 200);

const linesOf = (text: string) => (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");

function streamedDiff(before: string, after: string): string {
  const parts: string[] = [];
  const script = () => streamedEditScript(linesOf(before)[Symbol.iterator](), linesOf(after)[Symbol.iterator]());
  writeUnifiedDiff("f", script, (text) => parts.push(text), () => before !== after);
  return parts.join("");
}

/** A text of distinct lines, and the same text after edits a fix makes: each one a line added, removed or rewritten. */
const fixLike = fc
  .tuple(
    fc.integer({ min: 1, max: 60 }),
    fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom("add", "remove", "rewrite") }), { maxLength: 12 }),
  )
  .map(([count, edits]) => {
    const before = Array.from({ length: count }, (_, i) => `{"line":${i}}`);
    const after = [...before];
    edits.forEach(({ at, kind }, k) => {
      const i = at % (after.length + 1);
      if (kind === "add") after.splice(i, 0, `{"added":${k}}`);
      else if (i < after.length) after.splice(i, 1, ...(kind === "rewrite" ? [`{"rewritten":${k}}`] : []));
    });
    return { before: before.join("\n") + "\n", after: after.join("\n") + "\n" };
  });

describe("the streamed diff", () => {
  it("turns the old text into the new one, for any two texts", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "d", "{}", "x y"), { minLength: 1, maxLength: 40 }).map((l) => l.join("\n") + "\n");
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(applyDiff(before, streamedDiff(before, after))).toBe(after);
      }),
      { numRuns: runs },
    );
  });

  it("is unifiedDiff's diff for the changes a fix makes", () => {
    fc.assert(
      fc.property(fixLike, ({ before, after }) => {
        expect(streamedDiff(before, after)).toBe(unifiedDiff("f", before, after));
      }),
      { numRuns: runs },
    );
  });

  it("writes nothing for equal texts, and only the header when just the last newline differs", () => {
    expect(streamedDiff("a\nb\n", "a\nb\n")).toBe("");
    expect(streamedDiff("a\nb", "a\nb\n")).toBe(unifiedDiff("f", "a\nb", "a\nb\n"));
  });
});
