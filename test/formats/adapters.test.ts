// Each adapter reads its fixtures into the history the model would receive, each item pointing at its line.
import { readHistory } from "../../src/clients/index.js";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { anthropic, chat, codex, collectItems, responses } from "../../src/index.js";
import { historyOf, read, textOf } from "../support/files.js";

const fixture = (name: string) => join("fixtures", name);

describe("detection", () => {
  const expected: Record<string, string> = { codex: "codex", "claude-code": "claude-code", responses: "responses", chat: "chat", anthropic: "anthropic", read: "codex" };
  for (const folder of Object.keys(expected)) {
    for (const file of readdirSync(fixture(folder)).filter((f) => /\.jsonl?$/.test(f) && !f.includes(".fixed."))) {
      it(`${folder}/${file} is read as ${expected[folder]}`, () => {
        expect(historyOf(fixture(`${folder}/${file}`)).adapter.name).toBe(expected[folder]);
      });
    }
  }
});

describe("codex", () => {
  it("reads a real rollout with a tool call: reasoning, call and output in order, at their lines", () => {
    const { items } = historyOf(fixture("codex/real-one-tool-call.jsonl"));
    const tail = items.slice(-4);
    expect(tail.map((i) => i.type)).toEqual(["reasoning", "tool_call", "tool_output", "message"]);
    expect(tail[1]).toMatchObject({ kind: "function", name: "exec_command", callId: "call_1_0", source: { pointer: "/payload" } });
    expect(tail[2]).toMatchObject({ callId: "call_1_0" });
    expect(tail[2]?.source.line).toBeGreaterThan(tail[1]?.source.line ?? Infinity);
  });

  it("reads apply_patch as a custom tool call with its custom output", () => {
    const { items } = historyOf(fixture("codex/real-apply-patch.jsonl"));
    const call = items.find((i) => i.type === "tool_call");
    expect(call).toMatchObject({ kind: "custom", wireType: "custom_tool_call", name: "apply_patch" });
    expect(call?.type === "tool_call" && call.arguments).toContain("*** Begin Patch");
    expect(items.find((i) => i.type === "tool_output")).toMatchObject({ kind: "custom", callId: call?.type === "tool_call" ? call.callId : "" });
  });

  it("keeps the call a hard kill left without output", () => {
    const { items } = historyOf(fixture("codex/real-killed-mid-tool.jsonl"));
    expect(items.at(-1)).toMatchObject({ type: "tool_call", callId: "call_1_0" });
    expect(items.some((i) => i.type === "tool_output")).toBe(false);
  });

  it("replaces the history with replacement_history at a compaction", () => {
    const { items } = historyOf(fixture("codex/compacted-with-replacement.jsonl"));
    expect(items.map((i) => i.type)).toEqual(["message", "compaction", "message", "message"]);
    expect(items[1]?.source.pointer).toBe("/payload/replacement_history/1");
    expect(items.map(textOf).filter(Boolean)).toEqual(["first task", "second task", "done with the second"]);
  });

  it("rebuilds from the user messages and the summary when there is no replacement (Codex sends its context afresh)", () => {
    const { items } = historyOf(fixture("codex/compacted-with-summary.jsonl"));
    expect(items.map((i) => (i.type === "message" ? `${i.role}:${textOf(i)}` : i.type))).toEqual([
      "user:first task",
      "user:The user asked for the first task; it is done.",
      "user:second task",
      "assistant:done with the second",
    ]);
  });

  it("keeps only the most recent user messages, about 20k tokens, at a compaction without replacement", () => {
    const line = (ordinal: number, type: string, payload: unknown) => JSON.stringify({ timestamp: "t", ordinal, type, payload });
    const user = (i: number) => line(i, "response_item", { type: "message", role: "user", content: [{ type: "input_text", text: `${i}:${"x".repeat(30_000)}` }] });
    const lines = [line(0, "session_meta", {}), ...[1, 2, 3, 4, 5].map(user), line(6, "compacted", { message: "summary" })];
    const { records } = read(lines.join("\n") + "\n");
    const items = collectItems(readHistory("codex", records, {}).events);
    expect(items.map((i) => textOf(i)?.split(":")[0])).toEqual(["4", "5", "summary"]);
  });

  it("drops the rolled-back turn", () => {
    const { items } = historyOf(fixture("codex/thread-rolled-back.jsonl"));
    expect(items.map(textOf)).toEqual(["first task", "first answer", "second task, again", "better answer"]);
  });

  it("reads the legacy format without an envelope", () => {
    const { items } = historyOf(fixture("codex/legacy-no-envelope.jsonl"));
    expect(items.map((i) => i.type)).toEqual(["message", "tool_call", "tool_output", "message"]);
    expect(items[1]).toMatchObject({ name: "shell", callId: "call_1", source: { line: 4, pointer: "" } });
  });
});

describe("claude-code", () => {
  it("merges one-record-per-block replies and gathers parallel results written as siblings", () => {
    const { items } = historyOf(fixture("claude-code/real-parallel-calls.jsonl"));
    const calls = items.filter((i) => i.type === "tool_call");
    const outputs = items.filter((i) => i.type === "tool_output");
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((c) => c.message)).size).toBe(1);
    expect(outputs.map((o) => o.callId)).toEqual(calls.map((c) => c.callId));
    expect(new Set(outputs.map((o) => o.message)).size).toBe(1);
    expect(calls[0]?.source.line).not.toBe(calls[1]?.source.line);
  });

  it("continues a resumed session on the same chain", () => {
    const { items } = historyOf(fixture("claude-code/real-resumed.jsonl"));
    expect(items.filter((i) => i.type === "message").map(textOf)).toEqual(["say hello", "Hello!", "now run pwd", "That is the folder."]);
  });

  it("bridges a parent that names no record to the record written before", () => {
    const { items } = historyOf(fixture("claude-code/dangling-parent-bridged.jsonl"));
    expect(items.map((i) => i.type)).toEqual(["message", "tool_call", "tool_output", "message"]);
  });

  it("sends only what follows a compact boundary", () => {
    const { items } = historyOf(fixture("claude-code/compact-boundary.jsonl"));
    expect(items.map(textOf)).toEqual(["This session is being continued from a previous conversation. Summary: the first task is done.", "second task", "done with the second"]);
  });

  it("leaves sidechains out and counts a duplicated uuid once", () => {
    const { items } = historyOf(fixture("claude-code/sidechain-and-duplicates.jsonl"));
    expect(items.map((i) => i.type)).toEqual(["message", "tool_call", "tool_output", "message"]);
    expect(items[2]?.source.line).toBe(6);
  });
});

describe("request bodies the real clients sent", () => {
  it("reads the Responses body Codex sent after parallel calls: both calls, then both outputs", () => {
    const { adapter, items } = historyOf(fixture("responses/real-codex-request.json"));
    expect(adapter.name).toBe("responses");
    const tools = items.filter((i) => i.type === "tool_call" || i.type === "tool_output");
    expect(tools.map((i) => `${i.type}:${i.callId}`)).toEqual(["tool_call:call_1_0", "tool_call:call_1_1", "tool_output:call_1_0", "tool_output:call_1_1"]);
  });

  it("reads the Messages body Claude Code sent, system messages inside messages included", () => {
    const { adapter, items } = historyOf(fixture("anthropic/real-claude-code-request.json"));
    expect(adapter.name).toBe("anthropic");
    expect(items.map((i) => `${i.type}@${i.message}`)).toEqual(["message@0", "message@1", "tool_call@2", "tool_call@2", "tool_output@3", "tool_output@3"]);
    expect(items[1]).toMatchObject({ type: "message", role: "system" });
  });

  it("reads the Chat body the openai SDK sent from an agent loop", () => {
    const { adapter, items } = historyOf(fixture("chat/real-openai-sdk-request.json"));
    expect(adapter.name).toBe("chat");
    expect(items.map((i) => (i.type === "message" ? i.role : i.type))).toEqual(["system", "user", "tool_call", "tool_call", "tool_output", "tool_output", "assistant", "user"]);
  });
});

describe("request bodies", () => {
  it("reads the same items from a Responses body, a bare input array and one item a line", () => {
    const shape = (path: string) => historyOf(fixture(path), responses).items.map((i) => [i.type, i.type === "message" ? textOf(i) : i.type === "tool_call" ? i.callId : ""]);
    const body = shape("responses/request-body.json");
    expect(body).toHaveLength(7);
    expect(shape("responses/bare-input-array.json")).toEqual(body);
    expect(shape("responses/one-item-a-line.jsonl")).toEqual(body);
  });

  it("points each element of a pretty-printed body at its own line", () => {
    const { items } = historyOf(fixture("responses/request-body.json"));
    expect(items[0]?.source).toMatchObject({ pointer: "/input/0", line: 5, column: 5 });
    expect(new Set(items.map((i) => i.source.line)).size).toBe(items.length);
  });

  it("reads Chat tool calls, tool messages and content parts", () => {
    const { items } = historyOf(fixture("chat/request-body.json"), chat);
    expect(items.map((i) => `${i.type}@${i.message}`)).toEqual(["message@0", "message@1", "tool_call@2", "tool_call@2", "tool_output@3", "tool_output@4", "message@5", "message@6"]);
    expect(items[4]).toMatchObject({ callId: "call_a", output: "notes.txt", source: { pointer: "/messages/3" } });
    expect(items[7]?.type === "message" && items[7].content.map((p) => p.wireType)).toEqual(["text", "image_url"]);
  });

  it("reads Anthropic blocks: thinking, text, tool_use and tool_result", () => {
    const { items } = historyOf(fixture("anthropic/request-body.json"), anthropic);
    expect(items.map((i) => `${i.type}@${i.message}`)).toEqual([
      "message@0",
      "reasoning@1",
      "message@1",
      "tool_call@1",
      "tool_call@1",
      "tool_output@2",
      "tool_output@2",
      "reasoning@3",
      "message@3",
    ]);
    expect(items[6]).toMatchObject({ callId: "toolu_01B", output: "4 KB", source: { pointer: "/messages/2/content/1" } });
    expect(items[1]).toMatchObject({ encrypted: "EqQBCgIYAhIM-opaque" });
  });
});
