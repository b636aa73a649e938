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
  /** The line is longer than MAX_LINE_BYTES: `text` is empty and `bytes` is its length. */
  tooLong?: true;
}

/** A line decoded from `data[start, end)`, with its bytes kept when decoding replaced some. */
function lineOf(data: Buffer, start: number, end: number, offset: number, line: number, eol: Line["eol"]): Line {
  const text = data.toString("utf8", start, end);
  // The fields in Line's order, every line alike: the hot loop sees one shape.
  const read: Line = { text, bytes: end - start, offset, line, eol };
  if (needsRaw(text, end - start)) read.raw = Buffer.from(data.subarray(start, end));
  return read;
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

/**
 * A source of bytes: a whole buffer (stdin, tests) or a file read chunk by chunk, no further than
 * `length` bytes when given (a file the client appends to while fix reads it again and again).
 */
export type ByteSource = { buffer: Uint8Array } | { path: string; length?: number };

/**
 * Yields the bytes of a source: a whole buffer (stdin, tests) as one chunk, a file 1 MB at a time.
 * `stillViewed` says whether the caller kept a view of the chunk it was last given: while it has not,
 * the next read reuses that buffer, so a gigabyte read (or a skipped line) is not a gigabyte of garbage.
 */
function* chunksOf(source: ByteSource, stillViewed: () => boolean): Generator<Buffer> {
  if ("buffer" in source) {
    if (source.buffer.byteLength > 0) yield Buffer.from(source.buffer.buffer, source.buffer.byteOffset, source.buffer.byteLength);
    return;
  }
  const fd = openSync(source.path, "r");
  try {
    let spare: Buffer | undefined;
    for (let left = source.length ?? Infinity; left > 0; ) {
      const chunk = spare ?? Buffer.allocUnsafe(READ_CHUNK_BYTES);
      const read = readSync(fd, chunk, 0, Math.min(READ_CHUNK_BYTES, left), null);
      if (read === 0) return;
      left -= read;
      yield chunk.subarray(0, read);
      spare = stillViewed() ? undefined : chunk;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The longest line histlint reads. A longer one is reported and skipped without being held: a file
 * with no newline (a device, a dump) must not grow the process past its memory.
 */
export const MAX_LINE_BYTES = 128 * 1024 * 1024;

/** The start of a line not yet ended: its pieces from earlier chunks, joined only once it ends. */
class UnfinishedLine {
  private pieces: Buffer[] = [];
  private length = 0;
  /** Bytes skipped of a line past MAX_LINE_BYTES (its pieces are let go). */
  skipped = 0;
  offset = 0;

  get holdsPieces(): boolean {
    return this.pieces.length > 0;
  }

  get empty(): boolean {
    return this.length === 0 && this.skipped === 0;
  }

  add(piece: Buffer, offset: number): void {
    if (this.empty) this.offset = offset;
    if (this.skipped > 0 || this.length + piece.length > MAX_LINE_BYTES) {
      this.skipped += this.length + piece.length;
      this.pieces = [];
      this.length = 0;
      return;
    }
    this.pieces.push(piece);
    this.length += piece.length;
  }

  /** The whole line, ending with `last`; resets for the next line. */
  finish(last: Buffer): { bytes: Buffer | undefined; skipped: number } {
    const skipped = this.skipped > 0 || this.length + last.length > MAX_LINE_BYTES ? this.skipped + this.length + last.length : 0;
    const bytes = skipped > 0 ? undefined : this.pieces.length === 0 ? last : Buffer.concat([...this.pieces, last]);
    this.pieces = [];
    this.length = 0;
    this.skipped = 0;
    return { bytes, skipped };
  }
}

/**
 * Yields the lines of a source. The first value yielded is the file head; then one `Line` a line.
 * A final line without a terminator is yielded with `eol: ""`; an empty tail yields nothing.
 */
export function* splitLines(source: ByteSource): Generator<FileHead | Line> {
  const unfinished = new UnfinishedLine();
  let chunkOffset = 0;
  let lineNumber = 1;
  let first = true;
  const emit = (bytes: Buffer | undefined, skipped: number, offset: number, ended: boolean): Line => {
    const crlf = ended && bytes !== undefined && bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN;
    const eol = ended ? (crlf ? "\r\n" : "\n") : "";
    if (bytes === undefined) return { text: "", bytes: skipped, offset, line: lineNumber++, eol, tooLong: true };
    return lineOf(bytes, 0, crlf ? bytes.length - 1 : bytes.length, offset, lineNumber++, eol);
  };
  /** A line that lies whole in `data` (the common case): decoded in place, with no view made of it. */
  const emitWhole = (data: Buffer, start: number, end: number, offset: number): Line => {
    const crlf = end > start && data[end - 1] === CARRIAGE_RETURN;
    return lineOf(data, start, crlf ? end - 1 : end, offset, lineNumber++, crlf ? "\r\n" : "\n");
  };
  // Lines are yielded decoded (and `raw` is a copy): only an unfinished line's pieces view a chunk.
  for (const chunk of chunksOf(source, () => unfinished.holdsPieces)) {
    let data = chunk;
    let dataOffset = chunkOffset;
    chunkOffset += chunk.length;
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
      if (unfinished.empty && nl - start <= MAX_LINE_BYTES) yield emitWhole(data, start, nl, dataOffset + start);
      else {
        const offset = unfinished.empty ? dataOffset + start : unfinished.offset;
        const { bytes, skipped } = unfinished.finish(data.subarray(start, nl));
        yield emit(bytes, skipped, offset, true);
      }
      start = nl + 1;
    }
    if (start < data.length) unfinished.add(data.subarray(start), dataOffset + start);
  }
  if (first) {
    yield { hasByteOrderMark: false, nulOffset: undefined, empty: true };
    return;
  }
  if (!unfinished.empty) {
    const offset = unfinished.offset;
    const { bytes, skipped } = unfinished.finish(Buffer.alloc(0));
    yield emit(bytes, skipped, offset, false);
  }
}
