// The dry-run diff: applying its hunks to the old text gives the new one, for any pair of texts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/index.js";

const runs = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 200);

/** Applies a unified diff produced for `before` (it has every hunk's full context). */
function apply(before: string, diff: string): string {
  const lines = (before.endsWith("\n") ? before.slice(0, -1) : before).split("\n");
  const out: string[] = [];
  let at = 0;
  for (const hunk of diff.split(/^@@ /m).slice(1)) {
    const [header, ...body] = hunk.split("\n");
    const oldStart = Number(/-(\d+)/.exec(header ?? "")?.[1]);
    while (at < oldStart - 1) out.push(lines[at++] as string);
    for (const line of body.filter((l) => l.length > 0 || false)) {
      if (line.startsWith("+")) out.push(line.slice(1));
      else {
        if (line.startsWith(" ")) out.push(line.slice(1));
        at += 1;
      }
    }
  }
  while (at < lines.length) out.push(lines[at++] as string);
  return out.join("\n") + "\n";
}

describe("unifiedDiff", () => {
  it("is empty for equal texts and shows a changed line with context", () => {
    expect(unifiedDiff("f", "a\nb\n", "a\nb\n")).toBe("");
    expect(unifiedDiff("f", "a\nb\nc\n", "a\nB\nc\n")).toBe("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
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
