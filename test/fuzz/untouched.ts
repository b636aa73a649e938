// The units (records of a JSONL file, elements of a body's array) no finding touches: a repair must
// write each back byte for byte, wherever it moves it.
import type { Diagnostic, FormatName, RawRecord } from "../../src/index.js";
import { readRecords } from "../../src/index.js";
import { documentArray, elementPositions } from "../../src/formats/document-units.js";

interface Point {
  line: number;
  column: number;
}

interface Unit {
  /**
   * The unit's bytes as a byte-exact string (latin1), less what a repair rewrites across the file:
   * Codex ordinals (renumbered), Claude Code's parentUuid (a removed record's child is re-linked).
   */
  key: string;
  start: Point;
  end: Point;
}

const before = (a: Point, b: Point) => a.line < b.line || (a.line === b.line && a.column < b.column);

function unitKey(bytes: Buffer, format: FormatName): string {
  const text = bytes.toString("latin1");
  if (format === "codex") return text.replace(/"ordinal":-?\d+/g, '"ordinal":#');
  if (format === "claude-code") return text.replace(/"parentUuid":("(?:[^"\\]|\\.)*"|null)/g, '"parentUuid":#');
  return text;
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
    return elementPositions(array, bytes).map((position) => {
      const own = bytes.subarray(position.offset, position.offset + position.length);
      return { key: unitKey(own, format), start: position, end: endOf(own.toString("utf8"), position) };
    });
  }
  return records.map(({ span }) => ({
    key: unitKey(bytes.subarray(span.offset, span.offset + span.length), format),
    start: span,
    end: { line: span.endLine, column: span.endColumn },
  }));
}

export interface UntouchedCheck {
  input: Buffer;
  findings: readonly Diagnostic[];
  /** Units a repair offered for the input rewrites, removes or moves (a cancelled output joins the next user message). */
  edited: ReadonlySet<number>;
  output: Buffer;
  format: FormatName;
}

/** The untouched units of `input` that `output` does not hold byte for byte (as many times as the input). */
export function untouchedUnitsLost({ input, findings, edited, output, format }: UntouchedCheck): string[] {
  const touched = (unit: Unit) =>
    findings.some((d) => {
      const start = { line: d.line, column: d.column };
      const end = before(start, { line: d.endLine, column: d.endColumn }) ? { line: d.endLine, column: d.endColumn } : { line: d.line, column: d.column + 1 };
      return before(start, unit.end) && before(unit.start, end);
    });
  const left = new Map<string, number>();
  for (const unit of unitsOf(output, format)) left.set(unit.key, (left.get(unit.key) ?? 0) + 1);
  const lost: string[] = [];
  for (const [index, unit] of unitsOf(input, format).entries()) {
    if (edited.has(index) || touched(unit)) continue;
    const count = left.get(unit.key) ?? 0;
    if (count === 0) lost.push(unit.key);
    else left.set(unit.key, count - 1);
  }
  return lost;
}
