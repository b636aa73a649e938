// The repair guarantees, as properties over generated histories and the faults of the field.
import { readHistory } from "../../src/clients/index.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { adapterFor, collectItems, fixBytes, lintSource, readRecords } from "../../src/index.js";
import { breakFile, conversation, faults, serialize, type GeneratedFormat } from "../support/generate.js";

const runs = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 100);
const fixableRules = new Set(RULES.filter((rule) => rule.meta.fixable !== false).map((rule) => rule.meta.id));
const formats: GeneratedFormat[] = ["codex", "responses", "chat", "anthropic"];

/** The records of a file as text, ordinals aside (a repair shifts them), to compare what a repair kept. */
function recordTexts(text: string): string[] {
  return [...readRecords({ buffer: Buffer.from(text) })].flatMap((e) => (e.record ? [JSON.stringify(e.record.value).replace(/"ordinal":\d+,/, "")] : []));
}

describe("a valid history", () => {
  for (const format of formats) {
    it(`in ${format} lints clean and is left byte for byte by fix`, () => {
      fc.assert(
        fc.property(conversation, (c) => {
          const file = Buffer.from(serialize(c, format));
          const result = lintSource("generated", { buffer: file }, { inputFormat: format });
          expect(result.messages.filter((d) => d.severity !== "info")).toEqual([]);
          const outcome = fixBytes("generated", file, { inputFormat: format, unsafe: true });
          expect(outcome.changed).toBe(false);
          expect(outcome.output.equals(file)).toBe(true);
        }),
        { numRuns: runs },
      );
    });
  }
});

describe("a broken history", () => {
  for (const format of ["codex", "responses"] as const) {
    it(`in ${format}, with any known fault, is repaired clean of every fixable rule, once and for all, keeping what it did not mean to change`, () => {
      fc.assert(
        fc.property(conversation, fc.constantFrom(...faults), fc.nat(50), (c, fault, pick) => {
          const original = serialize(c, format);
          const broken = breakFile(original, fault, pick);
          fc.pre(broken !== undefined);
          const input = Buffer.from(broken as string);
          const outcome = fixBytes("generated", input, { inputFormat: format, unsafe: true });
          const remaining = outcome.remaining.messages.filter((d) => fixableRules.has(d.ruleId) && d.severity !== "info");
          expect(remaining, `${fault}: ${JSON.stringify(remaining.map((d) => d.ruleId))}`).toEqual([]);
          expect(fixBytes("generated", outcome.output, { inputFormat: format, unsafe: true }).changed).toBe(false);
          // Every record of the broken file survives, but the one orphan output a dropped call leaves.
          const after = new Set(recordTexts(outcome.output.toString("utf8")));
          const lost = recordTexts(broken as string).filter((record) => !after.has(record));
          const allowedLoss = fault === "drop-call" ? 1 : 0;
          expect(lost.length, `${fault} lost ${JSON.stringify(lost)}`).toBeLessThanOrEqual(allowedLoss);
          if ((broken as string).includes('"type":"future_record_type"')) expect(outcome.output.toString("utf8")).toContain('"type":"future_record_type"');
          if ((broken as string).includes('"x_future_field":1')) expect(outcome.output.toString("utf8")).toContain('"x_future_field":1');
        }),
        { numRuns: runs },
      );
    });
  }
});

describe("pruning to a token budget", () => {
  for (const format of formats) {
    it(`in ${format} keeps every message, fits the budget or says why, and leaves a history that lints clean`, () => {
      fc.assert(
        fc.property(conversation, fc.integer({ min: 20, max: 400 }), (c, budget) => {
          const input = Buffer.from(serialize(c, format));
          const outcome = fixBytes("generated", input, { inputFormat: format, maxTokens: budget });
          const pruned = outcome.pruned;
          expect(pruned).toBeDefined();
          if (!pruned?.shortfall) expect(pruned?.after).toBeLessThanOrEqual(budget);
          expect(pruned?.before).toBeGreaterThanOrEqual(pruned?.after ?? 0);
          const messages = (text: Buffer) => lintedItems(text, format).filter((i) => i.type === "message").map((i) => JSON.stringify(i.type === "message" ? [i.role, i.content.map((p) => p.text)] : []));
          expect(messages(outcome.output)).toEqual(messages(input));
          expect(outcome.remaining.messages.filter((d) => d.severity === "error")).toEqual([]);
        }),
        { numRuns: runs },
      );
    });
  }
});

function lintedItems(bytes: Buffer, format: GeneratedFormat) {
  const records = [...readRecords({ buffer: bytes })].flatMap((e) => (e.record ? [e.record] : []));
  return collectItems(readHistory(format, records, { bytes }).events);
}
