// Turns bytes into JSON records with exact spans; never throws on bad input, it reports and goes on.
import { LineSplitter, MAX_LINE_BYTES, type ByteSource, type Line } from "./lines.js";
import { parseOrLocate } from "./locate-error.js";
import { OpenValueScanner, skipWhitespace, scanValue } from "./scan.js";
import { spanOfSlice, type Span } from "./span.js";
import { TextLocator } from "./text-locator.js";

/** One JSON value read from a file. */
export interface RawRecord {
  /** 0-based position among the records of the file. */
  index: number;
  value: unknown;
  span: Span;
  /** Another record shares one of this record's lines (several records concatenated on a line). */
  sharesLine: boolean;
  /** The record is pretty-printed over several lines. */
  spansLines: boolean;
}

export type ReadProblemCode = "invalid-json" | "truncated-record" | "byte-order-mark" | "empty-file" | "not-text";

/** Something about the bytes of a file that its client would not have written. */
export interface ReadProblem {
  code: ReadProblemCode;
  message: string;
  span: Span;
  /** The bytes the problem occupies, for a repair that removes them: from where the bad value starts to the end of its line. */
  bytes?: { offset: number; length: number };
  /**
   * A truncated record whose line was ended all the same. A crash leaves its tail unterminated; an
   * ended cut line is one the file had in its middle until what followed it went.
   */
  terminated?: true;
}

export type ReadEvent = { record: RawRecord; problem?: undefined } | { problem: ReadProblem; record?: undefined };

/** A span for problems about the file as a whole. */
export const FILE_START: Span = { offset: 0, length: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Reads every record of a source, in order, with the problems found on the way. */
export function* readRecords(source: ByteSource): Generator<ReadEvent> {
  const reader = new RecordReader(source);
  try {
    for (let event = reader.next(); event; event = reader.next()) yield event;
  } finally {
    reader.close();
  }
}

/**
 * The records of a source and the problems found on the way, one `next()` an event: a plain method,
 * not a generator, since it runs once a record of a gigabyte file (lint calls it directly; other
 * readers take `readRecords`).
 */
export class RecordReader {
  private readonly lines: LineSplitter;
  private cursor: LineCursor | undefined;
  /** Events of the file's head (not text, empty, BOM), given before any record. */
  private readonly pending: ReadEvent[] = [];
  /** The tolerant path's events for the line being read, while it has some left. */
  private tolerant: Generator<ReadEvent> | undefined;
  private index = 0;
  private problems = 0;
  private done = false;

  constructor(source: ByteSource) {
    this.lines = new LineSplitter(source);
    const head = this.lines.head();
    if (head.nulOffset !== undefined) {
      this.pending.push(problem("not-text", `not a text file: byte ${head.nulOffset} is NUL; give a JSON or JSONL history`, FILE_START));
      this.done = true;
    } else if (head.empty) {
      this.pending.push(problem("empty-file", "the file is empty: there is no history to check", FILE_START));
      this.done = true;
    } else {
      if (head.hasByteOrderMark) {
        const bom = { ...FILE_START, length: 3, endColumn: 2 };
        this.pending.push(problem("byte-order-mark", "the file starts with a UTF-8 byte order mark, which JSONL readers such as Codex reject; remove it", bom));
      }
      this.cursor = new LineCursor(this.lines);
    }
  }

  /** The next record or problem, or undefined at the end. */
  next(): ReadEvent | undefined {
    if (this.pending.length > 0) return this.pending.shift();
    const cursor = this.cursor;
    if (this.done || !cursor) return undefined;
    for (;;) {
      const tolerant = this.tolerant;
      if (tolerant) {
        const event = tolerant.next();
        if (!event.done) {
          if (event.value.record) event.value.record.index = this.index++;
          else this.problems += 1;
          return event.value;
        }
        this.tolerant = undefined;
      }
      const line = cursor.next();
      if (!line) break;
      if (line.tooLong) {
        this.problems += 1;
        return tooLongLine(line);
      }
      if (line.text.length === 0) continue;
      // A line that cannot start a JSON value goes straight to the slow path: a thrown parse costs more than the check.
      const value = startsLikeJson(line.text) ? parseLine(line.text) : NOT_JSON;
      if (value === NOT_JSON) {
        this.tolerant = readTolerantly(line, cursor);
        continue;
      }
      const span = { offset: line.offset, length: line.bytes, line: line.line, column: 1, endLine: line.line, endColumn: line.text.length + 1 };
      return { record: { index: this.index++, value, span, sharesLine: false, spansLines: false } };
    }
    this.done = true;
    if (this.index === 0 && this.problems === 0) return problem("empty-file", "the file holds only blank lines: there is no history to check", FILE_START);
    return undefined;
  }

  /** Stops reading and closes the file (reading to the end closes it too). */
  close(): void {
    this.done = true;
    this.tolerant = undefined;
    this.lines.close();
  }
}

/** A line past MAX_LINE_BYTES, reported with its bytes (so --unsafe can remove it) but never decoded. */
function tooLongLine(line: Line): ReadEvent {
  const megabytes = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  const span = { offset: line.offset, length: line.bytes, line: line.line, column: 1, endLine: line.line, endColumn: 1 };
  const message = `line ${line.line} is ${megabytes(line.bytes)} long, more than the ${megabytes(MAX_LINE_BYTES)} histlint reads in one line; it is skipped`;
  return { problem: { code: "invalid-json", message, span, bytes: { offset: line.offset, length: line.bytes + line.eol.length } } };
}

const VALUE_START = /^\s*(?:[{["\-0-9]|true|false|null)/;

const OPEN_BRACE = 0x7b;

function startsLikeJson(text: string): boolean {
  // A record line starts with `{`: that answers without the regular expression.
  return text.charCodeAt(0) === OPEN_BRACE || VALUE_START.test(text);
}

const NOT_JSON = Symbol("not JSON");

function parseLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** The lines still to read, with lines read ahead by the tolerant path given back when unused. */
class LineCursor {
  private readonly returned: Line[] = [];
  constructor(private readonly lines: LineSplitter) {}
  next(): Line | undefined {
    if (this.returned.length > 0) return this.returned.shift();
    return this.lines.next();
  }
  giveBack(lines: Line[]): void {
    this.returned.unshift(...lines);
  }
}

function problem(code: ReadProblemCode, message: string, span: Span): ReadEvent {
  return { problem: { code, message, span } };
}

/** A stretch of text that starts at a known place of the file: one line, or lines joined with their terminators. */
interface Stretch {
  text: string;
  /** Positions in the file of indices of `text`, walked forward record by record. */
  locator: TextLocator;
}

function stretchOf(text: string, first: Line, raw: Buffer | undefined): Stretch {
  return { text, locator: new TextLocator(text, { offset: first.offset, line: first.line, column: 1 }, raw) };
}

/** The slow path for a line that did not parse: several records on it, a record over several lines, or garbage. */
function* readTolerantly(first: Line, cursor: LineCursor): Generator<ReadEvent> {
  const records: RawRecord[] = [];
  let line = first;
  let pos = skipWhitespace(line.text, 0);
  let stretchLine: Line | undefined;
  let stretch = stretchOf(line.text, line, line.raw);
  stretchLine = line;
  while (pos < line.text.length) {
    if (line !== stretchLine) {
      stretch = stretchOf(line.text, line, line.raw);
      stretchLine = line;
    }
    const scan = scanValue(line.text, pos);
    const removable = occupied(line, stretch, pos);
    if (scan.status === "invalid") {
      yield* flush(records);
      yield withBytes(invalidAt(stretch, pos, `unexpected '${line.text[pos]}' where a record should start`), removable);
      return;
    }
    if (scan.status === "incomplete") {
      const joined = joinFollowingLines(line, pos, cursor);
      if (joined && "cutAtEnd" in joined) {
        // A document (or a pretty-printed last record) that the end of the file cuts: one problem, not
        // one a line. No bytes go with it: removing a whole cut document is for a person to decide.
        yield* flush(records);
        const span = spanOfSlice(joined.stretch.locator, pos, joined.stretch.text.length);
        yield problem("truncated-record", "the last record is cut short (the writer stopped mid-record); it is not part of the history", span);
        return;
      }
      if (!joined) {
        yield* flush(records);
        const event = withBytes(incompleteValue(stretch, line.line, pos, cursor), removable);
        if (event.problem?.code === "truncated-record" && line.eol !== "") event.problem.terminated = true;
        yield event;
        return;
      }
      records.push(recordOf(joined.value, spanOfSlice(joined.stretch.locator, pos, joined.end)));
      line = joined.lastLine;
      pos = skipWhitespace(line.text, joined.endInLastLine);
      continue;
    }
    const parsed = parseOrLocate(line.text.slice(pos, scan.end));
    if (!parsed.ok) {
      yield* flush(records);
      // A bare word (`trailing`, `nul`) is pointed at where it starts; a broken object at the break.
      const container = line.text[pos] === "{" || line.text[pos] === "[";
      const where = parsed.problem.kind === "syntax" && container ? pos + parsed.problem.index : pos;
      const why = parsed.problem.kind === "syntax" ? parsed.problem.reason : "the value is cut short";
      yield withBytes(invalidAt(stretch, where, `invalid JSON: ${why}; the rest of line ${line.line} is skipped`), removable);
      return;
    }
    records.push(recordOf(parsed.value, spanOfSlice(stretch.locator, pos, scan.end)));
    pos = skipWhitespace(line.text, scan.end);
  }
  yield* flush(records);
}

function recordOf(value: unknown, span: Span): RawRecord {
  return { index: -1, value, span, sharesLine: false, spansLines: span.endLine !== span.line };
}

function* flush(records: RawRecord[]): Generator<ReadEvent> {
  for (const [i, record] of records.entries()) {
    const previous = records[i - 1];
    const next = records[i + 1];
    record.sharesLine = previous?.span.endLine === record.span.line || next?.span.line === record.span.endLine;
    yield { record };
  }
}

function invalidAt(stretch: Stretch, index: number, message: string): ReadEvent {
  return problem("invalid-json", message, spanOfSlice(stretch.locator, index, stretch.text.length));
}

/** A value that runs to the end of its line and could not be completed by the lines after it. */
function incompleteValue(stretch: Stretch, line: number, pos: number, cursor: LineCursor): ReadEvent {
  const parsed = parseOrLocate(stretch.text.slice(pos));
  if (!parsed.ok && parsed.problem.kind === "syntax") {
    return invalidAt(stretch, pos + parsed.problem.index, `invalid JSON: ${parsed.problem.reason}; line ${line} is skipped`);
  }
  const span = spanOfSlice(stretch.locator, pos, stretch.text.length);
  if (isAtEnd(cursor)) {
    return problem("truncated-record", "the last record is cut short (the writer stopped mid-record); it is not part of the history", span);
  }
  return problem("invalid-json", `record is cut short: line ${line} ends before its JSON value does and the next line starts a new record`, span);
}

/** True when nothing but blank lines remain (the lines read to find out are given back). */
function isAtEnd(cursor: LineCursor): boolean {
  const blanks: Line[] = [];
  for (let line = cursor.next(); line; line = cursor.next()) {
    blanks.push(line);
    if (line.text.trim().length > 0) {
      cursor.giveBack(blanks);
      return false;
    }
  }
  cursor.giveBack(blanks);
  return true;
}

/** Largest record the tolerant path joins across lines; past it the line is reported, not buffered. */
const MAX_JOINED_CHARS = 64 * 1024 * 1024;

interface Joined {
  value: unknown;
  stretch: Stretch;
  /** Index just past the value in `stretch.text`. */
  end: number;
  lastLine: Line;
  endInLastLine: number;
}

/**
 * Joins the lines after `first` until the value that starts at `pos` closes and parses; the scanner
 * is fed each line once, so a pretty-printed body is read in linear time. Two lines in a row that are
 * whole records by themselves mean JSONL after a cut record, and end the try (in a hand-formatted
 * document only the last element can be).
 */
function joinFollowingLines(first: Line, pos: number, cursor: LineCursor): Joined | { cutAtEnd: true; stretch: Stretch } | undefined {
  const readAhead: Line[] = [];
  const pieces = [first.text];
  const scanner = new OpenValueScanner();
  scanner.feed(first.text.slice(pos));
  let length = first.text.length;
  let eol = first.eol;
  let wholeRecordsInARow = 0;
  let gaveUp = false;
  let sawWholeRecord = false;
  for (let line = cursor.next(); line; line = cursor.next()) {
    readAhead.push(line);
    if (line.tooLong) {
      gaveUp = true;
      break;
    }
    wholeRecordsInARow = isWholeRecord(line.text) ? wholeRecordsInARow + 1 : 0;
    sawWholeRecord ||= wholeRecordsInARow > 0;
    if (eol === "" || length > MAX_JOINED_CHARS || wholeRecordsInARow >= 2) {
      gaveUp = true;
      break;
    }
    const lineStart = length + eol.length;
    pieces.push(eol, line.text);
    length = lineStart + line.text.length;
    eol = line.eol;
    const close = scanner.feed(line.text);
    if (close === undefined) continue;
    gaveUp = true;
    const text = pieces.join("");
    const end = lineStart + close;
    const parsed = parseOrLocate(text.slice(pos, end));
    if (!parsed.ok) break;
    const stretch = stretchOf(text, first, joinedRaw(first, readAhead));
    return { value: parsed.value, stretch, end, lastLine: line, endInLastLine: close };
  }
  // Every line to the end was joined and the value is still open: the file stops inside it (unless a
  // line after it is a record of its own, which makes this one a record cut in the middle of JSONL).
  if (!gaveUp && !sawWholeRecord && readAhead.length > 0) {
    return { cutAtEnd: true, stretch: stretchOf(pieces.join(""), first, joinedRaw(first, readAhead)) };
  }
  cursor.giveBack(readAhead);
  return undefined;
}

/** The bytes of joined lines, when one of them is not valid UTF-8 (else the text itself tells the bytes). */
function joinedRaw(first: Line, rest: readonly Line[]): Buffer | undefined {
  const lines = [first, ...rest];
  if (!lines.some((line) => line.raw)) return undefined;
  const parts: Buffer[] = [];
  lines.forEach((line, i) => {
    parts.push(line.raw ?? Buffer.from(line.text));
    if (i < lines.length - 1) parts.push(Buffer.from(line.eol));
  });
  return Buffer.concat(parts);
}

/** A line that parses as an object on its own: a record, not the continuation of a cut one. */
function isWholeRecord(text: string): boolean {
  if (!text.startsWith("{")) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** From `pos` to the end of the line, with the line's terminator when the bad value starts the line. */
function occupied(line: Line, stretch: Stretch, pos: number): { offset: number; length: number } {
  const start = stretch.locator.locate(pos).offset;
  const end = line.offset + line.bytes + (pos === 0 ? line.eol.length : 0);
  return { offset: start, length: end - start };
}

function withBytes(event: ReadEvent, bytes: { offset: number; length: number }): ReadEvent {
  if (event.problem && bytes.length > 0) event.problem.bytes = bytes;
  return event;
}
