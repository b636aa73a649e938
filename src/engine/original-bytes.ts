// The bytes a repair was made from, as the write protocol checks them: held in memory, or a file's
// first bytes known by their digest (a gigabyte repaired streamed is not read into memory to be guarded).
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { readRange } from "../read/index.js";
import { writeAll } from "./temporary-files.js";

export interface OriginalOnDisk {
  size: number;
  /** SHA-256 of the first `size` bytes, as the repair read them. */
  digest: string;
}

/** What was read: the bytes, or their size and digest. */
export type Original = Buffer | OriginalOnDisk;

const CHUNK_BYTES = 1 << 20;

/** The size and digest of a file as it is now, read a chunk at a time. */
export function snapshotOf(path: string): OriginalOnDisk {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    return { size, digest: digestOf(fd, size) };
  } finally {
    closeSync(fd);
  }
}

export const lengthOf = (original: Original): number => (Buffer.isBuffer(original) ? original.length : original.size);

/** Whether the file open at `fd` still starts with the original's bytes. */
export function stillStartsWith(fd: number, original: Original): boolean {
  if (Buffer.isBuffer(original)) return readRange(fd, 0, original.length).equals(original);
  return digestOf(fd, original.size) === original.digest;
}

/** Whether the original ends a line (then what is appended after it is whole new lines). */
export function endsLine(fd: number, original: Original): boolean {
  const length = lengthOf(original);
  if (length === 0) return true;
  const last = Buffer.isBuffer(original) ? original[length - 1] : readRange(fd, length - 1, length)[0];
  return last === 0x0a;
}

/**
 * Writes the original's bytes to `out`: held ones as they are, a file's copied from `fd` and checked
 * against the digest as they go (a change since the repair read them is refused, never backed up).
 */
export function writeOriginal(out: number, fd: number, original: Original, changed: () => Error): void {
  if (Buffer.isBuffer(original)) return writeAll(out, original);
  const hash = createHash("sha256");
  for (let at = 0; at < original.size; at += CHUNK_BYTES) {
    const chunk = readRange(fd, at, Math.min(original.size, at + CHUNK_BYTES));
    hash.update(chunk);
    writeAll(out, chunk);
  }
  if (hash.digest("hex") !== original.digest) throw changed();
}

/** Copies `[0, size)` of the file open at `fd` to `out`. */
export function copyPrefix(out: number, fd: number, size: number): void {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  for (let at = 0; at < size; ) {
    const read = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, size - at), at);
    if (read === 0) break;
    writeAll(out, chunk.subarray(0, read));
    at += read;
  }
}

function digestOf(fd: number, size: number): string {
  const hash = createHash("sha256");
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let at = 0;
  while (at < size) {
    const read = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, size - at), at);
    if (read === 0) break;
    hash.update(chunk.subarray(0, read));
    at += read;
  }
  // A file shorter than the original cannot start with it: its digest is of fewer bytes, and differs.
  return at < size ? "" : hash.digest("hex");
}
