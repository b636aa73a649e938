// Says why one JSON value does not parse: a syntax error at a position, or a valid prefix cut short.
// V8's messages carry the position ("… in JSON at position 7"); the scanner settles cut-short strings.
import { scanValue } from "./scan.js";

export type JsonProblem = { kind: "syntax"; index: number; reason: string } | { kind: "incomplete" };

const POSITION = / in JSON at position (\d+)/;

/** Parses `text`; on failure says where and why. `text` must start with the value (no leading blanks). */
export function parseOrLocate(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: locate(text, (error as Error).message) };
  }
}

function locate(text: string, message: string): JsonProblem {
  if (message.startsWith("Unexpected end of JSON input")) return { kind: "incomplete" };
  const match = POSITION.exec(message);
  const index = match ? Number(match[1]) : (badIndexInWord(text) ?? firstBadIndex(text));
  if (index >= text.trimEnd().length) return { kind: "incomplete" };
  if (message.startsWith("Unterminated string") && scanValue(text, 0).status === "incomplete") {
    return { kind: "incomplete" };
  }
  const reason = message.replace(POSITION, "").replace(/ \(line \d+ column \d+\)$/, "");
  return { kind: "syntax", index, reason: reason.charAt(0).toLowerCase() + reason.slice(1) };
}

const LITERALS = ["true", "false", "null"];

/**
 * Where a bare word goes wrong (`this`, `nul`, `trueish`), found without parsing: the first character
 * that no literal allows there. A word is most junk lines; bisecting it would throw a parse per step.
 */
function badIndexInWord(text: string): number | undefined {
  const word = /^[a-zA-Z_$][\w$]*/.exec(text)?.[0];
  if (word === undefined) return undefined;
  let best = 0;
  for (const literal of LITERALS) {
    let i = 0;
    while (i < word.length && i < literal.length && word[i] === literal[i]) i += 1;
    best = Math.max(best, i);
  }
  // A literal followed by more letters (`trueish`) breaks right after it.
  return best;
}

/** Whether `prefix` could still grow into valid JSON: it parses, or fails only because it stops early. */
function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    if (message.startsWith("Unexpected end of JSON input")) return true;
    const at = POSITION.exec(message);
    return at !== null && Number(at[1]) >= prefix.length;
  }
}

/**
 * Where the JSON goes wrong when V8 does not say ("Unexpected token '}', … is not valid JSON"): the
 * end of the longest prefix that is still viable. Viability only drops as the prefix grows, so a
 * bisection finds it; this runs only for lines that already failed.
 */
function firstBadIndex(text: string): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isViablePrefix(text.slice(0, mid + 1))) low = mid + 1;
    else high = mid;
  }
  return low;
}
