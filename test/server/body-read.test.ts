// The mock reads a body into one buffer when its length is announced and gathers chunks when it is not:
// either way, however the sender splits it, the body read is the bytes sent, and one past the limit is refused.
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBody } from "../../src/server/http-body.js";

const LIMIT = 4_096;
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req, LIMIT).then((body) => res.end(body === "too large" ? "too large" : body.toString("hex")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends `pieces` as one request's body, each piece its own write (and its own chunk when not announced). */
function send(pieces: Buffer[], announced: boolean): Promise<string> {
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const framing = announced ? `content-length: ${total}` : "transfer-encoding: chunked";
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", async () => {
      socket.write(`POST / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n${framing}\r\n\r\n`);
      for (const piece of pieces) {
        socket.write(announced ? piece : Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]));
        // A pause between writes makes the server see them as separate chunks.
        await new Promise((wait) => setImmediate(wait));
      }
      if (!announced) socket.write("0\r\n\r\n");
    });
    let answer = "";
    socket.on("data", (data) => (answer += data.toString("latin1")));
    socket.on("end", () => resolve(answer.slice(answer.indexOf("\r\n\r\n") + 4)));
    socket.on("error", reject);
  });
}

describe("reading a request body", () => {
  it("returns the bytes sent, however they are split, with or without an announced length", async () => {
    const pieces = fc.array(fc.uint8Array({ minLength: 1, maxLength: 900 }), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(pieces, fc.boolean(), async (arrays, announced) => {
        const buffers = arrays.map((array) => Buffer.from(array));
        const sent = Buffer.concat(buffers);
        const answer = await send(buffers, announced);
        expect(answer).toBe(sent.length > LIMIT ? "too large" : sent.toString("hex"));
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a body past the limit, announced or chunked", async () => {
    const pieces = [Buffer.alloc(3_000, 1), Buffer.alloc(3_000, 2)];
    expect(await send(pieces, true)).toBe("too large");
    expect(await send(pieces, false)).toBe("too large");
  });
});
