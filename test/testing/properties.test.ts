// histlint/testing's properties, for every profile: generated and sequenced histories are valid,
// every fault is found by the rule it names, repairs are clean, idempotent and leave valid input
// alone, and the reader survives a cut at any byte.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixBytes, readRecords } from "../../src/index.js";
import { brokenHistory, canonicalHistory, eventSchedule, expectValidHistory, FORMATS_FOR, lintHistory, sequence, validHistory } from "../../src/testing/index.js";
import type { FormatName, ProfileName } from "../../src/index.js";

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const RUNS = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 100);
const combos: [ProfileName, FormatName][] = (Object.entries(FORMATS_FOR) as [ProfileName, readonly FormatName[]][]).flatMap(([profile, formats]) => formats.map((format): [ProfileName, FormatName] => [profile, format]));

describe.each(combos)("profile %s, format %s", (profile, format) => {
  const valid = validHistory({ profile, format, compaction: true });

  it("validHistory lints clean", () => {
    fc.assert(fc.property(valid, (history) => expectValidHistory(history)), { numRuns: RUNS });
  });

  it("validHistory reads back into the canonical model with every call, output and message it was made of", () => {
    fc.assert(
      fc.property(validHistory({ profile, format }), (history) => {
        const items = canonicalHistory(history).items;
        const count = (type: string) => history.entries.filter((e) => e.type === type).length;
        expect(items.filter((i) => i.type === "tool_call").length).toBe(count("call"));
        expect(items.filter((i) => i.type === "tool_output").length).toBe(count("output"));
        expect(items.filter((i) => i.type === "message" && i.role === "user").map((i) => i.type === "message" && i.content.map((p) => p.text).join(""))).toEqual(history.entries.flatMap((e) => (e.type === "user" ? [e.text] : [])));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("any event schedule through the Sequencer yields a history with no diagnostics, at every step", () => {
    fc.assert(
      fc.property(eventSchedule({ maxEvents: 20 }), (events) => {
        const sequencer = sequence([], { profile });
        for (const event of events) {
          sequencer.apply(event);
          expectValidHistory(sequencer.history(format));
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("every mutator's fault is found by the rule it names", () => {
    fc.assert(
      fc.property(brokenHistory(valid), (broken) => {
        expect(lintHistory(broken).messages.map((d) => d.ruleId)).toContain(broken.rule);
      }),
      { numRuns: RUNS },
    );
  });

});

describe.each(combos)("repairs under profile %s, format %s", (profile, format) => {
  const valid = validHistory({ profile, format, compaction: true });

  it("fix of a broken history lints clean, is idempotent, and leaves valid input untouched", () => {
    fc.assert(
      fc.property(brokenHistory(valid), (broken) => {
        const options = { profile, inputFormat: format, unsafe: true };
        expect(fixBytes("valid", Buffer.from(broken.original.text), options).changed).toBe(false);
        if (!broken.repairable) return;
        const repaired = fixBytes("broken", Buffer.from(broken.text), options);
        expect(repaired.remaining.messages.filter((d) => d.severity === "error")).toEqual([]);
        expect(fixBytes("repaired", repaired.output, options).changed).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("reader tolerance", () => {
  const lineFormats: [ProfileName, FormatName][] = [["codex", "codex"], ["openai-responses", "responses"], ["anthropic", "claude-code"]];

  it.each(lineFormats)("%s/%s: a cut at any byte keeps every complete record before it, plus one truncated-record", (profile, format) => {
    fc.assert(
      fc.property(validHistory({ profile, format }), fc.double({ min: 0, max: 1, noNaN: true }), (history, where) => {
        const bytes = Buffer.from(history.text);
        const cut = Math.floor(where * bytes.length);
        const events = [...readRecords({ buffer: bytes.subarray(0, cut) })];
        // Lines are whole records; what follows the last newline is one too only if the cut fell after its last byte.
        const lines = bytes.subarray(0, cut).toString("utf8").split("\n");
        const tail = lines.pop() as string;
        const tailIsWhole = tail !== "" && parses(tail);
        const complete = [...lines, ...(tailIsWhole ? [tail] : [])].filter((line) => line !== "");
        expect(events.flatMap((e) => (e.record ? [JSON.stringify(e.record.value)] : []))).toEqual(complete.map((line) => JSON.stringify(JSON.parse(line))));
        const problems = events.flatMap((e) => (e.problem ? [e.problem.code] : []));
        expect(problems).toEqual(cut === 0 ? ["empty-file"] : tail === "" || tailIsWhole ? [] : ["truncated-record"]);
      }),
      { numRuns: RUNS },
    );
  });
});
