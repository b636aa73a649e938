// Where a JSON pointer's value starts in a JSON text, and in a JSON document held as a string inside it.
import { scanValue, skipWhitespace } from "../read/index.js";

function unescapeKey(key: string): string {
  return key.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The index of the member `key` (or element `key` of an array) of the value that starts at `at`. */
function childStart(text: string, at: number, key: string): number | undefined {
  const open = text[at];
  if (open !== "{" && open !== "[") return undefined;
  let pos = skipWhitespace(text, at + 1);
  for (let index = 0; pos < text.length && text[pos] !== "}" && text[pos] !== "]"; index += 1) {
    let found = false;
    if (open === "{") {
      const name = scanValue(text, pos);
      if (name.status !== "complete") return undefined;
      found = JSON.parse(text.slice(pos, name.end)) === key;
      pos = skipWhitespace(text, name.end);
      if (text[pos] !== ":") return undefined;
      pos = skipWhitespace(text, pos + 1);
    } else found = String(index) === key;
    if (found) return pos;
    const value = scanValue(text, pos);
    if (value.status !== "complete") return undefined;
    pos = skipWhitespace(text, value.end);
    if (text[pos] === ",") pos = skipWhitespace(text, pos + 1);
  }
  return undefined;
}

/** The index in `text` where the value at `pointer` starts, or the deepest ancestor found. */
export function pointerIndex(text: string, pointer: string): number {
  let at = skipWhitespace(text, 0);
  if (pointer === "") return at;
  for (const key of pointer.slice(1).split("/")) {
    const next = childStart(text, at, unescapeKey(key));
    if (next === undefined) return at;
    at = next;
  }
  return at;
}

/**
 * The index in the outer text of character `inner` of the string literal that starts at `quote`:
 * the nested document of an agent tool run is a JSON string, so each of its characters stands
 * for as many characters of the file as its escape takes.
 */
export function indexInsideString(text: string, quote: number, inner: number): number {
  const literal = scanValue(text, quote);
  const decoded: string = literal.status === "complete" ? (JSON.parse(text.slice(quote, literal.end)) as string) : "";
  return quote + JSON.stringify(decoded.slice(0, inner)).length - 1;
}

/** Line and column (1-based) of index `at` of `text`, when `text` begins at `start`. */
export function lineColumn(text: string, at: number, start: { line: number; column: number }): { line: number; column: number } {
  let line = start.line;
  let lineStart = -1;
  for (let nl = text.indexOf("\n"); nl !== -1 && nl < at; nl = text.indexOf("\n", nl + 1)) {
    line += 1;
    lineStart = nl;
  }
  return { line, column: lineStart === -1 ? start.column + at : at - lineStart };
}

/**
 * The text of a one-document record, rebuilt from its value: the Agents SDK writes `JSON.stringify(state)`,
 * so a file of the same length is that text exactly; a pretty-printed one is tried at two spaces. Rules see
 * values, not bytes, and this gives them exact positions without a second read of the file.
 */
export function documentText(value: unknown, span: { length: number; line: number; endLine: number }): string | undefined {
  const compact = JSON.stringify(value);
  if (span.line === span.endLine && Buffer.byteLength(compact) === span.length) return compact;
  const pretty = JSON.stringify(value, null, 2);
  return Buffer.byteLength(pretty) === span.length ? pretty : undefined;
}

/** The index in `text` of `pointer` inside the documents held as strings at `path` (outermost first). */
export function nestedPointerIndex(text: string, path: readonly string[], pointer: string): number {
  const [first, ...rest] = path;
  if (first === undefined) return pointerIndex(text, pointer);
  const quote = pointerIndex(text, first);
  const literal = scanValue(text, quote);
  if (text[quote] !== '"' || literal.status !== "complete") return quote;
  const inner = JSON.parse(text.slice(quote, literal.end)) as string;
  return indexInsideString(text, quote, nestedPointerIndex(inner, rest, pointer));
}
