// Bytes at a known place of an open file: the write protocol rereads what it guards, and replay
// rereads a record at its span instead of holding the parsed file.
import { readSync } from "node:fs";

/** The bytes from `start` to `end`, or fewer when the file ends first (the caller decides what that means). */
export function readRange(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.allocUnsafe(end - start);
  return buffer.subarray(0, readRangeInto(fd, buffer, start, end - start));
}

/** Reads `length` bytes from `start` into the head of `target` (a buffer reused across calls); returns how many the file had. */
export function readRangeInto(fd: number, target: Buffer, start: number, length: number): number {
  let at = 0;
  while (at < length) {
    const read = readSync(fd, target, at, length - at, start + at);
    if (read === 0) break;
    at += read;
  }
  return at;
}
