// Splits bytes into lines without decoding more than one line at a time, so memory follows the longest line.
import { closeSync, openSync, readSync } from "node:fs";
import { needsRaw } from "./text-locator.js";

/** One physical line of a file, without its line terminator. */
export interface Line {
  text: string;
  /** Byte offset of the first byte of `text`. */
  offset: number;
  /** Byte length of `text` (without the terminator). */
  bytes: number;
  /** 1-based line number. */
  line: number;
  /** The terminator that followed the line: "\n", "\r\n", or "" at the end of the file. */
  eol: "\n" | "\r\n" | "";
  /** The line's bytes, kept only when they are not valid UTF-8 (positions are then counted on them). */
  raw?: Buffer;
}

/** A line decoded from `data[start, end)`, with its bytes kept when decoding replaced some. */
function lineOf(data: Buffer, start: number, end: number, fields: Omit<Line, "text" | "bytes" | "raw">): Line {
  const text = data.toString("utf8", start, end);
  const line: Line = { text, bytes: end - start, ...fields };
  if (needsRaw(text, end - start)) line.raw = Buffer.from(data.subarray(start, end));
  return line;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const READ_CHUNK_BYTES = 1 << 20;

/** Facts about the head of the file that the reader reports before any line. */
export interface FileHead {
  hasByteOrderMark: boolean;
  /** Offset of the first NUL byte in the first chunk, the mark of a binary file (git's heuristic). */
  nulOffset: number | undefined;
  empty: boolean;
}

/** A source of bytes: a whole buffer (stdin, tests) or a file descriptor read chunk by chunk. */
export type ByteSource = { buffer: Uint8Array } | { path: string };

/**
 * Yields the bytes of a source, each chunk starting with `carry()` (the unfinished line of the last
 * chunk), read straight after it into a fresh buffer: no chunk is copied, only the short carry.
 */
function* chunksOf(source: ByteSource, carry: () => Buffer | undefined): Generator<Buffer> {
  if ("buffer" in source) {
    if (source.buffer.byteLength > 0) yield Buffer.from(source.buffer.buffer, source.buffer.byteOffset, source.buffer.byteLength);
    return;
  }
  const fd = openSync(source.path, "r");
  try {
    for (;;) {
      const head = carry();
      const headLength = head?.length ?? 0;
      const chunk = Buffer.allocUnsafe(headLength + READ_CHUNK_BYTES);
      head?.copy(chunk, 0);
      const read = readSync(fd, chunk, headLength, READ_CHUNK_BYTES, null);
      // An empty read is the end of the file; nothing of length 0 is ever yielded.
      if (read === 0) return;
      yield chunk.subarray(0, headLength + read);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Yields the lines of a source. The first value yielded is the file head; then one `Line` a line.
 * A final line without a terminator is yielded with `eol: ""`; an empty tail yields nothing.
 */
export function* splitLines(source: ByteSource): Generator<FileHead | Line> {
  let carry: Buffer | undefined;
  let carryOffset = 0;
  let nextChunkOffset = 0;
  let lineNumber = 1;
  let first = true;
  const fromFile = !("buffer" in source);
  // A file's chunks arrive with the carry already in front; a buffer source is one chunk.
  for (const chunk of chunksOf(source, () => carry)) {
    let data = chunk;
    let dataOffset = carry ? carryOffset : nextChunkOffset;
    nextChunkOffset += chunk.length - (fromFile && carry ? carry.length : 0);
    if (first) {
      first = false;
      const hasByteOrderMark = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
      const nul = data.indexOf(0);
      yield { hasByteOrderMark, nulOffset: nul === -1 ? undefined : nul, empty: false };
      if (nul !== -1) return;
      if (hasByteOrderMark) {
        data = data.subarray(3);
        dataOffset = 3;
      }
    }
    let start = 0;
    for (let nl = data.indexOf(NEWLINE); nl !== -1; nl = data.indexOf(NEWLINE, start)) {
      const crlf = nl > start && data[nl - 1] === CARRIAGE_RETURN;
      const end = crlf ? nl - 1 : nl;
      yield lineOf(data, start, end, { offset: dataOffset + start, line: lineNumber++, eol: crlf ? "\r\n" : "\n" });
      start = nl + 1;
    }
    carry = start < data.length ? data.subarray(start) : undefined;
    carryOffset = dataOffset + start;
  }
  if (first) {
    yield { hasByteOrderMark: false, nulOffset: undefined, empty: true };
    return;
  }
  if (carry && carry.length > 0) {
    yield lineOf(carry, 0, carry.length, { offset: carryOffset, line: lineNumber, eol: "" });
  }
}
