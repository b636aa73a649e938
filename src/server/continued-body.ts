// A body that repeats a kept one byte for byte up to the end of its array's last element, adds elements,
// and ends with the same bytes after the array: its record is the kept one's with only the added elements
// parsed. Parsing the whole body again cost more than everything else a continued request does.
import { adapterFor } from "../formats/index.js";
import type { FormatName } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import { MAX_LINE_BYTES } from "../read/lines.js";
import { elementEnds } from "./body-array.js";

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

/** What a longer body is read from: `rest` is the body's text after the prefix, its array closing at `close` in it. */
export function keptBody(record: RawRecord, key: string, rest: string, restBytes: number, close: number): KeptBody {
  return { record, key, restBytes, restChars: rest.length, tail: rest.slice(close) };
}

/** What would make the reader see other lines, or no text at all (a NUL byte), in the added elements. */
const LINE_BREAK_OR_NUL = /[\n\r\0]/;

/**
 * The record reading the whole body gives, and where the added elements end and the array closes in `rest`; undefined when
 * this shortcut cannot be sure of it (the caller then reads the body whole). `rest` is the body's text after
 * the kept prefix, which ends with an element's last (ASCII) byte, so it decodes as the whole body's text does.
 */
export function continuedRecord(format: FormatName, kept: KeptBody, rest: string, restBytes: number): { record: RawRecord; ends: number[]; close: number } | undefined {
  const { record, key, tail } = kept;
  // A record over several lines or beside another one has a span this shortcut does not compute.
  if (record.spansLines || record.sharesLine) return undefined;
  const added = elementEnds(rest, 0, false);
  if (!added || rest.length - added.close !== tail.length || !rest.endsWith(tail)) return undefined;
  const addedText = rest.slice(0, added.close);
  if (LINE_BREAK_OR_NUL.test(addedText)) return undefined;
  const values = added.ends.length === 0 ? [] : parseElements(addedText.slice(addedText.indexOf(",") + 1));
  if (values === undefined || values.length !== added.ends.length) return undefined;
  // The same members in the same order (JSON.parse's own, `__proto__` included), the array longer.
  const body = record.value as Record<string, unknown>;
  const value = Object.fromEntries(Object.entries(body).map(([name, member]) => [name, name === key ? [...(member as unknown[]), ...values] : member]));
  // The format must still fit, as reading the body whole checks.
  if (adapterFor(format).detect([value]) <= 0) return undefined;
  const span = { ...record.span, length: record.span.length + restBytes - kept.restBytes, endColumn: record.span.endColumn + rest.length - kept.restChars };
  // A line past the reader's limit is reported, not read.
  if (span.length > MAX_LINE_BYTES) return undefined;
  return { record: { ...record, value, span }, ends: added.ends, close: added.close };
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
