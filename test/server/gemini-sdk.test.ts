// The official @google/genai client against the mock's Gemini endpoint: it streams a function call round
// trip (`:streamGenerateContent?alt=sse`), reads whole answers (`:generateContent`), and gets the refusals
// the real API gives as its typed ApiError, with the API's status and text.
import { ApiError, GoogleGenAI, type Content } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/index.js";

let mock: MockServer;
let ai: GoogleGenAI;

beforeAll(async () => {
  mock = await startMockServer();
  ai = new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: mock.url } });
});
afterAll(() => mock.close());

const tools = [{ functionDeclarations: [{ name: "list_files", parametersJsonSchema: { type: "object", properties: {} } }] }];
const ask: Content = { role: "user", parts: [{ text: "list the files" }] };

async function refusal(contents: Content[], model = "gemini-2.5-flash"): Promise<ApiError> {
  try {
    await ai.models.generateContent({ model, contents, config: { tools } });
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("the mock accepted the request");
}

describe("@google/genai against the mock", () => {
  it("streams a function call, then the answer once the response is sent back", async () => {
    const stream = await ai.models.generateContentStream({ model: "gemini-2.5-flash", contents: [ask], config: { tools } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const calls = chunks.flatMap((chunk) => chunk.functionCalls ?? []);
    expect(calls).toEqual([{ name: "list_files", args: {} }]);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
    expect(mock.requests.at(-1)?.path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent");

    const call = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []).find((part) => part.functionCall);
    const answer = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: [ask, { role: "model", parts: [call ?? {}] }, { role: "user", parts: [{ functionResponse: { name: "list_files", response: { output: "notes.txt" } } }] }],
      config: { tools },
    });
    expect(answer.text).toBe("The tool answered: notes.txt");
    expect(answer.usageMetadata?.totalTokenCount).toBe(120);
  });

  it("streams text in pieces that join to the whole answer", async () => {
    const stream = await ai.models.generateContentStream({ model: "gemini-2.5-flash", contents: [ask] });
    let text = "";
    for await (const chunk of stream) text += chunk.text ?? "";
    expect(text).toBe("Hello from the histlint mock provider.");
  });

  const call = { role: "model", parts: [{ functionCall: { name: "list_files", args: {} } }] };
  const response = { functionResponse: { name: "list_files", response: { output: "a" } } };
  const refusals: [string, Content[], string, string?][] = [
    ["a call turn answered twice", [ask, call, { role: "user", parts: [response, response] }], "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn."],
    ["a call never answered, then a prompt", [ask, call, { role: "user", parts: [{ text: "and?" }] }], "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn."],
    ["a response with no call turn before it", [ask, { role: "user", parts: [response] }], "Please ensure that function response turn comes immediately after a function call turn."],
    ["a call turn right after a model turn", [ask, { role: "model", parts: [{ text: "Looking." }] }, call], "Please ensure that function call turn comes immediately after a user turn or after a function response turn."],
    ["a role Gemini does not have", [ask, { role: "assistant", parts: [{ text: "hi" }] }], "Please use a valid role: user, model."],
    ["a content with no parts", [ask, { role: "model", parts: [] }], "* GenerateContentRequest.contents[1].parts: contents.parts must not be empty.\n"],
    [
      "a Gemini 3 call without its signature",
      [ask, call, { role: "user", parts: [response] }],
      "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:list_files` , position 2. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.",
      "gemini-3-pro-preview",
    ],
  ];
  it.each(refusals)("refuses %s with the API's 400 and text", async (_name, contents, message, model) => {
    const error = await refusal(contents, model);
    expect(error.status).toBe(400);
    expect(JSON.parse(error.message)).toEqual({ error: { code: 400, message, status: "INVALID_ARGUMENT" } });
    expect(mock.requests.at(-1)?.error).toEqual({ error: { code: 400, message, status: "INVALID_ARGUMENT" } });
  });

  it("takes a Gemini 3 call with its signature, and an earlier turn's call without one", async () => {
    const signed = { role: "model", parts: [{ functionCall: { name: "list_files", args: {} }, thoughtSignature: "c2lnbmF0dXJl" }] };
    const contents: Content[] = [ask, call, { role: "user", parts: [response] }, { role: "model", parts: [{ text: "a" }] }, { role: "user", parts: [{ text: "again" }] }, signed, { role: "user", parts: [response] }];
    const answer = await ai.models.generateContent({ model: "gemini-3-pro-preview", contents, config: { tools } });
    expect(answer.text).toBe("The tool answered: a");
  });

  it("gets a 429 as RESOURCE_EXHAUSTED from a fault header", async () => {
    const faulty = new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: mock.url, headers: { "x-histlint-fault": "429:0" } } });
    const error = await faulty.models.generateContent({ model: "gemini-2.5-flash", contents: [ask] }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect(JSON.parse((error as ApiError).message).error.status).toBe("RESOURCE_EXHAUSTED");
  });
});
