// Where a record or a problem sits in a file: byte offsets for the writer, 1-based lines and columns for people.

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

/**
 * The span of `text.slice(from, to)`, when `text` begins at byte `offset`, line `line`, column `column`.
 * `bytes`, the real byte length of `text`, bounds the result: invalid UTF-8 decodes to U+FFFD, which
 * re-encodes longer than the byte it replaced.
 */
export function spanOfSlice(
  text: string,
  from: number,
  to: number,
  at: { offset: number; line: number; column: number; bytes: number },
): Span {
  const begin = positionIn(text, from, at);
  const finish = positionIn(text, to, at);
  const start = Math.min(Buffer.byteLength(text.slice(0, from)), at.bytes);
  return {
    offset: at.offset + start,
    length: Math.min(Buffer.byteLength(text.slice(from, to)), at.bytes - start),
    line: begin.line,
    column: begin.column,
    endLine: finish.line,
    endColumn: finish.column,
  };
}
