// The shared pairing index remembers the last id it was asked about: its answers must stay those of a
// plain lookup of everything recorded so far, whatever the order of questions and records.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Item } from "../../src/history/index.js";
import { PairingIndex } from "../../src/rule-kit/pairing-index.js";

type Step = { ask: "call" | "output" | "index" | "item"; id: string } | { record: Item };

/** A few ids, so calls, outputs and repeats of one id meet often; `fc_a` may be an item id and a call id. */
const ids = fc.constantFrom("a", "b", "c", "call_1", "fc_a", "");
const item = fc.record({ kind: fc.constantFrom("tool_call", "tool_output", "message"), callId: fc.option(ids, { nil: undefined }), id: fc.option(ids, { nil: undefined }), line: fc.integer({ min: 1, max: 1000 }), message: fc.option(fc.nat(50), { nil: undefined }) });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ ask: fc.constantFrom("call" as const, "output" as const, "index" as const, "item" as const), id: ids }),
  item.map(({ kind, callId, id, line, message }): Step => {
    const source = { record: 0, pointer: "", line, column: 1 };
    const base = kind === "message" ? { type: "message" as const, role: "user", content: [], source } : kind === "tool_call" ? { type: "tool_call" as const, kind: "function" as const, wireType: "function_call", source } : { type: "tool_output" as const, kind: "function" as const, wireType: "function_call_output", output: "", source };
    return { record: { ...base, ...(callId !== undefined && kind !== "message" ? { callId } : {}), ...(id !== undefined ? { id } : {}), ...(message !== undefined ? { message } : {}) } as Item };
  }),
);

/** What the index should answer: the first record of each kind, looked up afresh every time. */
function expected(recorded: { item: Item; index: number }[], ask: string, id: string): number | undefined {
  if (ask === "item") return recorded.find(({ item }) => item.id === id)?.item.source.line;
  const type = ask === "output" ? "tool_output" : "tool_call";
  const first = recorded.find(({ item }) => item.type === type && item.callId === id && id !== "");
  if (!first) return undefined;
  return ask === "index" ? (first.item.message ?? first.index) : first.item.source.line;
}

describe("PairingIndex", () => {
  it("answers as a fresh lookup of the items recorded so far", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const index = new PairingIndex();
        const recorded: { item: Item; index: number }[] = [];
        for (const s of steps) {
          if ("record" in s) {
            index.record(s.record, recorded.length);
            recorded.push({ item: s.record, index: recorded.length });
            continue;
          }
          const answer = s.ask === "call" ? index.callLine(s.id) : s.ask === "output" ? index.outputLine(s.id) : s.ask === "index" ? index.callIndex(s.id) : index.itemIdLine(s.id);
          expect(answer).toBe(expected(recorded, s.ask, s.id));
        }
      }),
      { numRuns: 500 },
    );
  });
});
