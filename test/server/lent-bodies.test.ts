// Long bodies are read into buffers the mock lends for one request and reads the next long body into: whatever
// the order of two growing conversations that start alike, each answer is the fresh validation's, and every recorded
// body is the one sent.
import { request } from "node:http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/index.js";
import { LENT_BODY_BYTES } from "../../src/server/http-body.js";
import { inspect } from "../../src/server/validate.js";

/** One element a conversation adds: a long user message, a call, or an output of its last call or of none (refused). */
type Step = { conversation: number; kind: "message" | "call" | "output" | "orphan"; fill: string };

const TEXT_BYTES = Math.ceil(LENT_BODY_BYTES / 3);

/** Both conversations start alike, so they share the prefix cache's bucket: a prefix read from a reused buffer would match the wrong one. */
const FIRST = { role: "user", content: "x".repeat(LENT_BODY_BYTES) };

function body(elements: unknown[]): Buffer {
  return Buffer.from(JSON.stringify({ model: "gpt-5.5", input: [FIRST, ...elements] }));
}

function element({ conversation, kind, fill }: Step, i: number, lastCall: string | undefined): unknown {
  if (kind === "message") return { role: "user", content: fill.repeat(TEXT_BYTES) };
  if (kind === "call") return { type: "function_call", call_id: `call_${conversation}_${i}`, name: "ls", arguments: "{}" };
  return { type: "function_call_output", call_id: kind === "output" && lastCall ? lastCall : `call_none_${i}`, output: fill.repeat(TEXT_BYTES) };
}

function post(mock: MockServer, bytes: Buffer): Promise<{ status: number; message: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(`${mock.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json", "content-length": String(bytes.length) } }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, message: (JSON.parse(Buffer.concat(parts).toString()) as { error?: { message?: string } }).error?.message }));
    });
    req.on("error", reject);
    req.end(bytes);
  });
}

/** What a fresh validation answers: accepted, or the refusal's status and message. */
function fresh(bytes: Buffer): { status: number; message: string | undefined } {
  const inspection = inspect("responses", bytes, "openai-responses");
  if (inspection.kind === "refused") return { status: inspection.error.status, message: (inspection.error.body as { error: { message: string } }).error.message };
  return { status: inspection.kind === "accepted" ? 200 : 400, message: undefined };
}

describe("long bodies in lent buffers", () => {
  it("keep no prefix in a lent buffer: a body read into it later cannot make another conversation's analysis match", async () => {
    const mock = await startMockServer({ profile: "openai-responses" });
    const call = (id: string) => ({ type: "function_call", call_id: id, name: "ls", arguments: "{}" });
    const output = (id: string) => ({ type: "function_call_output", call_id: id, output: "a.txt" });
    try {
      // B's first body is read into the buffer A's was: had A's prefix been kept there, it would now read as
      // B's, and B's next body would be checked as A's conversation (call_A, not call_B).
      const bodies = [body([call("call_A")]), body([call("call_B"), output("call_B")]), body([call("call_B"), output("call_B"), { role: "user", content: "next" }])];
      for (const bytes of bodies) expect(await post(mock, bytes)).toEqual(fresh(bytes));
    } finally {
      await mock.close();
    }
  });

  it("are answered as a fresh validation answers them, two conversations interleaved", async () => {
    const step = fc.record({ conversation: fc.integer({ min: 0, max: 1 }), kind: fc.constantFrom("message", "call", "output", "orphan"), fill: fc.constantFrom("a", "b", "é") });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 10 }), async (steps: Step[]) => {
        const mock = await startMockServer({ profile: "openai-responses" });
        try {
          const conversations: unknown[][] = [[], []];
          const lastCalls: (string | undefined)[] = [undefined, undefined];
          const sent: Buffer[] = [];
          for (const [i, step] of steps.entries()) {
            const elements = conversations[step.conversation] as unknown[];
            elements.push(element(step, i, lastCalls[step.conversation]));
            if (step.kind === "call") lastCalls[step.conversation] = `call_${step.conversation}_${i}`;
            const bytes = body(elements);
            sent.push(bytes);
            expect(await post(mock, bytes)).toEqual(fresh(bytes));
          }
          // The recording keeps copies, not the lent buffers later bodies were read into.
          expect(mock.requests.map((recorded) => recorded.body)).toEqual(sent.map((bytes) => JSON.parse(bytes.toString())));
        } finally {
          await mock.close();
        }
      }),
      { numRuns: 8 },
    );
  });
});
