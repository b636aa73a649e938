// A file on disk as the JSONL writer's source, and a file as its sink: a streamed fix copies the bytes
// no edit touches a chunk at a time, and reads a record only when an edit rewrites it.
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import type { LineSink, LineSource, Unit } from "../formats/index.js";
import { readRange, readRecords, type RawRecord } from "../read/index.js";

/** One version of the file being fixed: the original (read no further than its size then) or a pass's temporary. */
export interface FileVersion {
  path: string;
  size: number;
}

const unitOf = (record: RawRecord): Unit => ({ offset: record.span.offset, length: record.span.length, value: record.value });

/** Every record of a version, read again in order. */
export function* recordsOfVersion(version: FileVersion): Generator<RawRecord> {
  for (const event of readRecords({ path: version.path, length: version.size })) if (event.record) yield event.record;
}

/**
 * `version` open at `fd` as a source. `moved` holds the records an edit takes out of their order, with
 * the record after each (for where its line ends): fetched before the write, since the stream reaches
 * them only later.
 */
export function fileSource(fd: number, version: FileVersion, moved: ReadonlyMap<number, RawRecord>): LineSource {
  let crlf: boolean | undefined;
  return {
    size: version.size,
    read(start, end) {
      const bytes = readRange(fd, start, end);
      if (bytes.length < end - start) throw new Error(`${version.path} is shorter than when it was read: the repair needs it unchanged while it is written`);
      return bytes;
    },
    hasCrlf: () => (crlf ??= holdsCrlf(fd, version.size)),
    units: () => mapRecords(recordsOfVersion(version)),
    unitAt(index) {
      const record = moved.get(index);
      if (!record) return undefined;
      return { unit: unitOf(record), next: moved.get(index + 1)?.span.offset ?? version.size };
    },
  };
}

function* mapRecords(records: Iterable<RawRecord>): Generator<Unit> {
  for (const record of records) yield unitOf(record);
}

const CHUNK_BYTES = 1 << 20;

/** Whether `\r\n` occurs in the first `size` bytes, read a chunk at a time (a CR at a chunk's end is carried). */
function holdsCrlf(fd: number, size: number): boolean {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let carriedCr = false;
  for (let at = 0; at < size; ) {
    const read = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, size - at), at);
    if (read === 0) break;
    if ((carriedCr && chunk[0] === 0x0a) || chunk.subarray(0, read).includes("\r\n")) return true;
    carriedCr = chunk[read - 1] === 0x0d;
    at += read;
  }
  return false;
}

/**
 * Writes the result to `out`, buffered, and keeps track of whether it is still byte for byte the source
 * (a pass that changes nothing is not a pass): a range copied to where it came from is, new bytes are
 * compared with the source's at their place; no comparison of the whole file.
 */
export class FileSink implements LineSink {
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private written = 0;
  private identical = true;

  constructor(
    private readonly out: number,
    private readonly source: LineSource,
  ) {}

  write(bytes: Buffer): void {
    if (this.identical) this.identical = this.written + bytes.length <= this.source.size && this.source.read(this.written, this.written + bytes.length).equals(bytes);
    this.append(bytes);
  }

  copy(start: number, end: number): void {
    if (this.identical) this.identical = start === this.written;
    for (let at = start; at < end; at += CHUNK_BYTES) this.append(this.source.read(at, Math.min(end, at + CHUNK_BYTES)));
  }

  /** Writes what is buffered; true when the result is the source unchanged. */
  finish(): boolean {
    this.flush();
    return this.identical && this.written === this.source.size;
  }

  get size(): number {
    return this.written;
  }

  private append(bytes: Buffer): void {
    if (this.used + bytes.length > this.buffer.length) this.flush();
    if (bytes.length >= this.buffer.length) writeFully(this.out, bytes);
    else {
      bytes.copy(this.buffer, this.used);
      this.used += bytes.length;
    }
    this.written += bytes.length;
  }

  private flush(): void {
    writeFully(this.out, this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

function writeFully(fd: number, data: Buffer): void {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
}

/** The records of a version at these indices, read again (and no further than the last of them). */
export function* recordsAtVersion(version: FileVersion, indices: ReadonlySet<number>): Generator<RawRecord> {
  let last = -1;
  for (const index of indices) last = Math.max(last, index);
  for (const record of recordsOfVersion(version)) {
    if (indices.has(record.index)) yield record;
    if (record.index >= last) return;
  }
}

/** Whether two files hold the same bytes, read a chunk at a time. */
export function sameBytes(a: FileVersion, b: FileVersion): boolean {
  if (a.size !== b.size) return false;
  const fa = openSync(a.path, "r");
  const fb = openSync(b.path, "r");
  try {
    for (let at = 0; at < a.size; at += CHUNK_BYTES) {
      const end = Math.min(a.size, at + CHUNK_BYTES);
      if (!readRange(fa, at, end).equals(readRange(fb, at, end))) return false;
    }
    return true;
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}
