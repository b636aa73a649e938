// A body that repeats a kept one byte for byte up to the end of its array's last element, adds elements,
// and ends with the same bytes after the array: its record is the kept one's with only the added elements
// parsed. Parsing the whole body again cost more than everything else a continued request does.
import { adapterFor } from "../formats/index.js";
import type { FormatName } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import { MAX_LINE_BYTES } from "../read/lines.js";

/** What is kept of a body read as one record on a line of its own, to read a longer one from. */
export interface KeptBody {
  record: RawRecord;
  /** The body's array. */
  key: string;
  /** The text after the prefix (from the end of the array's last element), in bytes and in UTF-16 units. */
  restBytes: number;
  restChars: number;
  /** The text from the array's closing bracket to the end of the body. */
  tail: string;
}

/**
 * What a longer body is read from: `rest` is the body's text after the prefix, its array closing at `close` in it.
 * The tail is kept as a string of its own, or as `previous` (the tail kept from the body before) when it is the same
 * text: a slice would hold all of `rest` (V8's sliced strings keep their parent), and `rest` holds the request's tools,
 * kilobytes a request that lived through scavenges with the entry and died in the old generation.
 */
export function keptBody({ record, key, rest, restBytes, close, previous }: { record: RawRecord; key: string; rest: string; restBytes: number; close: number; previous?: KeptBody }): KeptBody {
  const tail = rest.slice(close);
  return { record, key, restBytes, restChars: rest.length, tail: tail === previous?.tail ? previous.tail : ownCopy(tail) };
}

/** A copy of `text` that holds nothing else: decoded anew from its bytes. */
function ownCopy(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

/**
 * The record reading the whole body gives, where its last added element ends in `rest` (0 when none is added) and where
 * the array closes in it; undefined when this shortcut cannot be sure of it (the caller then reads the body whole).
 * `rest` is the body's text after the kept prefix, which ends with an element's last (ASCII) byte, so it decodes as
 * the whole body's text does.
 *
 * The added elements are not scanned: the body must end with the kept tail (from the array's closing bracket on), so
 * the array closes where that tail starts, and `JSON.parse` of what comes before it, inside brackets, both checks that
 * it is a list of elements and gives them (scanning them first cost as much as parsing them).
 */
export function continuedRecord(format: FormatName, kept: KeptBody, rest: string, restBytes: number): { record: RawRecord; last: number; close: number } | undefined {
  const { record, key, tail } = kept;
  // A record over several lines or beside another one has a span this shortcut does not compute.
  if (record.spansLines || record.sharesLine) return undefined;
  if (rest.length < tail.length || !rest.endsWith(tail)) return undefined;
  const close = rest.length - tail.length;
  const addedText = rest.slice(0, close);
  // A line break would make the reader see other lines. (A NUL byte, which would make it see no text, cannot be in text JSON.parse takes.)
  if (addedText.includes("\n") || addedText.includes("\r")) return undefined;
  const comma = skipBlanks(addedText, 0);
  let values: unknown[] = [];
  let last = 0;
  if (comma < addedText.length) {
    if (addedText.charCodeAt(comma) !== COMMA) return undefined;
    const parsed = parseElements(addedText.slice(comma + 1));
    // `[` then `]` alone parses too, but a comma must be followed by an element.
    if (parsed === undefined || parsed.length === 0) return undefined;
    values = parsed;
    last = blanksBefore(addedText, close);
  }
  // The same members in the same order (a spread defines them as JSON.parse does, `__proto__` included), the array longer.
  const body = record.value as Record<string, unknown>;
  const value: Record<string, unknown> = { ...body };
  value[key] = (body[key] as unknown[]).concat(values);
  // The format must still fit, as reading the body whole checks.
  if (adapterFor(format).detect([value]) <= 0) return undefined;
  const span = { ...record.span, length: record.span.length + restBytes - kept.restBytes, endColumn: record.span.endColumn + rest.length - kept.restChars };
  // A line past the reader's limit is reported, not read.
  if (span.length > MAX_LINE_BYTES) return undefined;
  return { record: { ...record, value, span }, last, close };
}

const COMMA = 0x2c;

/** Past the spaces and tabs from `from` (the JSON whitespace left once line breaks are ruled out). */
function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i += 1;
  return i;
}

/** Where the spaces and tabs that end at `end` start: the end of the value before them. */
function blanksBefore(text: string, end: number): number {
  let i = end;
  while (i > 0 && (text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x09)) i -= 1;
  return i;
}

/** The values of comma-separated elements (the text between the first added element and the array's close). */
function parseElements(text: string): unknown[] | undefined {
  try {
    const values: unknown = JSON.parse(`[${text}]`);
    return Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}
