// The dry-run diff: applying its hunks to the old text gives the new one, for any pair of texts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/index.js";
import { applyDiff as apply } from "../support/apply-diff.js";

const runs = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 200);

describe("unifiedDiff", () => {
  it("is empty for equal texts and shows a changed line with context", () => {
    expect(unifiedDiff("f", "a\nb\n", "a\nb\n")).toBe("");
    expect(unifiedDiff("f", "a\nb\nc\n", "a\nB\nc\n")).toBe("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  });

  it("joins changes five kept lines apart into one hunk and keeps six apart in two", () => {
    const text = (changed: number[]) => Array.from({ length: 14 }, (_, i) => (changed.includes(i) ? `X${i}` : `l${i}`)).join("\n") + "\n";
    const hunks = (gap: number) => unifiedDiff("f", text([]), text([3, 4 + gap])).match(/^@@ .* @@$/gm);
    expect(hunks(5)).toEqual(["@@ -1,13 +1,13 @@"]);
    expect(hunks(6)).toEqual(["@@ -1,7 +1,7 @@", "@@ -8,7 +8,7 @@"]);
  });

  it("turns the old text into the new one when applied", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "d", "{}", "x y"), { minLength: 1, maxLength: 30 }).map((l) => l.join("\n") + "\n");
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(apply(before, unifiedDiff("f", before, after) || "")).toBe(before === after ? before : after);
      }),
      { numRuns: runs },
    );
  });
});
