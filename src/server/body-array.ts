// Where a request body's conversation array and its elements end in the body's text, found by skipping
// values (not parsing them), so a longer body can be matched against a shorter one it repeats.
import { scanValue, skipWhitespace } from "../read/index.js";

/** A top-level member of the body object: its decoded key and where its value starts. */
interface Member {
  key: string;
  start: number;
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
    const key = JSON.parse(text.slice(i, name.end)) as string;
    i = skipWhitespace(text, name.end);
    if (text[i] !== ":") return false;
    const start = skipWhitespace(text, i + 1);
    yield { key, start };
    const value = scanValue(text, start);
    if (value.status !== "complete") return false;
    i = skipWhitespace(text, value.end);
    if (text[i] === "}") return true;
    if (text[i] !== ",") return false;
    i = skipWhitespace(text, i + 1);
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

/** The array under `key` in the body object: where its elements end; undefined unless the key is there once, holding an array. */
export function arrayElements(text: string, key: string): { ends: number[] } | undefined {
  const start = skipWhitespace(text, 0);
  if (text[start] !== "{") return undefined;
  let found: Member | undefined;
  const all = members(text, start);
  for (let next = all.next(); ; next = all.next()) {
    if (next.done) {
      if (!next.value || !found || text[found.start] !== "[") return undefined;
      const elements = elementEnds(text, found.start + 1, true);
      return elements ? { ends: elements.ends } : undefined;
    }
    if (next.value.key !== key) continue;
    if (found) return undefined;
    found = next.value;
  }
}

/** Where the first element of the array under `key` ends, scanning no further than it (the prefix cache's bucket). */
export function firstElementEnd(text: string, key: string): number | undefined {
  const start = skipWhitespace(text, 0);
  if (text[start] !== "{") return undefined;
  for (const member of members(text, start)) {
    if (member.key !== key) continue;
    if (text[member.start] !== "[") return undefined;
    const first = skipWhitespace(text, member.start + 1);
    const value = scanValue(text, first);
    return value.status === "complete" && text[first] !== "]" ? value.end : undefined;
  }
  return undefined;
}

/**
 * The elements a body adds after `prefixEnd` (the end of an element), when the rest of the object
 * (after the array closes) holds no second `key`: their ends, and the end of the last one.
 */
export function addedElements(text: string, prefixEnd: number, key: string): number[] | undefined {
  const added = elementEnds(text, prefixEnd, false);
  if (!added) return undefined;
  let i = skipWhitespace(text, added.close + 1);
  if (text[i] === "}") return added.ends;
  if (text[i] !== ",") return undefined;
  // The members after the array, scanned as an object of their own: `{` stands in for the comma.
  const rest = members(`{${text.slice(i + 1)}`, 0);
  for (let next = rest.next(); ; next = rest.next()) {
    if (next.done) return next.value ? added.ends : undefined;
    if (next.value.key === key) return undefined;
  }
}
