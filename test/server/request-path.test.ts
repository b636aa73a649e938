// The mock routes on `requestPathname`: for any request target it is the pathname `new URL` reads, shortcut or not.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestPathname } from "../../src/server/request-path.js";

const segment = fc.string({ unit: fc.constantFrom("a", "Z", "0", "-", "_", ".", "..", "%2e", "%41", " ", "é", "?q=1", "#h", "\\", "/", ":", "@"), maxLength: 6 });
const target = fc.tuple(fc.array(segment, { maxLength: 4 }), fc.boolean()).map(([segments, slash]) => `/${segments.join("/")}${slash ? "/" : ""}`);

/** The path, or the error's code when there is none (`//` names no host). */
function outcome(path: () => string): { path: string } | { code: unknown } {
  try {
    return { path: path() };
  } catch (error) {
    return { code: (error as { code?: unknown }).code };
  }
}

describe("the request's path", () => {
  it("is the pathname new URL reads, or the same error", () => {
    fc.assert(
      fc.property(fc.oneof(target, fc.constantFrom("/v1/responses", "/v1/chat/completions", "/messages/", "//evil/x", "/a/../b", "/", "")), (url) => {
        expect(outcome(() => requestPathname(url))).toEqual(outcome(() => new URL(url, "http://mock").pathname));
      }),
      { numRuns: 3000 },
    );
  });
});
