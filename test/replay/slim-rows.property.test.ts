// A rollout read slim (its units rows of numbers, its values read again from the file) sends what
// the rollout read whole sends: for rollouts with missing and stray outputs, rollbacks, compactions,
// fields Codex strips and text of every kind; each streamed body has the length announced for it,
// and a refusal quoting an id is pointed at the unit the whole history points it at.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codexClient } from "../../src/clients/index.js";
import { analyse } from "../../src/engine/index.js";
import { planReplay } from "../../src/index.js";
import { stringifyJson } from "../../src/read/index.js";
import { refusedUnit } from "../../src/replay/locate.js";
import { heldRecords, nativeUnits } from "../../src/replay/native-units.js";
import { tempFile } from "../support/files.js";

const RUNS = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 25);
const ids = fc.constantFrom("c1", "c2", "c3", "c4");
const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("<environment_context>x</environment_context>", "é\u2028\ud800", "# AGENTS.md instructions"));
const payload = fc.oneof(
  fc.record({ type: fc.constant("message"), role: fc.constantFrom("user", "assistant", "developer"), content: fc.array(fc.record({ type: fc.constant("input_text"), text }), { maxLength: 2 }) }),
  fc.record({ type: fc.constant("reasoning"), id: fc.constantFrom("rs_1", "rs_2"), summary: fc.constant([]) }, { requiredKeys: ["type", "summary"] }),
  fc.record({ type: fc.constantFrom("function_call", "custom_tool_call", "local_shell_call"), call_id: ids, name: fc.constantFrom("exec", "apply_patch"), arguments: fc.constant("{}"), internal_chat_message_metadata_passthrough: fc.constant({ a: 1 }) }, { requiredKeys: ["type", "call_id", "name"] }),
  fc.record({ type: fc.constantFrom("function_call_output", "custom_tool_call_output"), call_id: ids, output: text }),
);
const record = fc.oneof(
  { weight: 6, arbitrary: payload.map((p) => ({ type: "response_item", payload: p })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }).map((turns) => ({ type: "event_msg", payload: { type: "thread_rolled_back", num_turns: turns } })) },
  { weight: 1, arbitrary: fc.oneof(text.map((message) => ({ message })), fc.array(payload, { maxLength: 3 }).map((history) => ({ message: "", replacement_history: history }))).map((p) => ({ type: "compacted", payload: p })) },
);
const rollout = fc.array(record, { maxLength: 30 }).map((records) => {
  const lines = [{ type: "session_meta", payload: { id: "s", timestamp: "2026-01-01T00:00:00Z", cwd: "/w", originator: "codex_exec", cli_version: "0.169.0", base_instructions: { text: "be brief" } } }, ...records];
  return `${lines.map((line, i) => JSON.stringify({ timestamp: `2026-01-01T00:00:${String(i % 60).padStart(2, "0")}Z`, ...line })).join("\n")}\n`;
});

describe("a rollout read slim", () => {
  it.each([false, true])("raw %s: sends the units, lengths and bodies of the rollout read whole", (raw) => {
    fc.assert(
      fc.property(rollout, fc.constantFrom("c1", "c2", "c3", "rs_1"), (content, quoted) => {
        const path = tempFile("rows.jsonl", content);
        const plan = planReplay(path, { path }, raw ? { raw: true } : {});
        if (!plan.ok) throw new Error(plan.message);
        const whole = analyse(path, { buffer: Buffer.from(content) }, {}, { records: true, items: true, positions: true });
        const items = raw ? (whole.items ?? []) : codexClient.selfRepair(whole.items ?? [], whole.records).items;
        const units = nativeUnits("codex", items, heldRecords(whole.records), !raw);
        for (const request of plan.requests) {
          const mine = request.units.slice(0, Math.min(request.size, units.length));
          expect(mine.map((unit) => [unit.value, unit.line, unit.column, unit.modelOutput])).toEqual(units.slice(0, mine.length).map((unit) => [unit.value, unit.line, unit.column, unit.modelOutput]));
          const wire = request.wire();
          const sent = [...wire.pieces()].join("");
          expect(sent).toBe(stringifyJson(request.body()));
          // Only the resume of an empty history, its one message, is counted as it is written.
          if (units.length > 0) expect(wire.length).toBe(Buffer.byteLength(sent));
          const refusal = { message: `No tool output found for function call ${quoted}.` };
          const expected = refusedUnit(refusal, units.slice(0, request.size));
          const found = request.refusedUnit(refusal);
          expect(found && [found.line, found.column]).toEqual(expected && [expected.line, expected.column]);
        }
        plan.close();
      }),
      { numRuns: RUNS },
    );
  });
});
