// Turns record-level edits into bytes: untouched units are copied from the original, never re-serialised.
import type { Edit } from "./adapter.js";
import { bufferSource, streamLines, writeToBuffer, type LineStyle, type Unit } from "./line-writer.js";

export type { LineStyle, Unit } from "./line-writer.js";

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

/** JSONL: the edits written through the streamed writer (line-writer.ts) into one buffer. */
export function writeLines(bytes: Buffer, units: readonly Unit[], edits: readonly Edit[], style: LineStyle): Buffer {
  if (edits.length === 0) return bytes;
  const source = bufferSource(bytes, units);
  return writeToBuffer(source, (sink) => streamLines(source, edits, style, sink));
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
