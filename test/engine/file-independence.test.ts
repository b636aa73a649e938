// A file's findings do not depend on the files linted before it in the same process: its rules start
// afresh, and what the engine keeps from one file to the next (kept-shapes.ts) is only kept, never read.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintSource } from "../../src/engine/index.js";
import { keptShapes } from "../../src/engine/kept-shapes.js";
import { brokenHistory, validHistory, type GeneratedHistory } from "../../src/testing/index.js";

const lint = (history: GeneratedHistory) => lintSource(`history.${history.format === "codex" ? "jsonl" : "json"}`, { buffer: Buffer.from(history.text) }, { inputFormat: history.format });

const anyHistory = fc.oneof(
  brokenHistory(validHistory({ profile: "codex", compaction: true })),
  brokenHistory(validHistory({ profile: "openai-responses" })),
  brokenHistory(validHistory({ profile: "anthropic" })),
  brokenHistory(validHistory({ profile: "openai-chat" })),
  validHistory({ profile: "codex", compaction: true }),
);

describe("linting files one after another", () => {
  it("gives each file the findings it gets alone, whatever was linted before it", () => {
    fc.assert(
      fc.property(fc.array(anyHistory, { minLength: 1, maxLength: 3 }), anyHistory, (before, history) => {
        const alone = lint(history);
        for (const earlier of before) lint(earlier);
        expect(lint(history)).toEqual(alone);
      }),
      { numRuns: 60 },
    );
  });

  it("keeps a bounded number of records and items from the files before", () => {
    fc.assert(
      fc.property(fc.array(anyHistory, { minLength: 1, maxLength: 4 }), (histories) => {
        for (const history of histories) lint(history);
        const kept = keptShapes();
        expect(kept.records.length).toBeLessThanOrEqual(32);
        expect(kept.items.length).toBeLessThanOrEqual(32);
        expect(kept.records.length).toBeGreaterThan(0);
      }),
      { numRuns: 20 },
    );
  });
});
