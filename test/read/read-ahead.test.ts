// The read ahead gives a file's bytes exactly, whether this thread or the worker read them, and fails as a read would.
import { closeSync, mkdirSync, openSync, rmSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { READ_AHEAD_BYTES, splitLines } from "../../src/read/lines.js";
import { ReadAhead } from "../../src/read/read-ahead.js";
import { tempFile } from "../support/files.js";

const runs = Math.min(Number(process.env.HISTLINT_PROPERTY_RUNS ?? 200), 30);

/** Blocks this thread until the worker has started (reads ahead are synchronous: the event loop never runs between them). */
function untilStarted(ahead: ReadAhead): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; !ahead.workerStarted && waited < 10_000; waited += 5) Atomics.wait(pause, 0, 0, 5);
}

/** Every chunk, copied as it comes (a chunk is read into again once the next is asked for), and how many the worker gave. */
function readAll(ahead: ReadAhead, startWorkerAfter: number): { bytes: Buffer; fromWorker: number } {
  const chunks: Buffer[] = [];
  let fromWorker = 0;
  for (let chunk = ahead.next(); !chunk.done; chunk = ahead.next()) {
    chunks.push(Buffer.from(chunk.value));
    if (chunk.value.buffer instanceof SharedArrayBuffer) fromWorker += 1;
    if (chunks.length === startWorkerAfter) untilStarted(ahead);
  }
  return { bytes: Buffer.concat(chunks), fromWorker };
}

describe("ReadAhead", () => {
  it("gives the file's bytes up to the end asked for, in chunks of at most the slot's size, however the reads are shared", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 20_000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.option(fc.nat({ max: 25_000 }), { nil: undefined }),
        fc.nat({ max: 6 }),
        (content, slotBytes, end, startWorkerAfter) => {
          const path = tempFile("ahead.bin", Buffer.from(content));
          const fd = openSync(path, "r");
          try {
            const ahead = new ReadAhead(fd, path, end ?? Infinity, slotBytes);
            const { bytes, fromWorker } = readAll(ahead, startWorkerAfter);
            expect(bytes.equals(Buffer.from(content).subarray(0, end))).toBe(true);
            // Once the worker has started, the chunks after it are its (when any are left to read).
            if (startWorkerAfter > 0 && bytes.length > (startWorkerAfter + 1) * slotBytes) expect(fromWorker).toBeGreaterThan(0);
            expect(ahead.next().done).toBe(true);
          } finally {
            closeSync(fd);
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it("throws the worker's read error, with its code", () => {
    const path = tempFile("replaced.bin", Buffer.alloc(10_000, 7));
    const fd = openSync(path, "r");
    // This thread still reads the file it opened; the worker opens the path, now a directory, and its read fails.
    rmSync(path);
    mkdirSync(path);
    try {
      const ahead = new ReadAhead(fd, path, Infinity, 1000);
      expect(Buffer.from((ahead.next() as IteratorYieldResult<Buffer>).value).equals(Buffer.alloc(1000, 7))).toBe(true);
      untilStarted(ahead);
      expect(() => {
        for (let chunk = ahead.next(); !chunk.done; chunk = ahead.next());
      }).toThrow(expect.objectContaining({ code: "EISDIR" }));
      expect(ahead.next().done).toBe(true);
    } finally {
      closeSync(fd);
    }
  });

  it("stops when closed early, and reads nothing more", () => {
    const path = tempFile("early.bin", Buffer.alloc(50_000, 1));
    const fd = openSync(path, "r");
    try {
      const ahead = new ReadAhead(fd, path, Infinity, 1000);
      ahead.next();
      untilStarted(ahead);
      ahead.next();
      ahead.close();
      ahead.close();
      expect(ahead.next().done).toBe(true);
    } finally {
      closeSync(fd);
    }
  });
});

describe("a file past READ_AHEAD_BYTES", () => {
  it("splits into the same lines as the same bytes held whole", () => {
    const line = (i: number) => `{"i":${i},"text":"${"é日x".repeat(i % 500)}"}`;
    const lines: string[] = [];
    for (let bytes = 0, i = 0; bytes <= READ_AHEAD_BYTES + 3_000_000; i += 1) {
      lines.push(line(i));
      bytes += Buffer.byteLength(line(i)) + 1;
    }
    const content = Buffer.from(lines.join("\n"));
    expect([...splitLines({ path: tempFile("large.jsonl", content) })]).toEqual([...splitLines({ buffer: content })]);
  });
});
