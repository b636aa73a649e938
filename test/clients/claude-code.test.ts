// The Claude Code 2.1.330 model on small hand-made sessions: each fact the differential suite measured
// on the real client, checked here without it (test/differential/claude-code.test.ts runs the client).
import { describe, expect, it } from "vitest";
import { CLAUDE_CODE_INTERRUPTED } from "../../src/clients/index.js";
import { lintSource, planReplay } from "../../src/index.js";

let clock = 0;
function record(uuid: string, parent: string | null, type: "user" | "assistant", content: unknown, extra: Record<string, unknown> = {}): string {
  clock += 1;
  const message = type === "assistant" ? { role: type, id: `msg_${uuid}`, content } : { role: type, content };
  return JSON.stringify({ parentUuid: parent, isSidechain: false, type, uuid, timestamp: new Date(Date.UTC(2026, 10, 21, 18, 0, clock)).toISOString(), message, ...extra });
}
const use = (id: string) => ({ type: "tool_use", id, name: "Bash", input: { command: "ls" } });
const result = (id: string, text = "notes.txt") => ({ type: "tool_result", tool_use_id: id, content: text });

/** The messages of the request a resume sends, without the resume's own prompt. */
function sent(lines: string[]): { role: string; content: unknown }[] {
  const plan = planReplay("session.jsonl", { buffer: Buffer.from(lines.join("\n") + "\n") });
  if (!plan.ok) throw new Error(plan.message);
  const last = plan.requests.at(-1);
  const messages = (last?.body().messages ?? []) as { role: string; content: unknown }[];
  return last?.units.at(-1)?.synthetic === "the resume message" ? messages.slice(0, -1) : messages;
}

const shape = (messages: { role: string; content: unknown }[]) =>
  messages.map((m) => `${m.role}: ${typeof m.content === "string" ? m.content : (m.content as Record<string, unknown>[]).map((b) => (b.type === "text" ? String(b.text) : `${String(b.type)}(${String(b.id ?? b.tool_use_id)})`)).join(" | ")}`);

describe("Claude Code 2.1.330 on resume", () => {
  it("sends the chain in chain order, whatever the file order", () => {
    const lines = [record("u1", null, "user", "list"), record("r1", "a1", "user", [result("t1")]), record("a1", "u1", "assistant", [use("t1")]), record("a2", "r1", "assistant", [{ type: "text", text: "One file." }])];
    expect(shape(sent(lines))).toEqual(["user: list", "assistant: tool_use(t1)", "user: tool_result(t1)", "assistant: One file."]);
  });

  it("bridges a dangling parent to the record closest before it in time, not the line before it", () => {
    const first = [record("u1", null, "user", "one"), record("a1", "u1", "assistant", [{ type: "text", text: "first" }])];
    const orphan = record("u2", "gone", "user", "two");
    const later = record("a2", "u2", "assistant", [{ type: "text", text: "second" }]);
    // The orphan's line is moved to the end, but its timestamp still puts it after "first".
    expect(shape(sent([...first, later, orphan, JSON.stringify({ type: "last-prompt", leafUuid: "a2" })]))).toEqual(["user: one", "assistant: first", "user: two", "assistant: second"]);
  });

  it("drops an unanswered tool_use mid-conversation, and a message left with nothing goes", () => {
    const lines = [record("u1", null, "user", "list"), record("a1", "u1", "assistant", [use("t1")]), record("a2", "a1", "assistant", [{ type: "text", text: "ok" }])];
    expect(shape(sent(lines))).toEqual(["user: list", "assistant: ok"]);
    const finding = lintSource("session.jsonl", { buffer: Buffer.from(lines.join("\n")) }).messages.find((d) => d.ruleId === "tool-call-without-output");
    expect(finding).toMatchObject({ consequence: "lost", severity: "warning" });
    expect(finding?.message).not.toContain("the API answers");
  });

  it("answers the calls a session ended inside with an interrupted result, then \"No response requested.\"", () => {
    const lines = [record("u1", null, "user", "list"), record("a1", "u1", "assistant", [use("t1")])];
    const messages = sent(lines);
    expect(shape(messages)).toEqual(["user: list", "assistant: tool_use(t1)", "user: tool_result(t1)", "assistant: No response requested."]);
    expect((messages[2]?.content as Record<string, unknown>[])[0]).toEqual({ type: "tool_result", tool_use_id: "t1", content: CLAUDE_CODE_INTERRUPTED, is_error: true });
  });

  it("sends a tool_result with no call as nothing, and a user message left empty as \"(no content)\"", () => {
    const lines = [record("u1", null, "user", "list"), record("a1", "u1", "assistant", [{ type: "text", text: "Listing." }]), record("r1", "a1", "user", [result("t9")]), record("a2", "r1", "assistant", [{ type: "text", text: "done" }])];
    expect(shape(sent(lines))).toEqual(["user: list", "assistant: Listing.", "user: (no content)", "assistant: done"]);
  });

  it("merges consecutive user messages, ending the earlier text with a newline, and skips API error answers", () => {
    const lines = [record("u1", null, "user", "say hello"), record("e1", "u1", "assistant", [{ type: "text", text: "API Error" }], { isApiErrorMessage: true }), record("u2", "e1", "user", "now run pwd"), record("a1", "u2", "assistant", [{ type: "text", text: "ok" }])];
    expect(sent(lines)[0]).toEqual({ role: "user", content: [{ type: "text", text: "say hello\n" }, { type: "text", text: "now run pwd" }] });
  });

  it("turns a call id used again later into [Tool use interrupted] and its result into (no content)", () => {
    const turn = (n: number, parent: string) => [record(`u${n}`, parent, "user", `turn ${n}`), record(`a${n}`, `u${n}`, "assistant", [use("t1")]), record(`r${n}`, `a${n}`, "user", [result("t1")]), record(`b${n}`, `r${n}`, "assistant", [{ type: "text", text: `done ${n}` }])];
    const lines = [...turn(1, "root").map((l, i) => (i === 0 ? l.replace('"parentUuid":"root"', '"parentUuid":null') : l)), ...turn(2, "b1")];
    expect(shape(sent(lines)).slice(4)).toEqual(["user: turn 2", "assistant: [Tool use interrupted]", "user: (no content)", "assistant: done 2"]);
  });

  it("resumes from the leaf the last last-prompt record names, not from a later branch", () => {
    const lines = [record("u1", null, "user", "one"), record("a1", "u1", "assistant", [{ type: "text", text: "first" }]), record("u2", "a1", "user", "two"), record("a2", "u2", "assistant", [{ type: "text", text: "second" }]), JSON.stringify({ type: "last-prompt", leafUuid: "a2" }), record("x1", "a1", "user", "a branch")];
    expect(shape(sent(lines))).toEqual(["user: one", "assistant: first", "user: two", "assistant: second"]);
  });

  it("reads the first of two records joined on one line and skips the second", () => {
    const lines = [record("u1", null, "user", "list"), `${record("a1", "u1", "assistant", [{ type: "text", text: "kept" }])}${record("a2", "a1", "assistant", [{ type: "text", text: "lost" }])}`];
    expect(shape(sent(lines))).toEqual(["user: list", "assistant: kept"]);
  });
});
