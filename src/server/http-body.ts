// Reading a request body and writing a JSON answer, the same for every API the mock speaks.
import type { IncomingMessage, OutgoingMessage, ServerResponse } from "node:http";

/**
 * The body, or "too large" past `limit` bytes. A body that is too large is still read to the end, so
 * the answer can be sent, but none of it is kept: a length announced past the limit keeps nothing,
 * and a chunked body lets go of what it held the moment it passes the limit.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too large"> {
  return new Promise((resolve, reject) => {
    let parts: Buffer[] = [];
    let size = Number(req.headers["content-length"]) > limit ? limit + 1 : 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) parts.push(chunk);
      else if (parts.length > 0) parts = [];
    });
    // A body that came in one chunk is that chunk: concatenating one buffer would only copy it.
    req.on("end", () => resolve(size > limit ? "too large" : parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts)));
    req.on("error", reject);
  });
}

/**
 * A JSON answer with a known length, so it is not sent as chunked encoding. The body is ended as a string, not a
 * Buffer: node prepends the head to a first string chunk and sends both in one write, where a Buffer costs a writev.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, contentType = "application/json"): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": contentType, "content-length": String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Resolves when the peer has taken what was written, or has gone away (a closed socket never drains). */
export function drained(message: OutgoingMessage): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      message.off("drain", done);
      message.off("close", done);
      resolve();
    };
    message.on("drain", done);
    message.on("close", done);
  });
}
