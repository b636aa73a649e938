// Turns record-level edits into bytes: untouched units are copied from the original, never re-serialised.
import type { Edit } from "./adapter.js";

/** A unit of the file that edits address: a JSONL record, or an element of a document's array. */
export interface Unit {
  offset: number;
  length: number;
  value: unknown;
}

/**
 * One piece of the result: an original unit (by index), a new value, or the gap an original unit leaves
 * where it stood (the bytes after its own line terminator: blank lines, lines that did not parse).
 */
export type Entry =
  | { kind: "original"; index: number; value: unknown }
  | { kind: "new"; value: unknown }
  | { kind: "gap"; index: number };

/** The bytes from `start` to `end`, less the ranges dropped (which lie outside every record). */
function keepUndropped(bytes: Buffer, start: number, end: number, dropped: readonly { offset: number; length: number }[]): Buffer {
  const cuts = dropped.filter((d) => d.offset < end && d.offset + d.length > start).sort((a, b) => a.offset - b.offset);
  if (cuts.length === 0) return bytes.subarray(start, end);
  const pieces: Buffer[] = [];
  let at = start;
  for (const cut of cuts) {
    if (cut.offset > at) pieces.push(bytes.subarray(at, cut.offset));
    at = Math.max(at, cut.offset + cut.length);
  }
  if (at < end) pieces.push(bytes.subarray(at, end));
  return Buffer.concat(pieces);
}

/** The units in their new order after the edits. Gaps always stay at their original place. */
export function planEntries(units: readonly Unit[], edits: readonly Edit[]): Entry[] {
  const after = new Map<number, Entry[]>();
  const replaced = new Map<number, unknown>();
  const taken = new Set<number>();
  const insertAfter = (position: number, entry: Entry) => after.set(position, [...(after.get(position) ?? []), entry]);
  for (const edit of edits) {
    if (edit.op === "insert") insertAfter(edit.after, { kind: "new", value: edit.value });
    else if (edit.op === "remove") taken.add(edit.record);
    else if (edit.op === "replace") replaced.set(edit.record, edit.value);
    else if (edit.op === "move") {
      taken.add(edit.record);
      insertAfter(edit.after, { kind: "original", index: edit.record, value: units[edit.record]?.value });
    }
  }
  const entries: Entry[] = [...(after.get(-1) ?? [])];
  units.forEach((unit, index) => {
    if (replaced.has(index)) entries.push({ kind: "new", value: replaced.get(index) });
    else if (!taken.has(index)) entries.push({ kind: "original", index, value: unit.value });
    entries.push({ kind: "gap", index }, ...(after.get(index) ?? []));
  });
  return entries;
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

/**
 * JSONL: a record is written with its own line terminator; what follows that terminator up to the next
 * record (blank lines, lines that did not parse) is its gap and stays where it was.
 */
export function writeLines(bytes: Buffer, units: readonly Unit[], edits: readonly Edit[], style: LineStyle): Buffer {
  if (edits.length === 0) return bytes;
  const eol = bytes.includes("\r\n") ? "\r\n" : "\n";
  const dropped = edits.flatMap((edit) => (edit.op === "drop-bytes" ? [edit] : []));
  const ownLine = new Set(edits.flatMap((edit) => (edit.op === "own-line" ? [edit.record] : [])));
  const keep = (start: number, end: number): Buffer => keepUndropped(bytes, start, end, dropped);
  const parts: Buffer[] = [keep(0, units[0]?.offset ?? bytes.length)];
  let endsLine = true;
  // Records that shared a line stay on it while nothing comes between them.
  let previousOriginal = -2;
  const push = (chunk: Buffer, followsItsNeighbour: boolean) => {
    if (chunk.length === 0) return;
    if (!endsLine && !followsItsNeighbour) parts.push(Buffer.from(eol));
    parts.push(chunk);
    endsLine = chunk[chunk.length - 1] === 0x0a;
  };
  let position = 0;
  for (const entry of tailLast(planEntries(units, edits), bytes, units)) {
    if (entry.kind === "gap") {
      const [, gap] = splitTail(bytes, units, entry.index);
      push(keep(gap.byteOffset - bytes.byteOffset, gap.byteOffset - bytes.byteOffset + gap.length), true);
      continue;
    }
    if (entry.kind === "new") {
      push(Buffer.from(style.serialize(entry.value, position++) + eol), false);
      previousOriginal = -2;
      continue;
    }
    const unit = units[entry.index] as Unit;
    const [terminator] = splitTail(bytes, units, entry.index);
    const text = bytes.subarray(unit.offset, unit.offset + unit.length);
    const rewritten = style.renumber?.(text, unit.value, position++, entry.index) ?? text;
    push(Buffer.concat([rewritten, terminator]), previousOriginal === entry.index - 1 && !ownLine.has(entry.index));
    previousOriginal = entry.index;
  }
  return Buffer.concat(parts);
}

/**
 * What follows the last record (a record cut by a crash, a line that did not parse) stays the file's
 * tail: a record inserted after the last one goes before it, so the tail reads the same as before.
 */
function tailLast(entries: Entry[], bytes: Buffer, units: readonly Unit[]): Entry[] {
  const last = units.length - 1;
  if (last < 0) return entries;
  const at = entries.findIndex((entry) => entry.kind === "gap" && entry.index === last);
  const tail = splitTail(bytes, units, last)[1];
  if (at === -1 || at === entries.length - 1 || tail.every((b) => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a)) return entries;
  return [...entries.slice(0, at), ...entries.slice(at + 1), entries[at] as Entry];
}

/**
 * The bytes after unit `index` up to the next unit: its own line terminator, then its gap. Only blanks
 * before the newline belong to the unit: anything else on the rest of its line (a record that did not
 * parse) is gap, and stays when the unit is removed.
 */
function splitTail(bytes: Buffer, units: readonly Unit[], index: number): [Buffer, Buffer] {
  const unit = units[index] as Unit;
  const end = unit.offset + unit.length;
  const tail = bytes.subarray(end, units[index + 1]?.offset ?? bytes.length);
  const newline = tail.indexOf(0x0a);
  const lineRest = newline === -1 ? tail : tail.subarray(0, newline);
  const ownTerminator = !isBlank(lineRest) ? 0 : newline === -1 ? tail.length : newline + 1;
  return [tail.subarray(0, ownTerminator), tail.subarray(ownTerminator)];
}

function isBlank(bytes: Buffer): boolean {
  return bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0d);
}

/**
 * A JSON document: the array's elements are joined with the separator the file already uses between its
 * first two elements, so untouched elements keep their bytes and the array stays valid JSON. Bytes
 * dropped (a byte order mark, junk after the body) lie outside the array: before its first element or after its last.
 */
export function writeDocument(
  bytes: Buffer,
  units: readonly Unit[],
  edits: readonly Edit[],
  array: { open: number; close: number; serialize(value: unknown): string },
): Buffer {
  if (edits.length === 0) return bytes;
  const dropped = edits.flatMap((edit) => (edit.op === "drop-bytes" ? [edit] : []));
  const first = units[0];
  const last = units[units.length - 1];
  const separator = units.length >= 2 ? bytes.subarray((first as Unit).offset + (first as Unit).length, (units[1] as Unit).offset) : separatorFor(bytes, first);
  const prefix = keepUndropped(bytes, 0, first ? first.offset : array.open + 1, dropped);
  const suffix = keepUndropped(bytes, last ? last.offset + last.length : array.close, bytes.length, dropped);
  const texts = planEntries(units, edits).flatMap((entry) => {
    if (entry.kind === "gap") return [];
    if (entry.kind === "new") return [Buffer.from(array.serialize(entry.value))];
    const unit = units[entry.index] as Unit;
    return [bytes.subarray(unit.offset, unit.offset + unit.length)];
  });
  const body = texts.flatMap((text, i) => (i === 0 ? [text] : [separator, text]));
  return Buffer.concat([prefix, ...body, suffix]);
}

/** With fewer than two elements there is no separator to copy: a pretty-printed array gets a new line. */
function separatorFor(bytes: Buffer, only: Unit | undefined): Buffer {
  if (!only) return Buffer.from(", ");
  const lineStart = bytes.lastIndexOf(0x0a, only.offset) + 1;
  const indent = bytes.toString("utf8", lineStart, only.offset);
  return Buffer.from(lineStart > 0 && indent.trim() === "" ? `,\n${indent}` : ", ");
}
