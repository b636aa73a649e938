// The mock routes on `requestPathname`: for any request target it is the pathname `new URL` reads, shortcut or not,
// and a target `new URL` refuses is no route (404), never an internal error.
import { request } from "node:http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestPathname } from "../../src/server/request-path.js";
import { startMockServer } from "../../src/index.js";

const segment = fc.string({ unit: fc.constantFrom("a", "Z", "0", "-", "_", ".", "..", "%2e", "%41", " ", "é", "?q=1", "#h", "\\", "/", ":", "@"), maxLength: 6 });
const target = fc.tuple(fc.array(segment, { maxLength: 4 }), fc.boolean()).map(([segments, slash]) => `/${segments.join("/")}${slash ? "/" : ""}`);

/** The pathname `new URL` reads, or the target itself when it refuses it (`//` names no host). */
function urlPathname(url: string): string {
  try {
    return new URL(url, "http://mock").pathname;
  } catch {
    return url;
  }
}

describe("the request's path", () => {
  it("is the pathname new URL reads, or the target as it came when new URL refuses it", () => {
    fc.assert(
      fc.property(fc.oneof(target, fc.constantFrom("/v1/responses", "/v1/chat/completions", "/messages/", "//evil/x", "/a/../b", "/", "", "//")), (url) => {
        expect(requestPathname(url)).toBe(urlPathname(url));
      }),
      { numRuns: 3000 },
    );
  });

  it("of `//` names no route: the mock answers 404, not 500", async () => {
    const mock = await startMockServer({ profile: "openai-responses" });
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port: new URL(mock.url).port, path: "//", method: "POST", headers: { "content-type": "application/json" } }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject);
        req.end("{}");
      });
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body).error.message).toBe("Invalid URL (POST //)");
    } finally {
      await mock.close();
    }
  });
});
