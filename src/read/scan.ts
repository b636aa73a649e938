// Finds where a JSON value ends without parsing it, so the tolerant path can split and join lines.

export type ScanStatus = "complete" | "incomplete" | "invalid";

export interface ScanResult {
  /** Index just past the value (for "incomplete", the end of the text). */
  end: number;
  status: ScanStatus;
}

const SCALAR_STOP = new Set([" ", "\t", "\r", "\n", "{", "}", "[", "]", ",", '"', ":"]);

/** Index of the first character at or after `from` that is not JSON whitespace. */
export function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i += 1;
  }
  return i;
}

const BACKSLASH = 0x5c;

/**
 * The string whose opening quote is at `from`. It jumps from quote to quote with `indexOf` (a request's
 * instructions or a tool's output is kilobytes of text with no structure in it): a quote closes the string
 * when an even number of backslashes comes before it, each pair an escaped backslash.
 */
function scanString(text: string, from: number): ScanResult {
  for (let quote = text.indexOf('"', from + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return { end: quote + 1, status: "complete" };
  }
  return { end: text.length, status: "incomplete" };
}

function scanContainer(text: string, from: number): ScanResult {
  let depth = 0;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') {
      const string = scanString(text, i);
      if (string.status !== "complete") return string;
      i = string.end - 1;
    } else if (c === "{" || c === "[") {
      depth += 1;
    } else if (c === "}" || c === "]") {
      depth -= 1;
      if (depth === 0) return { end: i + 1, status: "complete" };
    }
  }
  return { end: text.length, status: "incomplete" };
}

/**
 * Scans the JSON value that starts at `from` (which must not be whitespace). Only the structure is
 * checked (strings, nesting); `JSON.parse` of the slice decides whether the value is valid.
 */
export function scanValue(text: string, from: number): ScanResult {
  const c = text[from];
  if (c === "{" || c === "[") return scanContainer(text, from);
  if (c === '"') return scanString(text, from);
  if (c === "}" || c === "]" || c === "," || c === ":") return { end: from + 1, status: "invalid" };
  let i = from;
  while (i < text.length && !SCALAR_STOP.has(text[i] as string)) i += 1;
  return { end: i, status: "complete" };
}

/**
 * Scans a value that does not end on its first line, fed one piece (line) at a time, so joining the
 * lines of a pretty-printed record costs one pass over them, not one pass per line.
 */
export class OpenValueScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;

  /** Feeds the next piece; returns the index in it just past the value's end, or undefined while open. */
  feed(piece: string): number | undefined {
    for (let i = 0; i < piece.length; i += 1) {
      const c = piece.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) {
          this.inString = false;
          if (this.depth === 0) return i + 1;
        }
      } else if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth += 1;
      else if (c === 0x7d || c === 0x5d) {
        this.depth -= 1;
        if (this.depth === 0) return i + 1;
      }
    }
    return undefined;
  }
}
