// A file's records by where they are, not what they hold: a request of a large history reads each
// record again from the file when it writes it, so replay never holds the parsed file.
import { closeSync, openSync } from "node:fs";
import { isObject } from "../formats/json-shape.js";
import { readRangeInto, type ByteSource, type RawRecord } from "../read/index.js";
import type { RecordValues } from "./native-units.js";

export class RecordSpans implements RecordValues {
  /** Spans by record index, in typed arrays grown by doubling: a number array of 200,000 is 8 bytes an entry and copies as it grows. */
  private offsets = new Float64Array(1024).fill(-1);
  private lengths = new Int32Array(1024);
  /** Records whose bytes are not one JSON text of their own (a shared or split line, a BOM before the first): kept as read. */
  private readonly held = new Map<number, unknown>();
  private fd: number | undefined;
  /** One buffer for every record read, grown to the longest: a buffer a record would be garbage by the next. */
  private scratch = Buffer.alloc(0);

  constructor(private readonly source: ByteSource) {}

  add(record: RawRecord): void {
    if (record.index === 0 || record.sharesLine || record.spansLines || !isObject(record.value)) this.held.set(record.index, record.value);
    else {
      if (record.index >= this.offsets.length) this.grow(record.index + 1);
      this.offsets[record.index] = record.span.offset;
      this.lengths[record.index] = record.span.length;
    }
  }

  value(index: number): unknown {
    if (this.held.has(index)) return this.held.get(index);
    const offset = this.offsets[index];
    const length = this.lengths[index];
    if (offset === undefined || offset < 0 || length === undefined) return undefined;
    return JSON.parse(this.text(offset, length));
  }

  private grow(least: number): void {
    const capacity = Math.max(least, 2 * this.offsets.length);
    const offsets = new Float64Array(capacity).fill(-1);
    offsets.set(this.offsets);
    const lengths = new Int32Array(capacity);
    lengths.set(this.lengths);
    this.offsets = offsets;
    this.lengths = lengths;
  }

  private text(offset: number, length: number): string {
    if ("buffer" in this.source) return Buffer.from(this.source.buffer.buffer, this.source.buffer.byteOffset + offset, length).toString("utf8");
    this.fd ??= openSync(this.source.path, "r");
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, 2 * this.scratch.length));
    if (readRangeInto(this.fd, this.scratch, offset, length) < length) throw new Error(`${this.source.path} is shorter than when it was read: replay needs it unchanged while it runs`);
    return this.scratch.toString("utf8", 0, length);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
