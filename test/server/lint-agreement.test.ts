// What lint calls an error the mock refuses, in the provider's words where they are known (docs/provider-texts.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintSource, startMockServer, type MockServer } from "../../src/index.js";

let mock: MockServer;
beforeAll(async () => (mock = await startMockServer()));
afterAll(() => mock.close());

async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${mock.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const openAi = (message: string, param: string | null, code: string | null = null) => ({ error: { message, type: "invalid_request_error", param, code } });
const anthropic = (message: string) => ({ type: "error", error: { type: "invalid_request_error", message }, request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/) });
const user = { role: "user", content: "hi" };
const KNOWN_PARTS = "'input_text', 'input_image', 'output_text', 'refusal', 'input_file', 'computer_screenshot', 'summary_text', and 'tether_browsing_display'";

describe("Responses", () => {
  const call = (id: string) => ({ type: "function_call", call_id: id, name: "ls", arguments: "{}" });
  const output = (id: string) => ({ type: "function_call_output", call_id: id, output: "a" });
  const rows: [string, unknown[], ReturnType<typeof openAi>][] = [
    ["two calls with one call_id", [user, call("call_1"), output("call_1"), call("call_1"), output("call_1")], openAi("Invalid 'input[3].call_id': 'call_1' is already the call_id of input[1]. Each tool call needs a call_id of its own.", "input[3].call_id")],
    ["an empty call_id", [user, call("")], openAi("Invalid 'input[1].call_id': empty string. Expected a string with minimum length 1, but got an empty string instead.", "input[1].call_id", "empty_string")],
    ["an output with no call_id", [user, { type: "function_call_output", output: "a" }], openAi("Missing required parameter: 'input[1].call_id'.", "input[1].call_id", "missing_required_parameter")],
    ["a `text` part in a user message", [{ type: "message", role: "user", content: [{ type: "text", text: "hi" }] }], openAi(`Invalid value: 'text'. Supported values are: ${KNOWN_PARTS}.`, "input[0].content[0].type", "invalid_value")],
    ["a `text` part in an assistant message", [user, { type: "message", role: "assistant", content: [{ type: "text", text: "a" }] }], openAi("Invalid value: 'text'. Supported values are: 'output_text' and 'refusal'.", "input[1].content[0]", "invalid_value")],
    ["an empty input", [], openAi("Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead.", "input", "empty_array")],
  ];
  for (const [name, input, expected] of rows) {
    it(name, async () => {
      expect(await post("/v1/responses", { model: "gpt-5.5", input })).toEqual({ status: 400, body: expected });
    });
  }
});

describe("Chat Completions", () => {
  const calls = (id: string) => ({ role: "assistant", content: null, tool_calls: [{ id, type: "function", function: { name: "ls", arguments: "{}" } }] });
  const tool = (id: string) => ({ role: "tool", tool_call_id: id, content: "a" });
  const rows: [string, unknown[], ReturnType<typeof openAi>][] = [
    ["two calls with one id, both answered", [user, calls("call_1"), tool("call_1"), calls("call_1"), tool("call_1")], openAi("Invalid parameter: Duplicate value for 'tool_call_id' of 'call_1', in messages[2] and messages[4].", "messages.[4].tool_call_id")],
    ["two calls with one id, the second unanswered", [user, calls("call_1"), tool("call_1"), { ...calls("call_1"), tool_calls: [{ id: "call_2", type: "function", function: { name: "ls", arguments: "{}" } }, { id: "call_1", type: "function", function: { name: "ls", arguments: "{}" } }] }, tool("call_2")], openAi("Invalid 'messages[3].tool_calls[1].id': 'call_1' is already the id of a tool call in messages[1]. Each tool call needs an id of its own.", "messages[3].tool_calls[1].id")],
    ["an empty tool call id", [user, calls("")], openAi("Invalid 'messages[1].tool_calls[0].id': empty string. Expected a string with minimum length 1, but got an empty string instead.", "messages[1].tool_calls[0].id", "empty_string")],
    ["an `input_text` part", [{ role: "user", content: [{ type: "input_text", text: "hi" }] }], openAi("Invalid value: 'input_text'. Supported values for a user message are: 'text', 'image_url', 'input_audio', and 'file'.", "messages[0].content[0].type", "invalid_value")],
    ["an empty messages array", [], openAi("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array")],
  ];
  for (const [name, messages, expected] of rows) {
    it(name, async () => {
      expect(await post("/v1/chat/completions", { model: "gpt-4.1", messages })).toEqual({ status: 400, body: expected });
    });
  }
});

describe("Anthropic Messages", () => {
  const tools = [{ name: "ls", input_schema: { type: "object" } }];
  const use = (id: string) => ({ type: "tool_use", id, name: "ls", input: {} });
  const result = (id: string) => ({ type: "tool_result", tool_use_id: id, content: "a" });
  const rows: [string, unknown[], string][] = [
    ["two tool_use blocks with one id", [user, { role: "assistant", content: [use("toolu_1")] }, { role: "user", content: [result("toolu_1")] }, { role: "assistant", content: [{ type: "text", text: "again" }, use("toolu_1")] }, { role: "user", content: [result("toolu_1")] }], "messages.3.content.1: tool_use ids must be unique"],
    ["an empty tool_use id", [user, { role: "assistant", content: [use("")] }, { role: "user", content: [result("")] }], "messages.1.content.0.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'"],
    ["an `input_text` block", [{ role: "user", content: [{ type: "input_text", text: "hi" }] }], "messages.0.content.0.type: `input_text` is not a content block type the Messages API takes"],
    ["an image in an assistant message", [user, { role: "assistant", content: [{ type: "text", text: "a" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }] }], "messages.1.content.1.type: `image` is not a content block type the `assistant` role takes (`text`)"],
    ["an empty messages array", [], "messages: at least one message is required"],
    // The real API names the message holding the stray result (the third, 0-based 2) and the block in it, not the item's place.
    ["an orphan tool_result after a matched one", [user, { role: "assistant", content: [use("toolu_1")] }, { role: "user", content: [result("toolu_1"), result("toolu_9"), { type: "text", text: "thanks" }] }], "messages.2.content.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9. Each `tool_result` block must have a corresponding `tool_use` block in the previous message."],
    ["an orphan tool_result after text and a call", [user, { role: "assistant", content: [{ type: "text", text: "listing" }, use("toolu_1")] }, { role: "user", content: [result("toolu_1"), result("toolu_9")] }], "messages.2.content.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9. Each `tool_result` block must have a corresponding `tool_use` block in the previous message."],
    ["an empty text block after a tool_result", [user, { role: "assistant", content: [use("toolu_1")] }, { role: "user", content: [result("toolu_1"), { type: "text", text: "" }] }], "messages: text content blocks must be non-empty"],
  ];
  for (const [name, messages, message] of rows) {
    it(name, async () => {
      expect(await post("/v1/messages", { model: "claude-sonnet-4-5", max_tokens: 1024, tools, messages })).toEqual({ status: 400, body: anthropic(message) });
    });
  }

  it("takes a history that opens with the assistant, as api.anthropic.com does, and lint only warns", async () => {
    const body = { model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "assistant", content: "hello" }, user] };
    expect((await post("/v1/messages", body)).status).toBe(200);
    const lint = lintSource("body.json", { buffer: Buffer.from(JSON.stringify(body)) }, { inputFormat: "anthropic" });
    expect(lint.messages.map((d) => [d.ruleId, d.severity])).toEqual([["first-message-not-user", "warning"]]);
  });
});

describe("an error with no provider text", () => {
  it("is still refused, as an invalid_request_error that names the problem and the rule", async () => {
    // A thinking block without its signature: lint calls it an error; no provider text is recorded for it.
    const messages = [user, { role: "assistant", content: [{ type: "thinking", thinking: "hmm" }, { type: "text", text: "a" }] }, user];
    const answer = await post("/v1/messages", { model: "claude-sonnet-4-5", max_tokens: 1024, messages });
    expect(answer).toEqual({ status: 400, body: anthropic(expect.stringMatching(/^this thinking block has no signature: .* \[histlint thinking-block-order\]$/)) });
  });
});
