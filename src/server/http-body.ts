// Reading a request body and writing a JSON answer, the same for every API the mock speaks.
import type { IncomingMessage, OutgoingMessage, ServerResponse } from "node:http";

/**
 * The body, or "too large" past `limit` bytes. A body that is too large is still read to the end, so
 * the answer can be sent, but none of it is kept: a length announced past the limit keeps nothing,
 * and a chunked body lets go of what it held the moment it passes the limit.
 *
 * A body with an announced length is copied into one buffer of that length as it comes: the socket's
 * chunks then die young, where holding them until the end got them promoted, and tens of megabytes of
 * them waited for a full collection (then a concatenation copied them once more).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too large"> {
  const announced = Number(req.headers["content-length"]);
  if (Number.isInteger(announced) && announced >= 0 && announced <= limit) return readAnnounced(req, announced);
  return readChunked(req, announced > limit ? limit + 1 : 0, limit);
}

function readAnnounced(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let body: Buffer | undefined;
    let filled = 0;
    req.on("data", (chunk: Buffer) => {
      // A body that comes in one chunk is that chunk: copying it would cost without freeing anything.
      if (body === undefined && chunk.length === length) {
        body = chunk;
        filled = length;
        return;
      }
      body ??= Buffer.allocUnsafe(length);
      // node's parser never passes more than the announced length; copy() stays inside the buffer regardless.
      filled += chunk.copy(body, filled);
    });
    req.on("end", () => resolve(body === undefined ? Buffer.alloc(0) : filled === length ? body : body.subarray(0, filled)));
    req.on("error", reject);
  });
}

function readChunked(req: IncomingMessage, initialSize: number, limit: number): Promise<Buffer | "too large"> {
  return new Promise((resolve, reject) => {
    let parts: Buffer[] = [];
    let size = initialSize;
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
