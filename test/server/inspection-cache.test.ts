// A body answered from the validation cache gets exactly the answer a fresh validation gives: whatever the
// order of the requests (growing conversations, retries, branches, broken bodies) and however small the cache.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/index.js";
import { InspectionCache } from "../../src/server/inspection-cache.js";
import { inspect, type Api, type Inspection } from "../../src/server/validate.js";
import { brokenHistory, validHistory, writeHistory, type Entry } from "../../src/testing/index.js";
import type { ProfileName } from "../../src/profiles/index.js";

const ENDPOINTS: { api: Api; profile: ProfileName; path: string; format: "responses" | "chat" | "anthropic" }[] = [
  { api: "responses", profile: "openai-responses", path: "/v1/responses", format: "responses" },
  { api: "chat", profile: "openai-chat", path: "/v1/chat/completions", format: "chat" },
  { api: "anthropic", profile: "anthropic", path: "/v1/messages", format: "anthropic" },
];

/** The request body of some entries: Responses lines become an `input` array; Chat and Anthropic are bodies already. */
function body(entries: readonly Entry[], format: "responses" | "chat" | "anthropic"): string {
  const text = writeHistory(entries, format);
  if (format !== "responses") return text;
  const input = text.split("\n").filter((line) => line.length > 0).map((line) => JSON.parse(line) as unknown);
  return JSON.stringify({ model: "gpt-5.5", input });
}

/**
 * What a client changes between two requests of one conversation, beside the array: the model, the tools
 * (after the array, or dropped), parameters a rule refuses or that turn thinking on, instructions before
 * the array. The prefix cache must see each as a new request, not a continuation.
 */
const FIELD_CHANGES: ((body: Record<string, unknown>) => Record<string, unknown>)[] = [
  (body) => body,
  (body) => ({ ...body, model: "o3" }),
  (body) => ({ ...body, tools: [{ type: "function", name: "exec_command", function: { name: "exec_command" }, input_schema: { type: "object" } }] }),
  (body) => Object.fromEntries(Object.entries(body).filter(([key]) => key !== "tools")),
  (body) => ({ ...body, temperature: 0.5, thinking: { type: "enabled", budget_tokens: 1024 } }),
  (body) => ({ instructions: "be brief", system: "be brief", ...body }),
];

/** A body as a client may send it: its fields changed (mostly not), compact or pretty-printed. */
function sentAs(text: string, change: number): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text; // a cut body is sent as it is
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return text;
  const changed = (FIELD_CHANGES[change % 4 !== 0 ? 0 : (change >> 2) % FIELD_CHANGES.length] as (typeof FIELD_CHANGES)[number])(value as Record<string, unknown>);
  return change % 7 === 3 ? JSON.stringify(changed, null, 2) : JSON.stringify(changed);
}

/** One endpoint's requests: each prefix of a valid conversation, a broken one, and some sent again. */
const conversationRequests = fc.constantFrom(...ENDPOINTS).chain((endpoint) => {
  const valid = validHistory({ profile: endpoint.profile, format: endpoint.format });
  return fc.record({
    endpoint: fc.constant(endpoint),
    history: valid,
    branch: brokenHistory(valid),
    order: fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
    changes: fc.array(fc.nat(), { maxLength: 60 }),
  }).map(({ endpoint, history, branch, order, changes }) => {
    // Grown item by item, the conversation and the broken one: each request the one before and one more item.
    const grown = history.entries.map((_, k) => sentAs(body(history.entries.slice(0, k + 1), endpoint.format), changes[k] ?? 0));
    const branched = branch.entries.map((_, k) => sentAs(body(branch.entries.slice(0, k + 1), endpoint.format), changes[history.entries.length + k] ?? 0));
    // A broken body as it is written (a cut one is not JSON): what a client with a bug sends.
    const pool = [...grown, ...branched, branch.text];
    // The conversation in order, then the broken one grown from its shared start, then requests picked from all of them.
    return [...grown, ...branched, ...order.map((n) => pool[n % pool.length] as string)].map((text) => ({ endpoint, text }));
  });
});

/** Two endpoints' conversations at once, their requests interleaved (the same bytes may reach two endpoints), and a cache of some size. */
const requests = fc.record({ a: conversationRequests, b: conversationRequests, picks: fc.array(fc.boolean(), { maxLength: 120 }), misroutes: fc.array(fc.nat(), { maxLength: 150 }), limit: fc.constantFrom(0, 2_000, 20_000, 1 << 24) }).map(({ a, b, picks, misroutes, limit }) => {
  const mixed: typeof a = [];
  const left = [...a];
  const right = [...b];
  for (const pick of picks) if ((pick ? left : right).length > 0) mixed.push((pick ? left : right).shift() as (typeof a)[number]);
  // Now and then a body goes to an endpoint it was not written for: the same bytes, another API.
  const sent = [...mixed, ...left, ...right].map((request, i) => ((misroutes[i] ?? 1) % 4 === 0 ? { ...request, endpoint: ENDPOINTS[((misroutes[i] ?? 0) >> 2) % ENDPOINTS.length] as (typeof ENDPOINTS)[number] } : request));
  return { limit, sent };
});

/** Anthropic's refusals carry a random id; that it is new on every answer is checked below. */
function withoutRequestId(inspection: Inspection): unknown {
  if (inspection.kind !== "refused" || !Object.hasOwn(inspection.error.body as object, "request_id")) return inspection;
  return { ...inspection, error: { ...inspection.error, body: { ...(inspection.error.body as object), request_id: "*" } } };
}

describe("the validation cache", () => {
  it("gives a resent Anthropic refusal a new request id", () => {
    const cache = new InspectionCache(1 << 20);
    const bytes = Buffer.from(JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 10, messages: [] }));
    const ids = [cache.inspect("anthropic", bytes, "anthropic"), cache.inspect("anthropic", bytes, "anthropic")].map((i) => (i.kind === "refused" ? (i.error.body as { request_id?: string }).request_id : i.kind));
    expect(ids[0]).toMatch(/^req_[0-9a-f]{24}$/);
    expect(ids[1]).toMatch(/^req_[0-9a-f]{24}$/);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it("gives the inspection a fresh validation gives, request after request", () => {
    fc.assert(
      fc.property(requests, ({ limit, sent }) => {
        // Every body is continued from an earlier one when it can be, however small.
        const cache = new InspectionCache(limit, 0);
        for (const { endpoint, text } of sent) {
          const bytes = Buffer.from(text);
          expect(withoutRequestId(cache.inspect(endpoint.api, Buffer.from(text), endpoint.profile))).toEqual(withoutRequestId(inspect(endpoint.api, bytes, endpoint.profile)));
        }
      }),
      { numRuns: 60 },
    );
  }, 180_000);

  it("gives the recording its kept bytes for the body it just found resent, and any other body itself", () => {
    fc.assert(
      fc.property(requests, ({ limit, sent }) => {
        const cache = new InspectionCache(limit, 0);
        for (const { endpoint, text } of sent) {
          const bytes = Buffer.from(text);
          cache.inspect(endpoint.api, bytes, endpoint.profile);
          const kept = cache.kept(bytes);
          expect(kept.equals(bytes)).toBe(true);
          // Asked again, or for another buffer of the same text, it has nothing of its own to give.
          expect(cache.kept(bytes)).toBe(bytes);
          const copy = Buffer.from(text);
          expect(cache.kept(copy)).toBe(copy);
        }
      }),
      { numRuns: 30 },
    );
  }, 180_000);

  it("keeps one buffer for a body sent again and again", () => {
    const cache = new InspectionCache(1 << 20);
    const text = body(fc.sample(validHistory({ profile: "openai-responses", format: "responses" }), 1)[0]?.entries ?? [], "responses");
    const kept = Array.from({ length: 4 }, () => {
      const bytes = Buffer.from(text);
      cache.inspect("responses", bytes, "openai-responses");
      return cache.kept(bytes);
    });
    // Seen once, then kept on its second coming: the third and fourth are the second one's bytes.
    expect(kept[2]).toBe(kept[1]);
    expect(kept[3]).toBe(kept[1]);
    expect(kept[0]).not.toBe(kept[1]);
  });

  describe("in the server", () => {
    let cached: MockServer;
    let fresh: MockServer;
    beforeAll(async () => {
      cached = await startMockServer({ validationCacheBytes: 50_000, continueFrom: 0, maxRecorded: 0 });
      fresh = await startMockServer({ validationCacheBytes: 0, maxRecorded: 0 });
    });
    afterAll(async () => {
      await cached.close();
      await fresh.close();
    });

    /** Status and body, with what differs on every answer (ids, times) taken out. */
    async function answer(server: MockServer, path: string, text: string): Promise<unknown> {
      const response = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: text });
      const json = JSON.stringify(await response.json()).replace(/"(id|created_at|created|request_id|call_id)":("[^"]*"|\d+)/g, '"$1":"*"');
      return { status: response.status, body: json };
    }

    it("records every body as it was sent, resent ones too", async () => {
      const recording = await startMockServer({ validationCacheBytes: 50_000, continueFrom: 0, maxRecorded: 100_000 });
      try {
        await fc.assert(
          fc.asyncProperty(requests, async ({ sent }) => {
            const from = recording.requests.length;
            for (const { endpoint, text } of sent) await fetch(`${recording.url}${endpoint.path}`, { method: "POST", headers: { "content-type": "application/json" }, body: text });
            const expected = sent.map(({ text }) => { try { return JSON.parse(text) as unknown; } catch { return text; } });
            expect(recording.requests.slice(from).map((entry) => entry.body)).toEqual(expected);
          }),
          { numRuns: 5 },
        );
      } finally {
        await recording.close();
      }
    }, 180_000);

    it("answers as a server without it does", async () => {
      await fc.assert(
        fc.asyncProperty(requests, async ({ sent }) => {
          for (const { endpoint, text } of sent) expect(await answer(cached, endpoint.path, text)).toEqual(await answer(fresh, endpoint.path, text));
        }),
        { numRuns: 10 },
      );
    }, 180_000);
  });
});
