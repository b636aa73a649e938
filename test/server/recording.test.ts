// What the mock keeps of what it received: credential headers redacted, a ring bounded by bytes, served without
// holding every parsed body at once.
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/files.js";
import { startMockServer, type MockServer, type MockServerOptions } from "../../src/index.js";

async function withMock(options: MockServerOptions, run: (mock: MockServer) => Promise<void>): Promise<void> {
  const mock = await startMockServer(options);
  try {
    await run(mock);
  } finally {
    await mock.close();
  }
}

const chat = (mock: MockServer, text: string, headers: Record<string, string> = {}) =>
  fetch(`${mock.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: text }] }) });

const listed = async (mock: MockServer) => (await (await fetch(`${mock.url}/__histlint/requests`)).json()) as { headers: Record<string, unknown>; body: unknown; bodyBytes: number; bodyKept: boolean }[];

describe("credentials", () => {
  const credentials = {
    authorization: "Bearer sk-1",
    "proxy-authorization": "Basic dTpw",
    "x-api-key": "sk-ant-1",
    "api-key": "azure-1",
    "x-goog-api-key": "AIza-1",
    "openai-organization": "org-1",
    "openai-project": "proj_1",
    "x-amz-security-token": "FwoG-1",
    cookie: "session=1",
    "x-session-id": "s-1",
    "x-request-signature": "sig-1",
    "x-client-secret": "cs-1",
    "x-credential-id": "c-1",
    "x-access-token": "t-1",
  };

  it("every credential-like header is kept as [redacted], in mock.requests and in GET /__histlint/requests", async () => {
    await withMock({}, async (mock) => {
      expect((await chat(mock, "hi", { ...credentials, "x-trace": "keep me" })).status).toBe(200);
      const redacted = Object.fromEntries(Object.keys(credentials).map((name) => [name, "[redacted]"]));
      const [entry] = await listed(mock);
      expect(entry?.headers).toMatchObject({ ...redacted, "x-trace": "keep me", "content-type": "application/json" });
      expect(mock.requests[0]?.headers).toMatchObject({ ...redacted, "x-trace": "keep me" });
      expect(JSON.stringify(entry)).not.toMatch(/-1\b|dTpw|session=1/);
    });
  });
});

describe("the ring", () => {
  it("keeps the newest requests within maxRecordedBytes, evicting the oldest", async () => {
    await withMock({ maxRecordedBytes: 10_000 }, async (mock) => {
      for (const text of ["a", "b", "c", "d", "e"]) expect((await chat(mock, text.repeat(4000))).status).toBe(200);
      const kept = mock.requests.map((r) => ((r.body as { messages: { content: string }[] }).messages[0]?.content ?? "").slice(0, 1));
      expect(kept).toEqual(["d", "e"]);
      expect((await listed(mock)).length).toBe(2);
    });
  });

  it("keeps a body larger than the whole bound as its size only", async () => {
    await withMock({ maxRecordedBytes: 10_000 }, async (mock) => {
      expect((await chat(mock, "x".repeat(20_000))).status).toBe(200);
      const bytes = JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "x".repeat(20_000) }] }).length;
      expect(mock.requests.map((r) => [r.bodyKept, r.bodyBytes, r.body, r.status])).toEqual([[false, bytes, undefined, 200]]);
      expect((await listed(mock)).map((r) => [r.bodyKept, r.bodyBytes, "body" in r])).toEqual([[false, bytes, false]]);
    });
  });

  it("still keeps at most maxRecorded requests", async () => {
    await withMock({ maxRecorded: 2 }, async (mock) => {
      for (const text of ["a", "b", "c"]) await chat(mock, text);
      expect(mock.requests.map((r) => (r.body as { messages: { content: string }[] }).messages[0]?.content)).toEqual(["b", "c"]);
    });
  });

  it("keeps its byte bound after an entry the caller put in mock.requests itself has gone", async () => {
    // Three bodies of about 10 KB each; the bound holds two and a half.
    await withMock({ maxRecorded: 3, maxRecordedBytes: 25_000 }, async (mock) => {
      mock.requests.push({ time: "", method: "POST", path: "/by-hand", headers: {}, status: 200, bodyBytes: 0, bodyKept: true, body: undefined });
      for (const text of ["a", "b", "c"]) await chat(mock, text.repeat(10_000));
      // The fourth entry pushes out the caller's by count; then the three 10 KB bodies are over the bound by bytes.
      expect(mock.requests.map((r) => (r.body as { messages: { content: string }[] }).messages[0]?.content.slice(0, 1))).toEqual(["b", "c"]);
    });
  });

  it("gives entries of one kind one hidden class, keeps body an own property, and lists each as it is in mock.requests", async () => {
    // V8's own test of shapes; the flag applies to code compiled after it is set.
    setFlagsFromString("--allow-natives-syntax");
    const sameShape = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;
    await withMock({}, async (mock) => {
      const post = (body: string, headers: Record<string, string> = {}) => fetch(`${mock.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      const request = (text: string) => JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: text }] });
      // Two of each kind: answered, refused as unparsable, refused by a fault.
      for (const round of [1, 2]) {
        await chat(mock, `a${round}`, { "x-trace": `round ${round}` });
        await post("{".repeat(round));
        await post(request(`b${round}`), { "x-histlint-fault": "429:2" });
      }
      const entries = mock.requests;
      expect(entries.map((r) => r.status)).toEqual([200, 400, 429, 200, 400, 429]);
      expect([0, 1, 2].map((i) => sameShape(entries[i] as object, entries[i + 3] as object))).toEqual([true, true, true]);
      // `body` is an own property, as a spread or Object.keys of an entry sees it; optional fields only when present.
      expect(entries.map((r) => ({ ...r }).body)).toEqual([JSON.parse(request("a1")), "{", JSON.parse(request("b1")), JSON.parse(request("a2")), "{{", JSON.parse(request("b2"))]);
      // Every field in the order entries have always had (an optional one only when present), and
      // nothing else: the ring's byte count is no field of an entry.
      const head = ["time", "method", "path", "headers", "status"];
      const tail = ["bodyBytes", "bodyKept", "body"];
      const fieldsOf = { answered: [...head, "reply", ...tail], unparsable: [...head, "error", ...tail], faulted: [...head, "error", "fault", ...tail] };
      const expected = [fieldsOf.answered, fieldsOf.unparsable, fieldsOf.faulted, fieldsOf.answered, fieldsOf.unparsable, fieldsOf.faulted];
      expect(entries.map((r) => Object.keys(r))).toEqual(expected);
      // `body` can be redefined or deleted, as on the object literal entries once were.
      expect(entries.map((r) => { const { enumerable, configurable } = Object.getOwnPropertyDescriptor(r, "body") ?? {}; return [enumerable, configurable]; })).toEqual(expected.map(() => [true, true]));
      // The listing has the same fields in the same order, the bodies parsed.
      const listing = (await listed(mock)) as Record<string, unknown>[];
      expect(listing.map((r) => Object.keys(r))).toEqual(expected);
      expect(listing).toEqual(JSON.parse(JSON.stringify(entries)));
    });
  });

  it("serves an empty list as []", async () => {
    await withMock({}, async (mock) => {
      const response = await fetch(`${mock.url}/__histlint/requests`);
      expect([response.status, response.headers.get("content-type"), await response.text()]).toEqual([200, "application/json", "[]"]);
    });
  });
});

describe("the record file", () => {
  it("is created readable by its owner only, and an existing one is made so, keeping what it held", async () => {
    const fresh = join(tempDir(), "fresh.jsonl");
    const existing = join(tempDir(), "existing.jsonl");
    writeFileSync(existing, '{"earlier":true}\n');
    chmodSync(existing, 0o644);
    for (const record of [fresh, existing]) {
      await withMock({ record }, async (mock) => expect((await chat(mock, "hi", { "x-api-key": "sk-ant-1" })).status).toBe(200));
      expect(statSync(record).mode & 0o777).toBe(0o600);
    }
    const lines = readFileSync(existing, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.earlier, line.path, (line.headers as Record<string, unknown> | undefined)?.["x-api-key"]])).toEqual([[true, undefined, undefined], [undefined, "/chat/completions", "[redacted]"]]);
  });
});
