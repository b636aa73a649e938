// The units (records of a JSONL file, elements of a body's array) no finding touches: a repair that
// keeps one must write it back byte for byte, wherever it moves it.
import type { Diagnostic, FormatName, RawRecord } from "../../src/index.js";
import { readRecords } from "../../src/index.js";
import { documentArray, elementPositions } from "../../src/formats/document-units.js";

interface Point {
  line: number;
  column: number;
}

interface Unit {
  /** The unit's bytes as a byte-exact string (latin1), less what a repair rewrites across the file (see `acrossFile`). */
  bytes: string;
  /** The unit's value, less the same: the same value in other bytes is a unit written back wrongly. */
  value: string;
  start: Point;
  end: Point;
}

const before = (a: Point, b: Point) => a.line < b.line || (a.line === b.line && a.column < b.column);

/** Codex ordinals are renumbered and Claude Code's parentUuid re-linked (a removed record's child) across the file. */
function acrossFile(format: FormatName): RegExp | undefined {
  if (format === "codex") return /"ordinal":-?\d+,?/g;
  if (format === "claude-code") return /"parentUuid":("(?:[^"\\]|\\.)*"|null),?/g;
  return undefined;
}

function unit(bytes: Buffer, value: unknown, format: FormatName, start: Point, end: Point): Unit {
  const pattern = acrossFile(format);
  const strip = (text: string) => (pattern ? text.replace(pattern, "") : text);
  // White space around a value is no part of it (a line that parses whole has it in its span).
  const own = bytes.toString("latin1").replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  return { bytes: strip(own), value: strip(valueText(value) ?? `bytes:${own}`), start, end };
}

/** The value as JSON text, or undefined for one nested too deep to print (it then compares by its bytes alone). */
function valueText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return undefined;
  }
}

function recordsOf(bytes: Buffer): RawRecord[] {
  return [...readRecords({ buffer: bytes })].flatMap((event) => (event.record ? [event.record] : []));
}

/** Where a text that starts at `start` ends (exclusive), in lines and UTF-16 columns. */
function endOf(text: string, start: Point): Point {
  const lines = text.split("\n");
  const last = lines[lines.length - 1] as string;
  return lines.length === 1 ? { line: start.line, column: start.column + last.length } : { line: start.line + lines.length - 1, column: last.length + 1 };
}

/** A single-record body's array elements, or the records of the file. */
function unitsOf(bytes: Buffer, format: FormatName): Unit[] {
  const records = recordsOf(bytes);
  const array = records.length === 1 ? documentArray(records, format === "responses" ? "input" : "messages") : undefined;
  if (array && (format === "responses" || format === "chat" || format === "anthropic")) {
    return elementPositions(array, bytes).map((position, i) => {
      const own = bytes.subarray(position.offset, position.offset + position.length);
      return unit(own, array.values[i], format, position, endOf(own.toString("utf8"), position));
    });
  }
  return records.map(({ span, value }) => unit(bytes.subarray(span.offset, span.offset + span.length), value, format, span, { line: span.endLine, column: span.endColumn }));
}

export interface UntouchedCheck {
  input: Buffer;
  findings: readonly Diagnostic[];
  /** Units a repair offered for the input rewrites, removes or moves (a cancelled output joins the next user message). */
  edited: ReadonlySet<number>;
  output: Buffer;
  format: FormatName;
}

/**
 * The untouched units of `input` that `output` holds in other bytes. One the output does not hold at
 * all went whole, as a later pass may decide (a reasoning item left last when the empty message after
 * it goes); what matters here is that nothing kept is rewritten. Lines that do not parse are checked apart.
 */
export function untouchedUnitsRewritten({ input, findings, edited, output, format }: UntouchedCheck): string[] {
  const touched = (unit: Unit) =>
    findings.some((d) => {
      const start = { line: d.line, column: d.column };
      const end = before(start, { line: d.endLine, column: d.endColumn }) ? { line: d.endLine, column: d.endColumn } : { line: d.line, column: d.column + 1 };
      return before(start, unit.end) && before(unit.start, end);
    });
  const outputUnits = unitsOf(output, format);
  const left = new Map<string, number>();
  for (const unit of outputUnits) left.set(unit.bytes, (left.get(unit.bytes) ?? 0) + 1);
  const values = new Set(outputUnits.map((unit) => unit.value));
  const rewritten: string[] = [];
  for (const [index, unit] of unitsOf(input, format).entries()) {
    if (edited.has(index) || touched(unit)) continue;
    const count = left.get(unit.bytes) ?? 0;
    if (count > 0) left.set(unit.bytes, count - 1);
    else if (values.has(unit.value)) rewritten.push(unit.bytes);
  }
  return rewritten;
}
