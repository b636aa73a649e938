// What the document formats share: the body's array elements as editable units with their file positions.
import type { HistoryEvent, Item, RequestContext, Source } from "../history/index.js";
import { locateArray, locateIndices, type RawRecord, type TextPosition, stringifyJson } from "../read/index.js";
import type { Edit, HistoryContext, HistoryStream } from "./adapter.js";
import { isObject, type JsonObject } from "./json-shape.js";
import { writeDocument, writeLines, type Unit } from "./writer.js";

/** The array a document format edits: `key` of the body object, or the document itself when it is an array. */
export interface DocumentArray {
  key: string;
  record: RawRecord;
  values: unknown[];
  /** Pointer of the array in the record (`/input`, `/messages`, or "" for a bare array). */
  pointer: string;
}

export function documentArray(records: readonly RawRecord[], key: string): DocumentArray | undefined {
  const record = records[0];
  if (!record || records.length !== 1) return undefined;
  if (Array.isArray(record.value)) return { key, record, values: record.value, pointer: "" };
  if (isObject(record.value) && Array.isArray(record.value[key])) {
    return { key, record, values: record.value[key] as unknown[], pointer: `/${key}` };
  }
  return undefined;
}

/** Positions of the array's elements in the file: exact where the array is found in the bytes, else the record's start. */
export function elementPositions(array: DocumentArray, bytes: Buffer): { offset: number; length: number; line: number; column: number }[] {
  const span = array.record.span;
  const raw = bytes.subarray(span.offset, span.offset + span.length);
  const text = raw.toString("utf8");
  const location = locateArray(text, array.pointer === "" ? undefined : array.key);
  if (!location || location.elements.length !== array.values.length) return array.values.map(() => ({ ...span }));
  const bounds = locateIndices(text, location.elements.flatMap((element) => [element.start, element.end]), raw);
  return location.elements.map((_, i) => {
    const start = bounds[2 * i] as TextPosition;
    const end = bounds[2 * i + 1] as TextPosition;
    const line = span.line + start.line - 1;
    const column = start.line === 1 ? span.column + start.column - 1 : start.column;
    return { offset: span.offset + start.offset, length: end.offset - start.offset, line, column };
  });
}

/** The body of a single-document file, when it is an object. */
export function documentBody(records: readonly RawRecord[]): JsonObject | undefined {
  const value = records.length === 1 ? records[0]?.value : undefined;
  return isObject(value) ? value : undefined;
}

export interface DocumentHistoryOptions {
  /** The array of the body that holds the conversation (`input`, `messages`). */
  key: string;
  /** Items of one element of that array, at `source` (the element's pointer and position). */
  itemsOf(value: unknown, index: number, source: Source): Item[];
  /** Request-level facts from the body. */
  request(body: JsonObject): RequestContext;
}

/** The history of a request body: the items of each array element, in order, at their own positions. */
export function documentHistory(records: Iterable<RawRecord>, context: HistoryContext, options: DocumentHistoryOptions): HistoryStream {
  const all = [...records];
  const array = documentArray(all, options.key);
  const body = documentBody(all);
  function* events(): Generator<HistoryEvent> {
    if (!array) return;
    // Without the bytes every element sits at the record's start: no list of positions, whose cost would grow
    // with the elements before `fromElement` (a continued body is read for the elements it adds).
    const positions = context.bytes ? elementPositions(array, context.bytes) : undefined;
    for (let i = context.fromElement ?? 0; i < array.values.length; i += 1) {
      const value = array.values[i];
      const at = positions ? (positions[i] as { line: number; column: number }) : array.record.span;
      yield* options.itemsOf(value, i, { record: array.record.index, pointer: `${array.pointer}/${i}`, line: at.line, column: at.column });
    }
  }
  // Asked once a rule an analysis, and again at every continued body of the mock: the body never changes, so neither does this.
  let request: RequestContext | undefined;
  return { events: events(), request: () => (body ? (request ??= options.request(body)) : undefined) };
}

/** Edits address the array's elements; a file of one item a line edits its lines instead. */
export function applyDocumentEdits(bytes: Buffer, records: readonly RawRecord[], edits: readonly Edit[], key: string): Buffer {
  const array = documentArray(records, key);
  if (!array) {
    const units = records.map((record) => ({ offset: record.span.offset, length: record.span.length, value: record.value }));
    return writeLines(bytes, units, edits, { serialize: (value) => stringifyJson(value) });
  }
  const positions = elementPositions(array, bytes);
  const units: Unit[] = positions.map((position, i) => ({ offset: position.offset, length: position.length, value: array.values[i] }));
  const span = array.record.span;
  const raw = bytes.subarray(span.offset, span.offset + span.length);
  const text = raw.toString("utf8");
  const location = locateArray(text, array.pointer === "" ? undefined : key);
  const [open, close] = locateIndices(text, [location?.open ?? 0, location?.close ?? 0], raw);
  const byteAt = (position: TextPosition | undefined) => span.offset + (position?.offset ?? 0);
  // New elements follow the file's style: indented like the first element, or compact when it is.
  const first = units[0];
  const compact = first !== undefined && !bytes.subarray(first.offset, first.offset + first.length).includes(0x0a);
  const indent = compact ? undefined : indentationOf(bytes, first);
  return writeDocument(bytes, units, edits, {
    open: byteAt(open),
    close: byteAt(close),
    serialize: (value) => (indent === undefined ? stringifyJson(value) : stringifyJson(value, 2).replace(/\n/g, `\n${indent}`)),
  });
}

/** The white space before a unit on its line, when the unit starts a line (a pretty-printed body). */
function indentationOf(bytes: Buffer, unit: Unit | undefined): string | undefined {
  if (!unit) return undefined;
  const lineStart = bytes.lastIndexOf(0x0a, unit.offset) + 1;
  const before = bytes.toString("utf8", lineStart, unit.offset);
  return lineStart > 0 && before.trim() === "" ? before : undefined;
}
