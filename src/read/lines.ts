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
 * Yields the bytes of a source: a whole buffer (stdin, tests) as one chunk, a file 1 MB at a time into
 * one buffer read into again for every chunk: a caller keeps no view of a chunk past the next (an
 * unfinished line's piece is copied), so a gigabyte read is not a gigabyte of garbage or of fresh pages.
 */
function* chunksOf(source: ByteSource): Generator<Buffer> {
  if ("buffer" in source) {
    if (source.buffer.byteLength > 0) yield Buffer.from(source.buffer.buffer, source.buffer.byteOffset, source.buffer.byteLength);
    return;
  }
  const fd = openSync(source.path, "r");
  try {
    const chunk = Buffer.allocUnsafeSlow(READ_CHUNK_BYTES);
    for (let left = source.length ?? Infinity; left > 0; ) {
      const read = readSync(fd, chunk, 0, Math.min(READ_CHUNK_BYTES, left), null);
      if (read === 0) return;
      left -= read;
      yield chunk.subarray(0, read);
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

/**
 * The start of a line not yet ended: copies of its pieces from earlier chunks (the chunk's buffer is
 * read into again), joined only once it ends.
 */
class UnfinishedLine {
  private pieces: Buffer[] = [];
  private length = 0;
  /** Bytes skipped of a line past MAX_LINE_BYTES (its pieces are let go). */
  skipped = 0;
  offset = 0;

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
    this.pieces.push(Buffer.from(piece));
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
 * The lines of a source, one `next()` a line: a plain method, not a generator, since it runs once a
 * line of a gigabyte file (a generator's resume and its result object are paid on every step).
 * `head()` comes first: it reads the first chunk and says what the file starts with.
 */
export class LineSplitter {
  private readonly unfinished = new UnfinishedLine();
  private readonly chunks: Generator<Buffer>;
  /** The chunk being split, from `start`; undefined between chunks. */
  private data: Buffer | undefined;
  private dataOffset = 0;
  private start = 0;
  private chunkOffset = 0;
  private lineNumber = 1;
  private ended = false;

  constructor(source: ByteSource) {
    // Lines are given decoded (and `raw` is a copy), an unfinished line's pieces copied: nothing views a chunk.
    this.chunks = chunksOf(source);
  }

  /** What the file starts with; a binary or empty file has no lines after it. */
  head(): FileHead {
    const first = this.chunks.next();
    if (first.done) {
      this.ended = true;
      return { hasByteOrderMark: false, nulOffset: undefined, empty: true };
    }
    let data = first.value;
    this.chunkOffset = data.length;
    const hasByteOrderMark = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
    const nul = data.indexOf(0);
    if (nul !== -1) {
      this.close();
      return { hasByteOrderMark, nulOffset: nul, empty: false };
    }
    if (hasByteOrderMark) {
      data = data.subarray(3);
      this.dataOffset = 3;
    }
    this.data = data;
    return { hasByteOrderMark, nulOffset: undefined, empty: false };
  }

  /** The next line, or undefined at the end. A final line without a terminator has `eol: ""`; an empty tail is no line. */
  next(): Line | undefined {
    for (;;) {
      const data = this.data;
      if (data !== undefined) {
        const start = this.start;
        const nl = data.indexOf(NEWLINE, start);
        if (nl !== -1) {
          this.start = nl + 1;
          if (this.unfinished.empty && nl - start <= MAX_LINE_BYTES) return this.whole(data, start, nl, this.dataOffset + start);
          const offset = this.unfinished.empty ? this.dataOffset + start : this.unfinished.offset;
          const { bytes, skipped } = this.unfinished.finish(data.subarray(start, nl));
          return this.joined(bytes, skipped, offset, true);
        }
        if (start < data.length) this.unfinished.add(data.subarray(start), this.dataOffset + start);
        this.data = undefined;
      }
      if (this.ended) return undefined;
      const chunk = this.chunks.next();
      if (chunk.done) {
        this.ended = true;
        if (this.unfinished.empty) return undefined;
        const offset = this.unfinished.offset;
        const { bytes, skipped } = this.unfinished.finish(Buffer.alloc(0));
        return this.joined(bytes, skipped, offset, false);
      }
      this.data = chunk.value;
      this.dataOffset = this.chunkOffset;
      this.chunkOffset += chunk.value.length;
      this.start = 0;
    }
  }

  /** Stops reading: the file is closed (reading to the end closes it too). */
  close(): void {
    this.ended = true;
    this.data = undefined;
    this.chunks.return(undefined);
  }

  /** A line that lies whole in `data` (the common case): decoded in place, with no view made of it. */
  private whole(data: Buffer, start: number, end: number, offset: number): Line {
    const crlf = end > start && data[end - 1] === CARRIAGE_RETURN;
    return lineOf(data, start, crlf ? end - 1 : end, offset, this.lineNumber++, crlf ? "\r\n" : "\n");
  }

  /** A line joined from pieces of several chunks, or one past MAX_LINE_BYTES (`bytes` undefined). */
  private joined(bytes: Buffer | undefined, skipped: number, offset: number, ended: boolean): Line {
    const crlf = ended && bytes !== undefined && bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN;
    const eol = ended ? (crlf ? "\r\n" : "\n") : "";
    if (bytes === undefined) return { text: "", bytes: skipped, offset, line: this.lineNumber++, eol, tooLong: true };
    return lineOf(bytes, 0, crlf ? bytes.length - 1 : bytes.length, offset, this.lineNumber++, eol);
  }
}

/**
 * Yields the lines of a source. The first value yielded is the file head; then one `Line` a line.
 * A final line without a terminator is yielded with `eol: ""`; an empty tail yields nothing.
 */
export function* splitLines(source: ByteSource): Generator<FileHead | Line> {
  const lines = new LineSplitter(source);
  try {
    yield lines.head();
    for (let line = lines.next(); line; line = lines.next()) yield line;
  } finally {
    lines.close();
  }
}
