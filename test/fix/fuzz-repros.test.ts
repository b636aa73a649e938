// The failures the fuzz suite found outside the named cases, each as its smallest reproduction.
import { describe, expect, it } from "vitest";
import { fixBytes, lintSource } from "../../src/index.js";

const META = '{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"s","timestamp":"t","cwd":"/w","originator":"codex_exec","cli_version":"0.169.0"}}';
const item = (ordinal: number, payload: string) => `{"timestamp":"t","ordinal":${ordinal},"type":"response_item","payload":${payload}}`;
const USER = '{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}';
const ANSWER = '{"type":"message","role":"assistant","content":[{"type":"output_text","text":"ok"}]}';

describe("Codex ordinals", () => {
  it("stay as they are when lines without an ordinal go (a bare number, an array): none drops below zero", () => {
    const rollout = [META, "42", "42", item(1, USER), '["not","a","record"]', item(2, ANSWER)].join("\n") + "\n";
    const outcome = fixBytes("rollout", Buffer.from(rollout), { unsafe: true });
    expect(outcome.output.toString()).toBe([META, item(1, USER), item(2, ANSWER)].join("\n") + "\n");
    expect(outcome.remaining.messages.filter((d) => d.ruleId === "ordinal-sequence")).toEqual([]);
  });

  it("are renumbered on the bytes: invalid UTF-8 in a record renumbered, or in one beside it, survives", () => {
    const odd = Buffer.concat([Buffer.from('{"timestamp":"t","ordinal":2,"type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"a'), Buffer.from([0xff]), Buffer.from('"}]}}')]);
    const rollout = Buffer.concat([Buffer.from(`${META}\n${item(1, USER)}\n`), odd, Buffer.from(`\n${item(4, ANSWER)}\n`)]);
    const outcome = fixBytes("rollout", rollout);
    expect(outcome.applied.map((fix) => fix.ruleId)).toEqual(["ordinal-sequence"]);
    expect(outcome.output.includes(odd)).toBe(true);
    expect(outcome.output.toString("latin1")).toContain(item(3, ANSWER));
  });
});

describe("bytes that belong to no record", () => {
  it("after a request body go with --unsafe, so the rest of the body can be repaired", () => {
    const body = '{"model":"m","max_tokens":9,"messages":[\n{"role":"user","content":"hi"},\n{"role":"assistant","content":[{"type":"text","text":""}]}\n]}\n]}';
    const lint = lintSource("body", { buffer: Buffer.from(body) });
    expect(lint.messages.map((d) => [d.ruleId, d.fixable])).toEqual([
      ["empty-message", true],
      ["invalid-json", true],
    ]);
    const outcome = fixBytes("body", Buffer.from(body), { unsafe: true });
    expect(outcome.output.toString()).toBe('{"model":"m","max_tokens":9,"messages":[\n{"role":"user","content":"hi"}\n]}\n');
  });
});

describe("a Claude Code chain cut by a null parent, its lines out of order", () => {
  const record = (uuid: string, parent: string | null, type = "user") =>
    JSON.stringify({ type, uuid, parentUuid: parent, timestamp: "2026-11-21T18:00:00.000Z", message: type === "user" ? { role: "user", content: `from ${uuid}` } : { role: "assistant", id: `m_${uuid}`, content: [{ type: "text", text: `from ${uuid}` }] } });

  it("is re-linked only to bring back what the link reaches: a record on another branch is not fixable", () => {
    // Written a3, a1, u2, u3, u1: u1 (the chain's start, parent null) re-links to u3 (the line before),
    // which brings back u3 and u2; a3 hangs off u3 on a branch of its own and stays out.
    const session = [record("a3", "u3", "assistant"), record("a1", "u1", "assistant"), record("u2", "s1"), record("u3", "u2"), record("u1", null)].join("\n") + "\n";
    const lint = lintSource("session", { buffer: Buffer.from(session) });
    const chain = lint.messages.filter((d) => d.ruleId === "broken-parent-chain");
    expect(chain.map((d) => [d.line, d.fixable])).toEqual([
      [1, false],
      [3, true],
      [4, true],
    ]);
    const outcome = fixBytes("session", Buffer.from(session));
    expect(outcome.remaining.messages.filter((d) => d.ruleId === "broken-parent-chain" && d.fixable)).toEqual([]);
  });

  it("is not re-linked to a descendant of its start, which would close a loop", () => {
    // u1 starts the chain (parent null); the line before it is a2, a child of u1: no fix is offered.
    const session = [record("u0", null), record("a2", "u1", "assistant"), record("u1", null)].join("\n") + "\n";
    const lint = lintSource("session", { buffer: Buffer.from(session) });
    expect(lint.messages.filter((d) => d.ruleId === "broken-parent-chain").map((d) => d.fixable)).toEqual([false]);
  });
});

describe("an item type that is a name of Object.prototype", () => {
  it("has no id prefix to check", () => {
    const lint = lintSource("items", { buffer: Buffer.from('{"type":"isPrototypeOf","id":"rs_3","summary":[]}\n{"type":"message","role":"assistant","content":"a"}\n') }, { inputFormat: "responses" });
    expect(lint.messages.filter((d) => d.ruleId === "item-id-prefix")).toEqual([]);
  });
});

describe("a record cut in the middle of the file", () => {
  it("is not dropped by a safe fix once what followed it is gone and it stands last", () => {
    // Line 1 is a record cut by a stray line break; line 2, `"}`, is what the break left behind.
    const input = Buffer.from('{"type":"message","role":"user","content":"list\r\n"}\n');
    expect(lintSource("cut.jsonl", { buffer: input }).messages.map((d) => d.ruleId)).toEqual(["invalid-json", "truncated-record"]);
    const outcome = fixBytes("cut.jsonl", input);
    expect(outcome.output.toString("utf8")).toContain('{"type":"message","role":"user","content":"list');
  });

  it("stays the file's tail when a repair inserts a record after the last one", () => {
    const call = item(1, '{"type":"function_call","name":"ls","arguments":"{}","call_id":"call_1"}');
    const tail = '{\n  "timestamp"';
    const outcome = fixBytes("rollout", Buffer.from(`${META}\n${call}\n${tail}`));
    expect(outcome.applied.map((fix) => fix.ruleId)).toEqual(["tool-call-without-output"]);
    const text = outcome.output.toString("utf8");
    expect(text.endsWith(`"output":"aborted"}}\n${tail}`)).toBe(true);
    expect(lintSource("rollout", { buffer: outcome.output }).messages.map((d) => d.ruleId)).toEqual(["truncated-record"]);
  });
});
