// PROVIDERS.md, row by row: each violating request gets the provider's status and body, to the letter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/index.js";

let mock: MockServer;
beforeAll(async () => (mock = await startMockServer()));
afterAll(() => mock.close());

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${mock.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const JSON_TYPE = { "content-type": "application/json" };
const user = { role: "user", content: "hi" };
const openAi = (message: string, param: string | null, code: string | null = null) => ({ error: { message, type: "invalid_request_error", param, code } });

describe("Responses rows", () => {
  const rows: [string, unknown[], Record<string, unknown>, ReturnType<typeof openAi>][] = [
    ["function_call with no output", [user, { type: "function_call", call_id: "call_X", name: "ls", arguments: "{}" }], {}, openAi("No tool output found for function call call_X.", "input")],
    ["local_shell_call with no output", [user, { type: "local_shell_call", call_id: "call_X", status: "completed", action: { type: "exec", command: ["ls"] } }], {}, openAi("No tool output found for local shell call call_X.", "input")],
    ["custom_tool_call with no output", [user, { type: "custom_tool_call", call_id: "call_X", name: "apply_patch", input: "x" }], {}, openAi("No tool output found for custom tool call call_X.", "input")],
    ["output with no call", [user, { type: "function_call_output", call_id: "call_X", output: "x" }], {}, openAi("No tool call found for function call output with call_id call_X.", "input")],
    ["a Chat-style tool message", [user, { role: "tool", content: "x" }], {}, openAi("Invalid value: 'tool'. Supported values are: 'assistant', 'system', 'developer', and 'user'.", "input[1].role", "invalid_value")],
    ["Chat-style tool_calls on a message", [user, { role: "assistant", content: "x", tool_calls: [] }], {}, openAi("Unknown parameter: 'input[1].tool_calls'.", "input[1].tool_calls", "unknown_parameter")],
    ["input_text in an assistant message", [user, { type: "message", role: "assistant", content: [{ type: "input_text", text: "x" }] }], {}, openAi("Invalid value: 'input_text'. Supported values are: 'output_text' and 'refusal'.", "input[1].content[0]", "invalid_value")],
    ["reasoning without its following item", [user, { type: "reasoning", id: "rs_X", summary: [] }, user], {}, openAi("Item 'rs_X' of type 'reasoning' was provided without its required following item.", "input")],
    ["two items with one id", [user, { type: "message", id: "msg_X", role: "assistant", content: "a" }, { type: "message", id: "msg_X", role: "assistant", content: "a" }], {}, openAi("Duplicate item found with id msg_X. Remove duplicate items from your input and try again.", "input")],
    ["an id with the wrong prefix", [user, { type: "reasoning", id: "X", summary: [] }, { type: "message", role: "assistant", content: "a" }], {}, openAi("Invalid 'input[1].id': 'X'. Expected an ID that begins with 'rs'.", "input[1].id", "invalid_value")],
    ["a web search action that cannot be replayed", [user, { type: "web_search_call", id: "ws_1", status: "completed", action: { type: "other" } }], {}, openAi("Invalid value: 'other'. Supported values are: 'search', 'open_page', and 'find_in_page'.", "input[1].action.type", "invalid_value")],
    ["temperature for a reasoning model", [user], { temperature: 0.2 }, openAi("Unsupported parameter: 'temperature' is not supported with this model.", "temperature", "unsupported_parameter")],
  ];
  for (const [name, input, extra, expected] of rows) {
    it(name, async () => {
      expect(await post("/v1/responses", { model: "gpt-5.5", input, ...extra })).toEqual({ status: 400, body: expected });
    });
  }
});

describe("Chat Completions rows", () => {
  it("tool_calls not followed by tool messages for every id", async () => {
    const messages = [user, { role: "assistant", content: null, tool_calls: [{ id: "call_X", type: "function", function: { name: "ls", arguments: "{}" } }] }, user];
    expect(await post("/v1/chat/completions", { model: "gpt-4.1", messages })).toEqual({
      status: 400,
      body: openAi("An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_X", "messages.[1].role"),
    });
  });

  it("a tool message that answers no preceding tool_calls", async () => {
    expect(await post("/chat/completions", { model: "gpt-4.1", messages: [user, { role: "tool", tool_call_id: "call_X", content: "x" }] })).toEqual({
      status: 400,
      body: openAi("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", "messages.[1].role"),
    });
  });
});

describe("Anthropic Messages rows", () => {
  const use = { type: "tool_use", id: "toolu_X", name: "ls", input: {} };
  const rows: [string, Record<string, unknown>, string][] = [
    ["tool_use not answered in the very next message", { messages: [user, { role: "assistant", content: [use] }, user] }, "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_X. Each `tool_use` block must have a corresponding `tool_result` block in the next message."],
    ["tool_result that answers no tool_use", { messages: [user, { role: "assistant", content: "ok" }, { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_X", content: "x" }] }] }, "messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_X. Each `tool_result` block must have a corresponding `tool_use` block in the previous message."],
    ["two results for one tool_use", { messages: [user, { role: "assistant", content: [use] }, { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_X", content: "a" }, { type: "tool_result", tool_use_id: "toolu_X", content: "a" }] }] }, "messages.2.content.1: each tool_use must have a single result. Found multiple `tool_result` blocks with id: toolu_X"],
    ["an empty text block", { messages: [{ role: "user", content: [{ type: "text", text: "" }] }] }, "messages: text content blocks must be non-empty"],
    ["a whitespace-only text block", { messages: [{ role: "user", content: [{ type: "text", text: "  " }] }] }, "messages: text content blocks must contain non-whitespace text"],
    ["thinking enabled, final assistant message without thinking first", { thinking: { type: "enabled", budget_tokens: 1024 }, messages: [user, { role: "assistant", content: [{ type: "text", text: "a" }] }] }, "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"],
    ["tool ids with characters outside [a-zA-Z0-9_-]", { messages: [user, { role: "assistant", content: [{ ...use, id: "call.1" }] }, { role: "user", content: [{ type: "tool_result", tool_use_id: "call.1", content: "a" }] }] }, "messages.1.content.0.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'"],
    ["an assistant message ending in thinking", { messages: [user, { role: "assistant", content: [{ type: "text", text: "a" }, { type: "thinking", thinking: "t", signature: "s" }] }] }, "messages.1: The final block in an assistant message cannot be `thinking`."],
  ];
  for (const [name, body, message] of rows) {
    it(name, async () => {
      const answer = await post("/v1/messages", { model: "claude-sonnet-4-5", max_tokens: 1024, tools: [{ name: "ls", input_schema: { type: "object" } }], ...body });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ type: "error", error: { type: "invalid_request_error", message }, request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/) });
    });
  }
});

describe("rows that need the request or a fault", () => {
  it("Anthropic: tool blocks but no tools", async () => {
    const answer = await post("/v1/messages", { model: "claude-sonnet-4-5", max_tokens: 10, messages: [user, { role: "assistant", content: [{ type: "tool_use", id: "toolu_X", name: "ls", input: {} }] }, { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_X", content: "a" }] }] });
    expect(answer).toEqual({ status: 400, body: { type: "error", error: { type: "invalid_request_error", message: "Requests which include `tool_use` or `tool_result` blocks must define tools." }, request_id: expect.stringMatching(/^req_/) } });
  });

  it("context window exceeded, in each API's words", async () => {
    const send = async (path: string, body: unknown) => {
      const response = await fetch(`${mock.url}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-histlint-fault": "context-length" }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await send("/v1/responses", { model: "gpt-5.5", input: [user] })).toEqual({ status: 400, body: openAi("Your input exceeds the context window of this model. Please adjust your input and try again.", "input", "context_length_exceeded") });
    expect((await send("/v1/messages", { model: "claude-sonnet-4-5", max_tokens: 10, messages: [user] })).body).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: expect.stringMatching(/^prompt is too long: \d+ tokens > 200000 maximum$/) } });
  });
});

describe("requests that are not histories", () => {
  it("answers malformed JSON, an unknown path and an oversized body as the APIs do", async () => {
    const malformed = await fetch(`${mock.url}/v1/responses`, { method: "POST", headers: JSON_TYPE, body: "{oops" });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(/^We could not parse the JSON body of your request\./);
    const unknown = await fetch(`${mock.url}/v1/embeddings`, { method: "POST", headers: JSON_TYPE, body: "{}" });
    expect([unknown.status, await unknown.json()]).toEqual([404, openAi("Invalid URL (POST /v1/embeddings)", null)]);
    const small = await startMockServer({ maxBody: 1024 });
    const big = await fetch(`${small.url}/v1/messages`, { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ messages: [{ role: "user", content: "x".repeat(4096) }] }) });
    expect([big.status, await big.json()]).toEqual([413, { type: "error", error: { type: "request_too_large", message: "Request exceeds the maximum allowed number of bytes." } }]);
    await small.close();
  });

  it("answers a body sent as a form or as text as unparsable, and takes a JSON type with parameters", async () => {
    const body = JSON.stringify({ model: "gpt-5.5", input: [user] });
    const form = await fetch(`${mock.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    expect(form.status).toBe(400);
    expect(((await form.json()) as { error: { message: string } }).error.message).toMatch(/^We could not parse the JSON body of your request\./);
    const text = await fetch(`${mock.url}/v1/messages`, { method: "POST", body: JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 10, messages: [user] }) });
    expect([text.status, await text.json()]).toEqual([400, { type: "error", request_id: expect.stringMatching(/^req_/), error: { type: "invalid_request_error", message: "There was an issue with the formatting or content of your request. The request body is not valid JSON." } }]);
    const charset = await fetch(`${mock.url}/v1/responses`, { method: "POST", headers: { "content-type": "Application/JSON; charset=utf-8" }, body });
    expect(charset.status).toBe(200);
  });
});
