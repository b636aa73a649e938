// Faults from a real client's point of view: the official SDKs retry, raise or recover as they would
// against the real API.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startMockServer, type MockServer, type Scenario } from "../../src/index.js";
import { tempDir } from "../support/files.js";

const input = [{ role: "user" as const, content: "hi" }];
const tools = [{ type: "function" as const, name: "ls", parameters: { type: "object", properties: {} }, strict: false }];

async function withMock<T>(scenario: Scenario | undefined, run: (mock: MockServer, openai: OpenAI) => Promise<T>): Promise<T> {
  const mock = await startMockServer(scenario ? { scenario } : {});
  try {
    return await run(mock, new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: "test", maxRetries: 2 }));
  } finally {
    await mock.close();
  }
}

describe("status faults", () => {
  it("a 429 with retry-after is retried by the SDK, which then succeeds", async () => {
    await withMock({ steps: [{ fault: { status: 429, retryAfter: 0 } }, { reply: { text: "after the wait" } }] }, async (mock, openai) => {
      const response = await openai.responses.create({ model: "gpt-5.5", input });
      expect(response.output_text).toBe("after the wait");
      expect(mock.requests.map((r) => r.status)).toEqual([429, 200]);
    });
  });

  it("sends the retry headers and the provider's body with a 429", async () => {
    await withMock(undefined, async (mock) => {
      const response = await fetch(`${mock.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json", "x-histlint-fault": "429:2" }, body: JSON.stringify({ model: "gpt-5.5", input }) });
      expect([response.status, response.headers.get("retry-after"), response.headers.get("retry-after-ms")]).toEqual([429, "2", "2000"]);
      expect(await response.json()).toEqual({ error: { message: "Rate limit reached for requests. Please try again in 2s.", type: "requests", param: null, code: "rate_limit_exceeded" } });
    });
  });

  it("Anthropic's 529 overloaded_error reaches the SDK as an APIError of that type", async () => {
    await withMock(undefined, async (mock) => {
      const anthropic = new Anthropic({ baseURL: mock.url, apiKey: "test", maxRetries: 0, defaultHeaders: { "x-histlint-fault": "529" } });
      const error = await anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 10, messages: input }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.APIError);
      expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
      expect(((error as InstanceType<typeof Anthropic.APIError>).error as { error: { type: string } }).error.type).toBe("overloaded_error");
    });
  });

  it("context_length_exceeded carries the token counts", async () => {
    await withMock(undefined, async (mock, openai) => {
      const chat = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: "test", maxRetries: 0, defaultHeaders: { "x-histlint-fault": "context-length" } });
      const error = (await chat.chat.completions.create({ model: "gpt-4.1", messages: input }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.code).toBe("context_length_exceeded");
      expect(error.message).toMatch(/This model's maximum context length is 128000 tokens\. However, your messages resulted in \d+ tokens/);
      expect(openai).toBeDefined();
    });
  });
});

describe("stream faults", () => {
  const stream = (openai: OpenAI, fault: string) => openai.responses.create({ model: "gpt-5.5", input, tools, stream: true }, { headers: { "x-histlint-fault": fault } });

  it("a first frame that is not response.created makes the SDK's stream helper raise", async () => {
    await withMock(undefined, async (_mock, openai) => {
      const helper = openai.responses.stream({ model: "gpt-5.5", input }, { headers: { "x-histlint-fault": "first-event:codex.rate_limits" } });
      await expect(helper.finalResponse()).rejects.toThrow(/response\.created/);
    });
  });

  it("a stream cut after three events ends the SDK's iteration with an error", async () => {
    await withMock(undefined, async (_mock, openai) => {
      const events: string[] = [];
      const iterate = async () => {
        for await (const event of await stream(openai, "cut:3")) events.push(event.type);
      };
      await expect(iterate()).rejects.toThrow();
      expect(events.length).toBeLessThanOrEqual(3);
    });
  });

  it("response.incomplete reaches the SDK as an incomplete response", async () => {
    await withMock(undefined, async (_mock, openai) => {
      const events = [];
      for await (const event of await stream(openai, "incomplete")) events.push(event);
      const last = events.at(-1);
      expect(last?.type).toBe("response.incomplete");
      expect(last?.type === "response.incomplete" ? last.response.incomplete_details : undefined).toEqual({ reason: "max_output_tokens" });
    });
  });

  it("response.completed with an empty output: the items came only in output_item.done", async () => {
    await withMock(undefined, async (_mock, openai) => {
      const events = [];
      for await (const event of await stream(openai, "empty-output")) events.push(event);
      const done = events.filter((e) => e.type === "response.output_item.done");
      const completed = events.at(-1);
      expect(done.length).toBeGreaterThan(0);
      expect(completed?.type === "response.completed" ? completed.response.output : undefined).toEqual([]);
    });
  });

  it("an error event mid-stream ends the raw stream with it, and makes the SDK's stream helper raise", async () => {
    await withMock(undefined, async (_mock, openai) => {
      const events: string[] = [];
      for await (const event of await stream(openai, "error-event:2")) events.push(event.type);
      expect(events).toEqual(["response.created", "response.in_progress", "error"]);
      const helper = openai.responses.stream({ model: "gpt-5.5", input }, { headers: { "x-histlint-fault": "error-event:2" } });
      await expect(helper.finalResponse()).rejects.toThrow("The server had an error while processing your request. Sorry about that!");
    });
  });

  it("waits the per-event delay", async () => {
    await withMock(undefined, async (_mock, openai) => {
      const started = Date.now();
      let count = 0;
      for await (const _event of await stream(openai, "delay:20")) count += 1;
      expect(Date.now() - started).toBeGreaterThanOrEqual(count * 20 - 5);
    });
  });

  it("a reasoning-only reply, sent back as it is, is refused like the real API refuses it", async () => {
    await withMock(undefined, async (_mock, openai) => {
      const first = await openai.responses.create({ model: "gpt-5.5", input }, { headers: { "x-histlint-fault": "reasoning-only" } });
      expect(first.output.map((item) => item.type)).toEqual(["reasoning"]);
      const reasoning = first.output[0] as { id: string };
      const again = await openai.responses.create({ model: "gpt-5.5", input: [...input, first.output[0] as never, { role: "user", content: "and?" }] }).catch((e: unknown) => e);
      expect((again as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ message: `Item '${reasoning.id}' of type 'reasoning' was provided without its required following item.` });
    });
  });
});

describe("scenarios", () => {
  it("match requests by endpoint, last item, tool and text, in order, once unless they repeat", async () => {
    const scenario: Scenario = {
      steps: [
        { match: { endpoint: "responses", text: "^weather" }, reply: { calls: [{ kind: "function", name: "forecast", arguments: { city: "Oslo" } }] } },
        { match: { lastItem: "tool_output" }, reply: { text: "Rain." }, repeat: true },
        { match: { endpoint: "chat" }, reply: { text: "chat step" } },
      ],
    };
    await withMock(scenario, async (_mock, openai) => {
      const first = await openai.responses.create({ model: "gpt-5.5", input: [{ role: "user", content: "weather in Oslo?" }] });
      expect(first.output[0]).toMatchObject({ type: "function_call", name: "forecast", arguments: '{"city":"Oslo"}' });
      const callId = (first.output[0] as { call_id: string }).call_id;
      const second = await openai.responses.create({ model: "gpt-5.5", input: [{ role: "user", content: "weather in Oslo?" }, first.output[0] as never, { type: "function_call_output", call_id: callId, output: "rain" }] });
      expect(second.output_text).toBe("Rain.");
      expect((await openai.chat.completions.create({ model: "gpt-4.1", messages: input })).choices[0]?.message.content).toBe("chat step");
      expect((await openai.chat.completions.create({ model: "gpt-4.1", messages: input })).choices[0]?.message.content).toBe("Hello from the histlint mock provider.");
    });
  });

  it("replies with parallel calls of every kind: function, custom and local shell", async () => {
    const calls = [
      { kind: "function" as const, name: "ls", arguments: { path: "." } },
      { kind: "custom" as const, name: "apply_patch", input: "*** Begin Patch\n*** End Patch\n" },
      { kind: "local_shell" as const, name: "shell", arguments: { command: ["ls", "-la"] } },
    ];
    await withMock({ steps: [{ reply: { calls } }] }, async (_mock, openai) => {
      const response = await openai.responses.create({ model: "gpt-5.5", input });
      expect(response.output.map((item) => item.type)).toEqual(["function_call", "custom_tool_call", "local_shell_call"]);
      expect(response.output[2]).toMatchObject({ action: { type: "exec", command: ["ls", "-la"] } });
    });
  });

  it("a scenario file that does not fit the schema is refused with the path of the mistake", async () => {
    const path = join(tempDir(), "scenario.json");
    writeFileSync(path, JSON.stringify({ steps: [{ reply: { text: "x" } }, { fault: { status: 418 } }] }));
    await expect(startMockServer({ scenario: path })).rejects.toThrow(/scenario\.json: steps\.1\.fault\.status: /);
  });
});

describe("fault parameters out of range", () => {
  const send = async (mock: MockServer, path: string, fault: string) => {
    const body = path === "/v1/messages" ? { model: "claude-sonnet-4-5", max_tokens: 10, messages: input } : { model: "gpt-5.5", input, stream: true };
    const response = await fetch(`${mock.url}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-histlint-fault": fault }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const refused = (message: string) => ({ status: 400, body: { error: { message: `x-histlint-fault ${message}`, type: "invalid_request_error", param: null, code: "invalid_fault" } } });
  const rows: [string, string][] = [
    ["delay:1e12", '"delay:1e12": delayMs (delay:ms): a number of milliseconds from 0 to 60000'],
    ["delay:-5", '"delay:-5": delayMs (delay:ms): a number of milliseconds from 0 to 60000'],
    ["delay:abc", '"delay:abc": delayMs (delay:ms): a number of milliseconds from 0 to 60000'],
    ["cut:-1", '"cut:-1": cutAfterEvents (cut:n): a whole number of events from 1 to 100000'],
    ["cut:0", '"cut:0": cutAfterEvents (cut:n): a whole number of events from 1 to 100000'],
    ["cut:2.5", '"cut:2.5": cutAfterEvents (cut:n): a whole number of events from 1 to 100000'],
    ["cut:", '"cut:": cutAfterEvents (cut:n): a whole number of events from 1 to 100000'],
    ["error-event:1e9", '"error-event:1e9": errorEventAfter (error-event:n): a whole number of events from 0 to 100000'],
    ["429:-1", '"429:-1": retryAfter (429:seconds): a number of seconds from 0 to 3600'],
    ['{"delayMs":1e12}', '"{"delayMs":1e12}": delayMs (delay:ms): a number of milliseconds from 0 to 60000'],
    ['{"status":418}', '"{"status":418}": status (429, 500, 503, 529): one of 429, 500, 503 and 529'],
    ["{oops", '"{oops": not valid JSON; use 429[:seconds], 500, 503, 529, context-length, first-event[:name], empty-output, incomplete, failed, error-event[:n], cut[:n], delay[:ms], reasoning-only, or a JSON fault'],
  ];
  for (const [fault, message] of rows) {
    it(`answers ${fault} with a 400 naming the fault and its range`, async () => {
      await withMock(undefined, async (mock) => expect(await send(mock, "/v1/responses", fault)).toEqual(refused(message)));
    });
  }

  it("answers an Anthropic request's bad fault in Anthropic's envelope", async () => {
    await withMock(undefined, async (mock) => {
      expect(await send(mock, "/v1/messages", "cut:-1")).toEqual({ status: 400, body: { type: "error", error: { type: "invalid_request_error", message: 'x-histlint-fault "cut:-1": cutAfterEvents (cut:n): a whole number of events from 1 to 100000' }, request_id: expect.stringMatching(/^req_/) } });
    });
  });

  it("refuses the same out-of-range values in a scenario, given as a value or as a file", async () => {
    await expect(startMockServer({ scenario: { steps: [{ fault: { delayMs: 1e12 } }] } })).rejects.toThrow("scenario: steps.0.fault.delayMs: delayMs (delay:ms): a number of milliseconds from 0 to 60000");
    const path = join(tempDir(), "scenario.json");
    writeFileSync(path, JSON.stringify({ steps: [{ fault: { cutAfterEvents: -1 } }] }));
    await expect(startMockServer({ scenario: path })).rejects.toThrow(`${path}: steps.0.fault.cutAfterEvents: cutAfterEvents (cut:n): a whole number of events from 1 to 100000`);
    writeFileSync(path, JSON.stringify({ steps: [{ fault: { firstEvent: "x\ndata: injected" } }] }));
    await expect(startMockServer({ scenario: path })).rejects.toThrow(`${path}: steps.0.fault.firstEvent: firstEvent (first-event:name): an event name of letters, digits, _, . and -`);
    writeFileSync(path, JSON.stringify({ steps: [{ match: { text: "(" }, reply: { text: "x" } }] }));
    await expect(startMockServer({ scenario: path })).rejects.toThrow(`${path}: steps.0.match.text: text: a valid regular expression`);
  });

  it("still takes the largest values in range", async () => {
    await withMock(undefined, async (mock) => {
      const response = await fetch(`${mock.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json", "x-histlint-fault": "cut:100000" }, body: JSON.stringify({ model: "gpt-5.5", input, stream: true }) });
      expect([response.status, (await response.text()).endsWith("\n\n")]).toEqual([200, true]);
    });
  });
});
