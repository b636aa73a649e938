// Writes a long body's text to a connection through two reused buffers: each piece becomes bytes
// once, in memory the collector never sees. Joined into long strings instead, a 200 MB body left
// 200 MB of strings in the large-object space, freed only by the next full collection.
import type { ClientRequest } from "node:http";

/** How much of a streamed body goes to the connection at once. */
const CHUNK_BYTES = 64 * 1024;

const encoder = new TextEncoder();
/** Pairs of buffers no body is writing: a full replay's thirty thousand bodies share a few. */
const free: Buffer[][] = [];

/**
 * Writes the pieces as UTF-8 (a lone surrogate as U+FFFD, as a string written to a socket is): one
 * buffer fills while the other is on its way; `sent.bytes` counts what was handed to the connection.
 */
export async function writePooled(pieces: Iterable<string>, req: ClientRequest, sent: { bytes: number }): Promise<void> {
  const buffers = free.pop() ?? [Buffer.allocUnsafeSlow(CHUNK_BYTES), Buffer.allocUnsafeSlow(CHUNK_BYTES)];
  const inFlight: (Promise<void> | undefined)[] = [undefined, undefined];
  try {
    await writeThrough(pieces, req, sent, buffers, inFlight);
  } finally {
    // A buffer still on its way is not taken again until the connection has let it go.
    void Promise.all(inFlight).then(() => free.push(buffers));
  }
}

async function writeThrough(pieces: Iterable<string>, req: ClientRequest, sent: { bytes: number }, buffers: Buffer[], inFlight: (Promise<void> | undefined)[]): Promise<void> {
  let current = 0;
  let used = 0;
  const flush = async (): Promise<boolean> => {
    if (req.destroyed) return false;
    if (used > 0) {
      sent.bytes += used;
      inFlight[current] = written(req, (buffers[current] as Buffer).subarray(0, used));
      current = 1 - current;
      used = 0;
    }
    await inFlight[current]; // the buffer about to be filled is free again
    return true;
  };
  for (const piece of pieces) {
    let rest = piece;
    for (;;) {
      const { read, written: bytes } = encoder.encodeInto(rest, (buffers[current] as Buffer).subarray(used));
      used += bytes;
      if (read === rest.length) break;
      rest = rest.slice(read);
      if (!(await flush())) return;
    }
    if (used === CHUNK_BYTES && !(await flush())) return;
  }
  if (!(await flush())) return;
  await Promise.all(inFlight);
}

/** Resolves when the connection has taken the chunk, or is closed (its error, if any, is the request's). */
function written(req: ClientRequest, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off("close", done);
      resolve();
    };
    req.on("close", done);
    req.write(chunk, done);
  });
}
