// Finds the elements of one array inside a JSON document, with exact spans, so edits can splice them.
import { scanValue, skipWhitespace } from "./scan.js";
import { needsRaw, TextLocator, type TextPosition } from "./text-locator.js";

export interface ElementSpan {
  start: number;
  end: number;
}

export interface ArrayLocation {
  /** Index of `[` and of `]` in the text. */
  open: number;
  close: number;
  elements: ElementSpan[];
}

/** Locates the array at the top level (`key` undefined) or under a top-level key of an object. */
export function locateArray(text: string, key: string | undefined): ArrayLocation | undefined {
  let pos = skipWhitespace(text, 0);
  if (key === undefined) return text[pos] === "[" ? walkArray(text, pos) : undefined;
  if (text[pos] !== "{") return undefined;
  pos += 1;
  for (;;) {
    pos = skipWhitespace(text, pos);
    if (text[pos] !== '"') return undefined;
    const name = scanValue(text, pos);
    if (name.status !== "complete") return undefined;
    const found = JSON.parse(text.slice(pos, name.end)) === key;
    pos = skipWhitespace(text, name.end);
    if (text[pos] !== ":") return undefined;
    pos = skipWhitespace(text, pos + 1);
    if (found) return text[pos] === "[" ? walkArray(text, pos) : undefined;
    const value = scanValue(text, pos);
    if (value.status !== "complete") return undefined;
    pos = skipWhitespace(text, value.end);
    if (text[pos] !== ",") return undefined;
    pos += 1;
  }
}

function walkArray(text: string, open: number): ArrayLocation | undefined {
  const elements: ElementSpan[] = [];
  let pos = skipWhitespace(text, open + 1);
  if (text[pos] === "]") return { open, close: pos, elements };
  for (;;) {
    const value = scanValue(text, pos);
    if (value.status !== "complete") return undefined;
    elements.push({ start: pos, end: value.end });
    pos = skipWhitespace(text, value.end);
    if (text[pos] === "]") return { open, close: pos, elements };
    if (text[pos] !== ",") return undefined;
    pos = skipWhitespace(text, pos + 1);
  }
}

/**
 * Byte offsets (from the start of `text`), lines and columns of ascending character indices of
 * `text`, in one pass. `raw`, the bytes `text` was decoded from, counts the bytes when they held
 * invalid UTF-8.
 */
export function locateIndices(text: string, indices: readonly number[], raw?: Uint8Array): TextPosition[] {
  const locator = new TextLocator(text, { offset: 0, line: 1, column: 1 }, raw && needsRaw(text, raw.length) ? raw : undefined);
  return indices.map((index) => locator.locate(index));
}
