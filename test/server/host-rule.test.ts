// Requests the mock does not answer as a provider: a Host that is not this machine's (DNS rebinding), and headers
// node cannot take (over 16 KB). Both get a JSON body a client can read.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/index.js";

let mock: MockServer;
beforeAll(async () => (mock = await startMockServer({ allowedHosts: ["mock.test", "other.test:9"] })));
afterAll(() => mock.close());

/** fetch will not send a Host of its choosing; node's client will. */
function get(path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    request({ port: mock.port, path, headers: { host, ...headers } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode, body: JSON.parse(text) as unknown }));
    })
      .on("error", reject)
      .end();
  });
}

const refusal = (host: string) =>
  `histlint mock: requests addressed to Host "${host}" are not answered: only loopback names (localhost, 127.0.0.1, [::1]) and the address the mock listens on (port ${mock.port}), against DNS rebinding. Allow another name with --allow-host <name> (allowedHosts in startMockServer).`;

describe("the Host rule", () => {
  it("answers loopback names and addresses, the listening address, and the allowed names", async () => {
    const hosts = ["localhost", `localhost:${mock.port}`, "app.localhost:1", "127.0.0.1", "127.8.9.10:80", "[::1]", `[::1]:${mock.port}`, `127.0.0.1:${mock.port}`, "MOCK.test:1234", "other.test:9"];
    const statuses = await Promise.all(hosts.map(async (host) => (await get("/v1/models", host)).status));
    expect(statuses).toEqual(hosts.map(() => 200));
  });

  it("refuses any other Host with a 403 that says why, in the client's envelope, and records nothing", async () => {
    const before = mock.requests.length;
    expect(await get("/__histlint/requests", "evil.test:8080")).toEqual({ status: 403, body: { error: { message: refusal("evil.test:8080"), type: "invalid_request_error", param: null, code: "host_not_allowed" } } });
    expect(await get("/v1/messages", "127.0.0.1.evil.test")).toEqual({ status: 403, body: { type: "error", error: { type: "permission_error", message: refusal("127.0.0.1.evil.test") }, request_id: expect.stringMatching(/^req_/) } });
    expect((await get("/v1/models", "other.test:10")).status).toBe(403);
    expect(mock.requests.length).toBe(before);
  });
});

describe("headers node cannot take", () => {
  it("answers headers over 16 KB with 431 and a JSON body", async () => {
    const response = await fetch(`${mock.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json", "x-big": "a".repeat(17 * 1024) }, body: "{}" });
    expect([response.status, response.headers.get("content-type"), await response.json()]).toEqual([
      431,
      "application/json",
      { type: "error", error: { type: "invalid_request_error", message: "histlint mock: the request's headers exceed 16384 bytes", param: null, code: "request_header_fields_too_large" } },
    ]);
  });

  it("still answers headers just under the limit", async () => {
    expect((await get("/v1/models", "localhost", { "x-big": "a".repeat(15 * 1024) })).status).toBe(200);
  });
});
