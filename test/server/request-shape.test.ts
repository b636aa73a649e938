// Bodies whose top-level shape the APIs refuse before reading the history inside: each answered in the API's words
// (docs/provider-texts.md, "A body of the wrong shape"), in the order the API reports them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/index.js";

let mock: MockServer;
beforeAll(async () => (mock = await startMockServer()));
afterAll(() => mock.close());

async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${mock.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const openAi = (message: string, param: string | null, code: string | null) => ({ error: { message, type: "invalid_request_error", param, code } });
const anthropic = (message: string) => ({ type: "error", error: { type: "invalid_request_error", message }, request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/) });
const user = { role: "user", content: "hi" };
const orphanCall = { type: "function_call", call_id: "call_X", name: "ls", arguments: "{}" };

describe("Responses", () => {
  const rows: [string, unknown, ReturnType<typeof openAi>][] = [
    ["an empty body", {}, openAi("Missing required parameter: 'model'.", "model", "missing_required_parameter")],
    ["a model that is a number", { model: 42, input: [user] }, openAi("Invalid type for 'model': expected a string, but got an integer instead.", "model", "invalid_type")],
    ["a null model", { model: null, input: [user] }, openAi("Invalid type for 'model': expected a string, but got an object instead.", "model", "invalid_type")],
    ["an input that is an object", { model: "gpt-5.5", input: { a: 1 } }, openAi("Invalid type for 'input': expected one of a string or array of input items, but got an object instead.", "input", "invalid_type")],
    ["an input item that is a number", { model: "gpt-5.5", input: [42] }, openAi("Invalid type for 'input[0]': expected an input item, but got an integer instead.", "input[0]", "invalid_type")],
    ["a null input item after a good one", { model: "gpt-5.5", input: [user, null] }, openAi("Invalid type for 'input[1]': expected an input item, but got null instead.", "input[1]", "invalid_type")],
    ["tools that are a string", { model: "gpt-5.5", input: [user], tools: "ls" }, openAi("Invalid type for 'tools': expected an array of tools, but got a string instead.", "tools", "invalid_type")],
    ["stream that is a string", { model: "gpt-5.5", input: [user], stream: "yes" }, openAi("Invalid type for 'stream': expected a boolean, but got a string instead.", "stream", "invalid_type")],
    ["a bad model before a history lint refuses", { model: 42, input: [user, orphanCall] }, openAi("Invalid type for 'model': expected a string, but got an integer instead.", "model", "invalid_type")],
  ];
  for (const [name, body, expected] of rows) it(name, async () => expect(await post("/v1/responses", body)).toEqual({ status: 400, body: expected }));
});

describe("Chat Completions", () => {
  const rows: [string, unknown, ReturnType<typeof openAi>][] = [
    ["an empty body", {}, openAi("you must provide a model parameter", null, null)],
    ["no messages", { model: "gpt-4.1" }, openAi("Missing required parameter: 'messages'.", "messages", "missing_required_parameter")],
    ["a model that is a number", { model: 42, messages: [user] }, openAi("Invalid type for 'model': expected a string, but got an integer instead.", "model", "invalid_type")],
    ["messages that are a string", { model: "gpt-4.1", messages: "hi" }, openAi("Invalid type for 'messages': expected an array of objects, but got a string instead.", "messages", "invalid_type")],
    ["a message that is a number", { model: "gpt-4.1", messages: [7] }, openAi("Invalid type for 'messages[0]': expected an object, but got an integer instead.", "messages[0]", "invalid_type")],
  ];
  for (const [name, body, expected] of rows) it(name, async () => expect(await post("/v1/chat/completions", body)).toEqual({ status: 400, body: expected }));
});

describe("Anthropic Messages", () => {
  const rows: [string, string, unknown, string][] = [
    ["an empty body", "/v1/messages", {}, "model: Field required"],
    ["no max_tokens", "/v1/messages", { model: "claude-sonnet-4-5", messages: [user] }, "max_tokens: Field required"],
    ["no max_tokens and no messages: messages first", "/v1/messages", { model: "claude-sonnet-4-5" }, "messages: Field required"],
    ["empty messages", "/v1/messages", { model: "claude-sonnet-4-5", max_tokens: 10, messages: [] }, "messages: at least one message is required"],
    ["a model that is a number", "/v1/messages", { model: 7, max_tokens: 10, messages: [user] }, "model: Input should be a valid string"],
    ["messages that are a string", "/v1/messages", { model: "claude-sonnet-4-5", max_tokens: 10, messages: "hi" }, "messages: Input should be a valid array"],
    ["max_tokens that is a string", "/v1/messages", { model: "claude-sonnet-4-5", max_tokens: "x", messages: [user] }, "max_tokens: Input should be a valid integer"],
    ["a tool that is not an object", "/v1/messages", { model: "claude-sonnet-4-5", max_tokens: 10, tools: [7], messages: [user] }, "tools.0: Input should be an object"],
    ["counting tokens with no messages", "/v1/messages/count_tokens", { model: "claude-sonnet-4-5" }, "messages: Field required"],
  ];
  for (const [name, path, body, message] of rows) it(name, async () => expect(await post(path, body)).toEqual({ status: 400, body: anthropic(message) }));

  it("counting tokens takes no max_tokens", async () => {
    const body = { model: "claude-sonnet-4-5", messages: [user] };
    expect(await post("/v1/messages/count_tokens", body)).toEqual({ status: 200, body: { input_tokens: Math.ceil(JSON.stringify(body).length / 4) } });
  });
});

it("a tool that is not an object among tools that are does not break the reply", async () => {
  const answer = await post("/v1/chat/completions", { model: "gpt-4.1", messages: [user], tools: [null, { type: "function", function: { name: "ls", parameters: {} } }] });
  expect(answer.status).toBe(200);
  expect((answer.body as { choices: { message: { tool_calls: { function: { name: string } }[] } }[] }).choices[0]?.message.tool_calls.map((call) => call.function.name)).toEqual(["ls"]);
});
