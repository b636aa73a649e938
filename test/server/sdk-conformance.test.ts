// Real clients against the mock: the official openai and @anthropic-ai/sdk packages stream tool round
// trips from it, and surface its refusals as the APIError the real API would give them.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/index.js";

let mock: MockServer;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  mock = await startMockServer();
  openai = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: "test", maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: mock.url, apiKey: "test", maxRetries: 0 });
});
afterAll(() => mock.close());

const tool = { type: "function" as const, name: "list_files", parameters: { type: "object", properties: {} }, strict: false };

describe("openai SDK, Responses", () => {
  it("streams a tool call, then the answer once the output is sent back", async () => {
    const stream = await openai.responses.create({ model: "gpt-5.5", input: [{ role: "user", content: "list the files" }], tools: [tool], stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    expect(events[0]?.type).toBe("response.created");
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const completed = events.at(-1);
    expect(completed?.type).toBe("response.completed");
    const call = completed?.type === "response.completed" ? completed.response.output[0] : undefined;
    expect(call).toMatchObject({ type: "function_call", name: "list_files", arguments: "{}" });
    const callId = (call as { call_id: string }).call_id;
    expect((call as { id: string }).id).toMatch(/^fc_/);

    const final = await openai.responses
      .stream({ model: "gpt-5.5", tools: [tool], input: [{ role: "user", content: "list the files" }, { type: "function_call", call_id: callId, name: "list_files", arguments: "{}" }, { type: "function_call_output", call_id: callId, output: "notes.txt" }] })
      .finalResponse();
    expect(final.output_text).toBe("The tool answered: notes.txt");
  });

  it("raises the API's own error for a call without output", async () => {
    const request = openai.responses.create({ model: "gpt-5.5", input: [{ role: "user", content: "hi" }, { type: "function_call", call_id: "call_9x", name: "ls", arguments: "{}" }] });
    await expect(request).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await request.catch((error: InstanceType<typeof OpenAI.APIError>) => {
      expect(error.status).toBe(400);
      expect(error.error).toEqual({ message: "No tool output found for function call call_9x.", type: "invalid_request_error", param: "input", code: null });
    });
  });
});

describe("openai SDK, Chat Completions", () => {
  const chatTool = { type: "function" as const, function: { name: "list_files", parameters: { type: "object", properties: {} } } };

  it("streams a tool call in chunks the SDK assembles, with usage, then the answer", async () => {
    const stream = await openai.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "user", content: "list the files" }], tools: [chatTool], stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
    const final = await openai.chat.completions.stream({ model: "gpt-4.1", messages: [{ role: "user", content: "list the files" }], tools: [chatTool] }).finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call).toMatchObject({ type: "function", function: { name: "list_files", arguments: "{}" } });
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
    const answer = await openai.chat.completions.create({
      model: "gpt-4.1",
      tools: [chatTool],
      messages: [{ role: "user", content: "list the files" }, { role: "assistant", content: null, tool_calls: [call as never] }, { role: "tool", tool_call_id: (call as { id: string }).id, content: "notes.txt" }],
    });
    expect(answer.choices[0]?.message.content).toBe("The tool answered: notes.txt");
  });

  it("raises the API's own error for a tool message that answers nothing", async () => {
    const request = openai.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }, { role: "tool", tool_call_id: "call_1", content: "x" }] });
    await request.catch((error: InstanceType<typeof OpenAI.APIError>) => {
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.error).toEqual({ message: "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", type: "invalid_request_error", param: "messages.[1].role", code: null });
    });
    await expect(request).rejects.toThrow();
  });
});

describe("@anthropic-ai/sdk, Messages", () => {
  const anthropicTool = { name: "list_files", input_schema: { type: "object" as const, properties: {} } };

  it("streams a tool_use the SDK assembles, then the answer to its tool_result", async () => {
    const first = await anthropic.messages.stream({ model: "claude-sonnet-4-5", max_tokens: 1024, tools: [anthropicTool], messages: [{ role: "user", content: "list the files" }] }).finalMessage();
    expect(first.stop_reason).toBe("tool_use");
    const use = first.content.find((block) => block.type === "tool_use");
    expect(use).toMatchObject({ type: "tool_use", name: "list_files", input: {} });
    expect((use as { id: string }).id).toMatch(/^toolu_/);
    const second = await anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 1024,
      tools: [anthropicTool],
      messages: [{ role: "user", content: "list the files" }, { role: "assistant", content: first.content }, { role: "user", content: [{ type: "tool_result", tool_use_id: (use as { id: string }).id, content: "notes.txt" }] }],
    });
    expect(second.content).toEqual([{ type: "text", text: "The tool answered: notes.txt" }]);
  });

  it("raises the API's own error for a tool_use without its tool_result", async () => {
    const request = anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 1024,
      tools: [anthropicTool],
      messages: [{ role: "user", content: "list" }, { role: "assistant", content: [{ type: "tool_use", id: "toolu_01A", name: "list_files", input: {} }] }, { role: "user", content: "go on" }],
    });
    await request.catch((error: InstanceType<typeof Anthropic.APIError>) => {
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect((error.error as { error: { message: string } }).error.message).toBe(
        "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01A. Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
      );
    });
    await expect(request).rejects.toThrow();
  });

  it("counts tokens", async () => {
    const count = await anthropic.messages.countTokens({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "hello" }] });
    expect(count.input_tokens).toBeGreaterThan(0);
  });
});

describe("recording", () => {
  it("keeps every request, credentials redacted, and serves them at /__histlint/requests", async () => {
    const listed = (await (await fetch(`${mock.url}/__histlint/requests`)).json()) as { path: string; status: number; headers: Record<string, unknown> }[];
    expect(listed.length).toBe(mock.requests.length);
    expect(listed.some((r) => r.status === 400)).toBe(true);
    expect(listed.every((r) => (r.headers.authorization ?? r.headers["x-api-key"]) === "[redacted]")).toBe(true);
  });
});
