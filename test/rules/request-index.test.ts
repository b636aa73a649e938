// The `messages.N` an error names counts wire messages, as the API does, not the history's items (a
// message with text and a tool_use is two items but one message).
import { describe, expect, it } from "vitest";
import { analyse, lintSource } from "../../src/index.js";

function messagesOf(format: "anthropic" | "chat", body: unknown, ruleId: string): string[] {
  const result = lintSource(`body.json`, { buffer: Buffer.from(JSON.stringify(body)) }, { inputFormat: format });
  return result.messages.filter((d) => d.ruleId === ruleId).map((d) => d.message);
}

const tools = [{ name: "ls", input_schema: { type: "object" } }];
const withText = { role: "assistant", content: [{ type: "text", text: "Listing." }, { type: "tool_use", id: "toolu_1", name: "ls", input: {} }] };

describe("the message index in a provider's error", () => {
  it("names the assistant message of an unanswered tool_use, after a text block in it", () => {
    const body = { model: "claude-sonnet-4-5", max_tokens: 9, tools, messages: [{ role: "user", content: "list" }, withText] };
    expect(messagesOf("anthropic", body, "tool-call-without-output").join("\n")).toContain('"messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1.');
  });

  it("names the message and block of a tool_result written before its call", () => {
    const result = { role: "user", content: [{ type: "text", text: "first" }, { type: "tool_result", tool_use_id: "toolu_1", content: "a" }] };
    const body = { model: "claude-sonnet-4-5", max_tokens: 9, tools, messages: [result, withText, { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "a" }] }] };
    expect(messagesOf("anthropic", body, "tool-output-before-call").join("\n")).toContain('"messages.0.content.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_1.');
  });

  it("names the Chat assistant message whose call a user message interrupts", () => {
    const call = { role: "assistant", content: "Listing.", tool_calls: [{ id: "call_1", type: "function", function: { name: "ls", arguments: "{}" } }] };
    const body = { model: "gpt-4.1", messages: [{ role: "system", content: "terse" }, { role: "user", content: "list" }, call, { role: "user", content: "hurry" }, { role: "tool", tool_call_id: "call_1", content: "a" }] };
    const analysis = analyse("body.json", { buffer: Buffer.from(JSON.stringify(body)) }, { inputFormat: "chat" });
    const params = [...(analysis.runner?.errors ?? new Map()).entries()].filter(([d]) => d.ruleId === "user-message-during-pending-call").map(([, e]) => (e.body as { error: { param: string } }).error.param);
    expect(params).toEqual(["messages.[2].role"]);
  });
});
