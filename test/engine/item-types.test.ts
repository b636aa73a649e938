// A rule that names the item types its hook looks at (`itemTypes`) finds the same, and keeps the same
// state, when the runner shows it only those items as when it is shown every item.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readHistory } from "../../src/clients/index.js";
import { collectItems, type Item } from "../../src/history/index.js";
import { PROFILES } from "../../src/profiles/index.js";
import { readRecords } from "../../src/read/index.js";
import { PairingIndex, type Report } from "../../src/rule-kit/index.js";
import { brokenHistory, validHistory, type GeneratedHistory } from "../../src/testing/index.js";
import { RULES } from "../../rules/index.js";

const anyHistory = fc.oneof(
  brokenHistory(validHistory({ profile: "codex", compaction: true })),
  brokenHistory(validHistory({ profile: "openai-responses" })),
  brokenHistory(validHistory({ profile: "anthropic" })),
  brokenHistory(validHistory({ profile: "openai-chat" })),
  brokenHistory(validHistory({ profile: "gemini" })),
);

function itemsOf(history: GeneratedHistory): Item[] {
  const records = [...readRecords({ buffer: Buffer.from(history.text) })].flatMap((event) => (event.record ? [event.record] : []));
  return collectItems(readHistory(history.format, records, {}).events);
}

/** What one rule reports over the items, shown all of them or only those of its declared types. */
function reportsOf(rule: (typeof RULES)[number], history: GeneratedHistory, items: readonly Item[], onlyDeclared: boolean): { declared: boolean; reports: Report[] } {
  const reports: Report[] = [];
  const seen = new PairingIndex();
  const context = { profile: PROFILES[history.profile], format: history.format, layout: history.format === "codex" || history.format === "claude-code" ? ("lines" as const) : ("document" as const), seen, request: () => undefined, report: (report: Report) => reports.push(report) };
  const visitor = rule.create(context);
  const types = visitor.itemTypes;
  items.forEach((item, index) => {
    if (!onlyDeclared || !types || types.includes(item.type)) visitor.item?.(item, { index });
    seen.record(item, index);
  });
  visitor.end?.();
  return { declared: types !== undefined && visitor.item !== undefined, reports };
}

describe("rules that name their item types", () => {
  it("some rules name them (the runner's dispatch by type is used)", () => {
    const history: GeneratedHistory = { profile: "codex", format: "codex", entries: [], text: "" };
    expect(RULES.filter((rule) => reportsOf(rule, history, [], true).declared).length).toBeGreaterThan(5);
  });

  it("report the same shown only those types as shown every item", () => {
    fc.assert(
      fc.property(anyHistory, (history) => {
        const items = itemsOf(history);
        for (const rule of RULES) {
          const all = reportsOf(rule, history, items, false);
          if (!all.declared) continue;
          const only = reportsOf(rule, history, items, true);
          // Fixes hold functions and a provider's error a fresh request id: compare what they say and where.
          const shape = (reports: Report[]) => reports.map(({ fix, error, ...rest }) => ({ ...rest, fix: fix !== undefined, error: error && { status: error.status, message: error.message } }));
          expect(shape(only.reports), rule.meta.id).toEqual(shape(all.reports));
        }
      }),
      { numRuns: 80 },
    );
  });
});
