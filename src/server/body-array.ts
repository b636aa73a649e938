// Where a request body's conversation array and its elements end in the body's text, found by skipping
// values (not parsing them), so a longer body can be matched against a shorter one it repeats.
import { scanValue, skipWhitespace } from "../read/index.js";

/** A top-level member of the body object: its decoded key and where its value starts. */
interface Member {
  key: string;
  start: number;
  /** Set by a caller that scanned the value itself: where it ends, so it is not scanned twice. */
  end?: number;
}

/**
 * The members of the object whose `{` is at `from`, each yielded before its value is skipped (so a caller
 * that stops at the array scans none of it); the result says whether the text is such an object.
 */
function* members(text: string, from: number): Generator<Member, boolean> {
  let i = skipWhitespace(text, from + 1);
  if (text[i] === "}") return true;
  for (;;) {
    const name = scanValue(text, i);
    if (text[i] !== '"' || name.status !== "complete") return false;
    const key = keyOf(text.slice(i, name.end));
    if (key === undefined) return false;
    i = skipWhitespace(text, name.end);
    if (text[i] !== ":") return false;
    const start = skipWhitespace(text, i + 1);
    const member: Member = { key, start };
    yield member;
    const value = member.end !== undefined ? { end: member.end, status: "complete" } : scanValue(text, start);
    if (value.status !== "complete") return false;
    i = skipWhitespace(text, value.end);
    if (text[i] === "}") return true;
    if (text[i] !== ",") return false;
    i = skipWhitespace(text, i + 1);
  }
}

/** A member's name, or undefined when it is no JSON string (a bad escape: the scanner lets it through, `JSON.parse` does not). */
function keyOf(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}

/** The ends of the array elements after position `from` (just past `[` or past an element), and where the array closes. */
export function elementEnds(text: string, from: number, first: boolean): { ends: number[]; close: number } | undefined {
  const ends: number[] = [];
  let i = skipWhitespace(text, from);
  if (text[i] === "]") return { ends, close: i };
  for (let expectComma = !first; ; expectComma = true) {
    if (expectComma) {
      if (text[i] !== ",") return undefined;
      i = skipWhitespace(text, i + 1);
    }
    const value = scanValue(text, i);
    if (value.status !== "complete") return undefined;
    ends.push(value.end);
    i = skipWhitespace(text, value.end);
    if (text[i] === "]") return { ends, close: i };
  }
}

/** The array under `key` in the body object: where its elements end and where it closes; undefined unless the key is there once, holding an array. */
export function arrayElements(text: string, key: string): { ends: number[]; close: number } | undefined {
  const start = skipWhitespace(text, 0);
  if (text[start] !== "{") return undefined;
  let found: { ends: number[]; close: number } | undefined;
  const all = members(text, start);
  for (let next = all.next(); ; next = all.next()) {
    if (next.done) return next.value ? found : undefined;
    if (next.value.key !== key) continue;
    if (found || text[next.value.start] !== "[") return undefined;
    found = elementEnds(text, next.value.start + 1, true);
    if (!found) return undefined;
    next.value.end = found.close + 1;
  }
}

/**
 * The elements a body adds after `prefixEnd` (the end of an element), when the rest of the object
 * (after the array closes) holds no second `key`: their ends, and where the array closes.
 */
export function addedElements(text: string, prefixEnd: number, key: string): { ends: number[]; close: number } | undefined {
  const added = elementEnds(text, prefixEnd, false);
  if (!added) return undefined;
  let i = skipWhitespace(text, added.close + 1);
  if (text[i] === "}") return added;
  if (text[i] !== ",") return undefined;
  // The members after the array, scanned as an object of their own: `{` stands in for the comma.
  const rest = members(`{${text.slice(i + 1)}`, 0);
  for (let next = rest.next(); ; next = rest.next()) {
    if (next.done) return next.value ? added : undefined;
    if (next.value.key === key) return undefined;
  }
}
