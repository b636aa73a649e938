// The Gemini CLI 0.61 model, each measured fact checked without the client: what a resume of a recorded
// session sends, how the session log is replayed, and the repair that survives repeated resumes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixBytes, lintSource } from "../../src/index.js";
import { planReplay } from "../../src/replay/index.js";

const fixture = (name: string) => readFileSync(`fixtures/gemini-cli/${name}.jsonl`);
const header = '{"sessionId":"a1b2c3d4-0000-4000-8000-000000000001","projectHash":"p","startTime":"t","lastUpdated":"t","kind":"main"}';
const user = (id: string, text: string) => JSON.stringify({ id, timestamp: "t", type: "user", content: [{ text }] });
const call = { id: "run_shell_command__c1", name: "run_shell_command", args: { command: "ls" } };
const response = { functionResponse: { id: "run_shell_command__c1", name: "run_shell_command", response: { output: "a.txt" } } };
const gemini = (id: string, toolCalls: unknown[]) => JSON.stringify({ id, timestamp: "t", type: "gemini", content: "Listing.", thoughts: [], model: "gemini-3.1-pro-preview", toolCalls });

/** The contents the resume request sends, the resume message left out. */
function resumeContents(bytes: Buffer): { role: string; parts: Record<string, unknown>[] }[] {
  const plan = planReplay("session.jsonl", { buffer: bytes }, {});
  if (!plan.ok) throw new Error(plan.message);
  const units = (plan.requests.at(-1)?.units ?? []).filter((unit) => unit.synthetic !== "the resume message");
  return units.map((unit) => unit.value as { role: string; parts: Record<string, unknown>[] });
}
const lint = (bytes: Buffer) => lintSource("session.jsonl", { buffer: bytes }, {}).messages;

describe("Gemini CLI 0.61 on resume", () => {
  it("sends a recorded tool result twice, and the API refuses it", () => {
    const contents = resumeContents(fixture("real-one-tool-call"));
    const responses = contents.flatMap((c) => c.parts.filter((p) => "functionResponse" in p));
    expect(responses).toHaveLength(2);
    expect(contents.map((c) => c.role)).toEqual(["user", "model", "user", "model"]);
    // Sent without the `<name>__` prefix the file keeps.
    expect(responses[0]?.functionResponse).toMatchObject({ id: expect.not.stringContaining("__") });
    expect(lint(fixture("real-one-tool-call"))).toEqual([expect.objectContaining({ ruleId: "duplicate-tool-output", consequence: "refused" })]);
  });

  it("replays the log: a record written again replaces the first where it stood, a line that does not parse is skipped", () => {
    const text = [header, user("u1", "first"), "{not json", user("u2", "second"), user("u1", "first, edited"), ""].join("\n");
    const contents = resumeContents(Buffer.from(text));
    expect(contents).toEqual([{ role: "user", parts: [{ text: "first, edited" }, { text: "second" }] }]);
  });

  it("rewinds to a message, and takes a rewind naming none as clearing everything", () => {
    const rewound = [header, user("u1", "first"), user("u2", "second"), '{"$rewindTo":"u2"}', ""].join("\n");
    expect(resumeContents(Buffer.from(rewound))).toEqual([{ role: "user", parts: [{ text: "first" }] }]);
    const cleared = [header, user("u1", "first"), '{"$rewindTo":"nobody"}', ""].join("\n");
    expect(resumeContents(Buffer.from(cleared))).toEqual([]);
  });

  it("will not open a file with no header (the CLI's retention deletes it)", () => {
    const headless = [user("u1", "first"), '{"$set":{"lastUpdated":"t"}}', ""].join("\n");
    expect(lint(Buffer.from(headless))).toEqual([expect.objectContaining({ ruleId: "gemini-cli-session-unloadable", consequence: "wont-open" })]);
  });

  it("does not send info and error records, slash commands or its own session context", () => {
    const text = [header, user("c", "<session_context>\nold</session_context>"), user("u1", "hi"), JSON.stringify({ id: "i", timestamp: "t", type: "info", content: "note" }), user("s", "/stats"), ""].join("\n");
    expect(resumeContents(Buffer.from(text))).toEqual([{ role: "user", parts: [{ text: "hi" }] }]);
  });
});

describe("histlint fix of a Gemini CLI session", () => {
  it("keeps one answer a call, in the shape the CLI does not double again, and loses nothing", () => {
    const bytes = fixture("real-parallel-calls");
    const { output } = fixBytes("session.jsonl", bytes);
    expect(lint(output)).toEqual([]);
    const responses = resumeContents(output).flatMap((c) => c.parts.filter((p) => "functionResponse" in p));
    expect(responses).toHaveLength(2);
    const repaired = output.toString("utf8").split("\n").flatMap((line) => (line.includes('"toolCallsMovedByHistlint"') ? [JSON.parse(line)] : []));
    expect(repaired).toHaveLength(1);
    expect(repaired[0].toolCalls).toBeUndefined();
    expect(repaired[0].content.filter((p: Record<string, unknown>) => "functionCall" in p)).toHaveLength(2);
    expect(repaired[0].toolCallsMovedByHistlint.map((c: { status: string }) => c.status)).toEqual(["success", "success"]);
    expect(fixBytes("session.jsonl", output).output.equals(output)).toBe(true);
  });

  it("answers a call the session lost the result of as the CLI records a cancelled call", () => {
    const text = [header, user("u1", "list"), gemini("g1", [{ ...call, status: "executing" }]), user("u2", "hello?"), ""].join("\n");
    expect(lint(Buffer.from(text))).toEqual([expect.objectContaining({ ruleId: "tool-call-without-output", consequence: "refused" })]);
    const { output } = fixBytes("session.jsonl", Buffer.from(text));
    expect(lint(output)).toEqual([]);
    const contents = resumeContents(output);
    expect(contents.map((c) => c.role)).toEqual(["user", "model", "user"]);
    expect(contents[2]?.parts[0]).toEqual({ functionResponse: { id: "c1", name: "run_shell_command", response: { error: "[Operation Cancelled] User cancelled tool execution." } } });
    expect(output.toString()).toContain('"status":"cancelled"');
  });

  it("leaves a session with nothing to repair byte for byte", () => {
    const text = Buffer.from([header, user("u1", "list"), JSON.stringify({ id: "g1", timestamp: "t", type: "gemini", content: [{ text: "Listing." }, { functionCall: call }] }), JSON.stringify({ id: "r1", timestamp: "t", type: "user", content: [response] }), ""].join("\n"));
    expect(lint(text)).toEqual([]);
    expect(fixBytes("session.jsonl", text).output.equals(text)).toBe(true);
  });
});
