// The Codex CLI 0.169.0 model on small hand-made rollouts: each fact the differential suite measured
// on the real client, checked here without it (test/differential/codex.test.ts runs the client).
import { describe, expect, it } from "vitest";
import { CODEX_BUILT_IN_INSTRUCTIONS, codexClient } from "../../src/clients/index.js";
import { lintSource, planReplay } from "../../src/index.js";

const envelope = (ordinal: number, type: string, payload: unknown) => JSON.stringify({ timestamp: "2026-11-21T18:00:00.000Z", ordinal, type, payload });
const meta = envelope(0, "session_meta", { id: "s", timestamp: "2026-11-21T18:00:00.000Z", cwd: "/w", originator: "codex_exec", cli_version: "0.169.0", base_instructions: { text: "Be terse." } });
const item = (ordinal: number, payload: Record<string, unknown>) => envelope(ordinal, "response_item", { ...payload, internal_chat_message_metadata_passthrough: { turn_id: "t" } });
const user = (ordinal: number, text: string) => item(ordinal, { type: "message", role: "user", content: [{ type: "input_text", text }] });
const call = (ordinal: number, id: string, type = "function_call") => item(ordinal, type === "function_call" ? { type, call_id: id, name: "exec_command", arguments: "{}" } : { type, call_id: id, name: "apply_patch", input: "*** Begin Patch" });
const output = (ordinal: number, id: string, type = "function_call_output") => item(ordinal, { type, call_id: id, output: "done" });

/** The input of the request a resume sends, without the resume's own prompt. */
function resumeInput(lines: string[]): Record<string, unknown>[] {
  const plan = planReplay("rollout.jsonl", { buffer: Buffer.from(lines.join("\n") + "\n") });
  if (!plan.ok) throw new Error(plan.message);
  const last = plan.requests.at(-1);
  const input = (last?.body().input ?? []) as Record<string, unknown>[];
  return last?.units.at(-1)?.synthetic === "the resume message" ? input.slice(0, -1) : input;
}

const kinds = (input: Record<string, unknown>[]) => input.map((i) => `${String(i.type)}${i.role ? `:${String(i.role)}` : ""}${i.call_id ? `:${String(i.call_id)}` : ""}${typeof i.output === "string" ? `=${i.output}` : ""}`);

describe("Codex CLI 0.169.0 on resume", () => {
  it("sends the base instructions first, as a developer message, and strips the passthrough field", () => {
    const input = resumeInput([meta, user(1, "list")]);
    expect(input[0]).toMatchObject({ type: "message", role: "developer", content: [{ type: "input_text", text: "Be terse." }] });
    expect(String(input[0]?.id)).toMatch(/^msg_[0-9a-f-]{36}$/);
    expect(input.some((i) => "internal_chat_message_metadata_passthrough" in i)).toBe(false);
  });

  it("sends its built-in instructions when the rollout records none", () => {
    const bare = envelope(0, "session_meta", { id: "s", timestamp: "t", cwd: "/w", originator: "codex_exec", cli_version: "0.169.0" });
    expect(resumeInput([bare, user(1, "list")])[0]).toMatchObject({ role: "developer", content: [{ text: CODEX_BUILT_IN_INSTRUCTIONS }] });
  });

  it("skips a line holding two records, and gives the call whose output was on it \"aborted\", with an fco_ id", () => {
    const input = resumeInput([meta, user(1, "list"), call(2, "c1"), `${output(3, "c1")}${user(4, "next")}`]);
    expect(kinds(input).slice(1)).toEqual(["message:user", "function_call:c1", "function_call_output:c1=aborted"]);
    expect(String(input[3]?.id)).toMatch(/^fco_[0-9a-f-]{36}$/);
  });

  it("skips unknown record types and unknown item types", () => {
    const input = resumeInput([meta, envelope(1, "hologram", {}), item(2, { type: "ghost_item", text: "x" }), user(3, "list")]);
    expect(kinds(input).slice(1)).toEqual(["message:user"]);
  });

  it("counts an output of the other kind as no output: it is dropped and \"aborted\" sent", () => {
    const input = resumeInput([meta, user(1, "patch"), call(2, "c1"), output(3, "c1", "custom_tool_call_output")]);
    expect(kinds(input).slice(1)).toEqual(["message:user", "function_call:c1", "function_call_output:c1=aborted"]);
    const custom = resumeInput([meta, user(1, "patch"), call(2, "c2", "custom_tool_call")]);
    expect(String(custom[3]?.id)).toMatch(/^ctco_/);
  });

  it("sends an output written before its call as it stands, so the endpoint refuses it", () => {
    const lines = [meta, user(1, "list"), output(2, "c1"), call(3, "c1")];
    expect(kinds(resumeInput(lines)).slice(1)).toEqual(["message:user", "function_call_output:c1=done", "function_call:c1"]);
    const finding = lintSource("rollout.jsonl", { buffer: Buffer.from(lines.join("\n")) }).messages.find((d) => d.ruleId === "tool-output-before-call");
    expect(finding).toMatchObject({ consequence: "refused", severity: "error" });
    expect(finding?.message).toMatch(/^refused: .*Codex CLI 0\.169\.0 sends it and the API answers 400 "No tool call found/);
  });

  it("resends reasoning with null content and encrypted_content where the rollout has none", () => {
    const input = resumeInput([meta, user(1, "list"), item(2, { type: "reasoning", id: "rs_1", summary: [] }), item(3, { type: "message", role: "assistant", content: [{ type: "output_text", text: "ok" }] })]);
    expect(input[2]).toEqual({ type: "reasoning", id: "rs_1", summary: [], content: null, encrypted_content: null });
  });

  it("will not open a rollout whose line 1 lacks a field of the session meta", () => {
    const bare = envelope(0, "session_meta", { id: "s", cwd: "/w" });
    const plan = planReplay("rollout.jsonl", { buffer: Buffer.from(`${bare}\n${user(1, "list")}\n`) });
    expect(plan).toMatchObject({ ok: false, wontOpen: true });
    expect(!plan.ok && plan.message).toContain("does not start with session metadata");
  });

  it("judges each finding by what it does: lost, won't open, or refused", () => {
    expect(codexClient.verdict("multi-record-line", { line: 4 }).consequence).toBe("lost");
    expect(codexClient.verdict("multi-record-line", { line: 1 }).consequence).toBe("wont-open");
    expect(codexClient.verdict("tool-output-without-call", { line: 4 }).consequence).toBe("lost");
    expect(codexClient.verdict("duplicate-item-id", { line: 4 }).consequence).toBe("refused");
  });
});
