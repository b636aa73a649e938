// Where a record or a problem sits in a file: byte offsets for the writer, 1-based lines and columns for people.
import type { TextLocator } from "./text-locator.js";

/** A region of a file. `offset`/`length` are bytes; lines and columns are 1-based, columns count UTF-16 units. */
export interface Span {
  offset: number;
  length: number;
  line: number;
  column: number;
  /** Line of the last character of the region. */
  endLine: number;
  /** Column just past the last character of the region (exclusive, as in ESLint). */
  endColumn: number;
}

/** The position of the character `index` of `text`, when `text` begins at `start` in the file. */
export function positionIn(
  text: string,
  index: number,
  start: { line: number; column: number },
): { line: number; column: number } {
  let line = start.line;
  let lineStartIndex = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line += 1;
    lineStartIndex = i + 1;
  }
  const column = line === start.line ? start.column + index : index - lineStartIndex + 1;
  return { line, column };
}

/** The span of the characters `from` to `to` of the text `locator` walks (call with ascending slices). */
export function spanOfSlice(locator: TextLocator, from: number, to: number): Span {
  const begin = locator.locate(from);
  const finish = locator.locate(to);
  return {
    offset: begin.offset,
    length: finish.offset - begin.offset,
    line: begin.line,
    column: begin.column,
    endLine: finish.line,
    endColumn: finish.column,
  };
}
