// Reading a request body and writing a JSON answer, the same for every API the mock speaks.
import type { IncomingMessage, OutgoingMessage, ServerResponse } from "node:http";

/**
 * The body, or "too large" past `limit` bytes. A body that is too large is still read to the end, so
 * the answer can be sent, but none of it is kept: a length announced past the limit keeps nothing,
 * and a chunked body lets go of what it held the moment it passes the limit.
 *
 * A body with an announced length is copied into one buffer of that length as it comes, so the socket's
 * chunks die young (held until the end, they were promoted, then joined); from `LENT_BODY_BYTES` on, that
 * buffer is lent by `buffers` when given, and the caller gives it back once the body is answered.
 */
export function readBody(req: IncomingMessage, limit: number, buffers?: BodyBuffers): Promise<Buffer | "too large"> {
  const announced = Number(req.headers["content-length"]);
  if (Number.isInteger(announced) && announced >= 0 && announced <= limit) return readAnnounced(req, announced, buffers);
  return readChunked(req, announced > limit ? limit + 1 : 0, limit);
}

/** Bodies from this length on are read into a buffer `BodyBuffers` lends, when the caller gives one. */
export const LENT_BODY_BYTES = 1024 * 1024;

/**
 * Buffers a server reads long bodies into, lent for one request and given back once it is answered.
 * A long body lives through several scavenges while it is read and checked, is promoted, and was then
 * freed only by a full collection, which V8 starts after 64 MB more memory outside its heap: a full
 * replay with the mock embedded saw-toothed between 12 and 85 MB of such buffers. Whoever keeps a
 * body past its answer must copy it (`isLent`), or keep a digest of it.
 */
export class BodyBuffers {
  private readonly free: Buffer[] = [];
  /** The whole buffer behind each lent body; weak, so a body never given back (a dropped connection) is just collected. */
  private readonly lent = new WeakMap<ArrayBufferLike, Buffer>();

  /** A body's worth of a buffer: the smallest free one that holds it, or a new one with room to grow (agents resend longer bodies). */
  lend(length: number): Buffer {
    const fitting = this.free.filter((buffer) => buffer.length >= length).sort((a, b) => a.length - b.length)[0];
    const whole = fitting ?? Buffer.allocUnsafeSlow(Math.max(LENT_BODY_BYTES, 2 ** Math.ceil(Math.log2(length))));
    if (fitting) this.free.splice(this.free.indexOf(fitting), 1);
    this.lent.set(whole.buffer, whole);
    return whole.subarray(0, length);
  }

  isLent(body: Buffer): boolean {
    return this.lent.has(body.buffer);
  }

  /** Takes back a lent body's buffer (any other body is left alone); two free ones are kept, the largest. */
  giveBack(body: Buffer): void {
    const whole = this.lent.get(body.buffer);
    if (!whole) return;
    this.lent.delete(body.buffer);
    this.free.push(whole);
    if (this.free.length > MOST_FREE_BUFFERS) this.free.splice(this.free.indexOf(this.free.reduce((a, b) => (a.length <= b.length ? a : b))), 1);
  }
}

/** Free buffers kept: one for the request being answered's successor, one for another conversation's. */
const MOST_FREE_BUFFERS = 2;

function readAnnounced(req: IncomingMessage, length: number, buffers: BodyBuffers | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let body: Buffer | undefined = buffers && length >= LENT_BODY_BYTES ? buffers.lend(length) : undefined;
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
