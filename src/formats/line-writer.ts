// Writes a JSONL file's edits as a stream of pieces: bytes no edit touches are copied as ranges of the
// source, so the same writer serves a file held whole and one read from disk a range at a time.
import type { Edit } from "./adapter.js";

/** A unit of the file that edits address: a JSONL record, or an element of a document's array. */
export interface Unit {
  offset: number;
  length: number;
  value: unknown;
}

/** The bytes a writer reads from: a buffer held whole, or a file read at the ranges asked for. */
export interface LineSource {
  size: number;
  /** The bytes from `start` to `end` (all of them: a source that ends first throws). */
  read(start: number, end: number): Buffer;
  /** Whether the source holds a CRLF anywhere (new records then end their lines with one). */
  hasCrlf(): boolean;
  /** Every unit, in file order. */
  units(): Iterable<Unit>;
  /** A unit out of its order (one an edit moves), with the offset of the unit after it (or the size). */
  unitAt(index: number): { unit: Unit; next: number } | undefined;
}

/** Where the result goes: new bytes, or a range of the source copied as it is. */
export interface LineSink {
  write(bytes: Buffer): void;
  copy(start: number, end: number): void;
}

export interface LineStyle {
  /** Serialises a new record on one line; called in output order. */
  serialize(value: unknown, position: number): string;
  /**
   * Rewrites original record `index` now at `position`, or returns its bytes unchanged; called in output
   * order. Bytes, not text: a record with invalid UTF-8 in it must not come back with U+FFFD instead.
   */
  renumber?(bytes: Buffer, value: unknown, position: number, index: number): Buffer;
}

/** A range of the source, `[start, end)`. */
interface Range {
  start: number;
  end: number;
}
type Piece = Buffer | Range;

/** One piece of the result: an original unit (by index), a new value, or the gap an original unit leaves. */
type Entry = { kind: "original"; index: number } | { kind: "new"; value: unknown } | { kind: "gap"; index: number };

/** The edits by the unit they act at: what goes after it, what replaces it, which units leave their place. */
class EditPlan {
  readonly after = new Map<number, Entry[]>();
  readonly replaced = new Map<number, unknown>();
  readonly taken = new Set<number>();

  constructor(edits: readonly Edit[]) {
    const insertAfter = (position: number, entry: Entry) => this.after.set(position, [...(this.after.get(position) ?? []), entry]);
    for (const edit of edits) {
      if (edit.op === "insert") insertAfter(edit.after, { kind: "new", value: edit.value });
      else if (edit.op === "remove") this.taken.add(edit.record);
      else if (edit.op === "replace") this.replaced.set(edit.record, edit.value);
      else if (edit.op === "move") {
        this.taken.add(edit.record);
        insertAfter(edit.after, { kind: "original", index: edit.record });
      }
    }
  }

  /** The entries unit `index` stands for, in output order: itself (or its replacement), its gap, what follows it. */
  entriesOf(index: number): Entry[] {
    const own: Entry[] = [];
    if (this.replaced.has(index)) own.push({ kind: "new", value: this.replaced.get(index) });
    else if (!this.taken.has(index)) own.push({ kind: "original", index });
    return [...own, { kind: "gap", index }, ...(this.after.get(index) ?? [])];
  }
}

const isBlankByte = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0d;
const SCAN_BYTES = 64 * 1024;

/** Reads `[start, end)` a chunk at a time until `stop` says where it stopped; undefined when it never did. */
function scan(source: LineSource, start: number, end: number, stop: (byte: number) => boolean): number | undefined {
  for (let at = start; at < end; at += SCAN_BYTES) {
    const chunk = source.read(at, Math.min(end, at + SCAN_BYTES));
    for (let i = 0; i < chunk.length; i += 1) if (stop(chunk[i] as number)) return at + i;
  }
  return undefined;
}

/**
 * The bytes after a unit up to the next one: its own line terminator, then its gap. Only blanks before
 * the newline belong to the unit: anything else on the rest of its line (a record that did not parse)
 * is gap, and stays when the unit is removed.
 */
function splitTail(source: LineSource, unit: Unit, next: number): { terminator: Range; gap: Range } {
  const start = unit.offset + unit.length;
  const stopped = scan(source, start, next, (b) => b === 0x0a || !isBlankByte(b));
  const own = stopped === undefined ? next : source.read(stopped, stopped + 1)[0] === 0x0a ? stopped + 1 : start;
  return { terminator: { start, end: own }, gap: { start: own, end: next } };
}

/** `[start, end)` less the ranges dropped (which lie outside every record). */
function keepUndropped(start: number, end: number, dropped: readonly { offset: number; length: number }[]): Range[] {
  const cuts = dropped.filter((d) => d.offset < end && d.offset + d.length > start).sort((a, b) => a.offset - b.offset);
  const kept: Range[] = [];
  let at = start;
  for (const cut of cuts) {
    if (cut.offset > at) kept.push({ start: at, end: cut.offset });
    at = Math.max(at, cut.offset + cut.length);
  }
  if (at < end) kept.push({ start: at, end });
  return kept;
}

const lengthOf = (piece: Piece) => (Buffer.isBuffer(piece) ? piece.length : piece.end - piece.start);

/**
 * JSONL: a record is written with its own line terminator; what follows that terminator up to the next
 * record (blank lines, lines that did not parse) is its gap and stays where it was. What follows the
 * last record (a record cut by a crash) stays the file's tail: a record inserted after the last one
 * goes before it, so the tail reads the same as before.
 */
export function streamLines(source: LineSource, edits: readonly Edit[], style: LineStyle, sink: LineSink): void {
  const dropped = edits.flatMap((edit) => (edit.op === "drop-bytes" ? [edit] : []));
  const ownLine = new Set(edits.flatMap((edit) => (edit.op === "own-line" ? [edit.record] : [])));
  const plan = new EditPlan(edits);
  let eol: Buffer | undefined;
  let endsLine = true;
  // Records that shared a line stay on it while nothing comes between them.
  let previousOriginal = -2;
  let position = 0;
  const push = (pieces: Piece[], followsItsNeighbour: boolean) => {
    const last = pieces.filter((piece) => lengthOf(piece) > 0).at(-1);
    if (!last) return;
    if (!endsLine && !followsItsNeighbour) sink.write((eol ??= Buffer.from(source.hasCrlf() ? "\r\n" : "\n")));
    for (const piece of pieces) {
      if (Buffer.isBuffer(piece)) sink.write(piece);
      else if (piece.end > piece.start) sink.copy(piece.start, piece.end);
    }
    endsLine = (Buffer.isBuffer(last) ? last[last.length - 1] : source.read(last.end - 1, last.end)[0]) === 0x0a;
  };
  const emit = (entry: Entry, here: { index: number; unit: Unit; next: number }) => {
    if (entry.kind === "gap") {
      const { gap } = splitTail(source, here.unit, here.next);
      push(keepUndropped(gap.start, gap.end, dropped), true);
    } else if (entry.kind === "new") {
      push([Buffer.from(style.serialize(entry.value, position++) + (source.hasCrlf() ? "\r\n" : "\n"))], false);
      previousOriginal = -2;
    } else {
      const { unit, next } = entry.index === here.index ? here : (source.unitAt(entry.index) as { unit: Unit; next: number });
      const { terminator } = splitTail(source, unit, next);
      const range = { start: unit.offset, end: unit.offset + unit.length };
      const rewritten = style.renumber?.(source.read(range.start, range.end), unit.value, position++, entry.index);
      push([rewritten ?? range, terminator], previousOriginal === entry.index - 1 && !ownLine.has(entry.index));
      previousOriginal = entry.index;
    }
  };
  let index = -1;
  let current: Unit | undefined;
  const iterator = source.units()[Symbol.iterator]();
  const visit = (unit: Unit, next: number, last: boolean) => {
    const here = { index, unit, next };
    const entries = plan.entriesOf(index);
    const gapAt = entries.findIndex((entry) => entry.kind === "gap");
    const tailMoves = last && gapAt < entries.length - 1 && scan(source, splitTail(source, unit, next).gap.start, next, (b) => b !== 0x0a && !isBlankByte(b)) !== undefined;
    const ordered = tailMoves ? [...entries.slice(0, gapAt), ...entries.slice(gapAt + 1), entries[gapAt] as Entry] : entries;
    for (const entry of ordered) emit(entry, here);
  };
  for (let step = iterator.next(); ; ) {
    const unit = step.done ? undefined : step.value;
    if (index === -1) {
      // What comes before the first record is copied as it is (less what is dropped), whatever it ends with.
      for (const range of keepUndropped(0, unit?.offset ?? source.size, dropped)) sink.copy(range.start, range.end);
      for (const entry of plan.after.get(-1) ?? []) emit(entry, { index: -1, unit: { offset: 0, length: 0, value: undefined }, next: 0 });
    } else visit(current as Unit, unit?.offset ?? source.size, unit === undefined);
    if (!unit) break;
    current = unit;
    index += 1;
    step = iterator.next();
  }
}

/** A buffer held whole as a source, its units given. */
export function bufferSource(bytes: Buffer, units: readonly Unit[]): LineSource {
  let crlf: boolean | undefined;
  return {
    size: bytes.length,
    read: (start, end) => bytes.subarray(start, end),
    hasCrlf: () => (crlf ??= bytes.includes("\r\n")),
    units: () => units,
    unitAt: (index) => {
      const unit = units[index];
      return unit ? { unit, next: units[index + 1]?.offset ?? bytes.length } : undefined;
    },
  };
}

/** Collects the result in memory: ranges become views of the source buffer. */
export function writeToBuffer(source: LineSource, write: (sink: LineSink) => void): Buffer {
  const parts: Buffer[] = [];
  write({ write: (bytes) => parts.push(bytes), copy: (start, end) => parts.push(source.read(start, end)) });
  return Buffer.concat(parts);
}
