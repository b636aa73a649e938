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
  const index = match ? Number(match[1]) : 0;
  if (index >= text.trimEnd().length) return { kind: "incomplete" };
  if (message.startsWith("Unterminated string") && scanValue(text, 0).status === "incomplete") {
    return { kind: "incomplete" };
  }
  const reason = message.replace(POSITION, "").replace(/ \(line \d+ column \d+\)$/, "");
  return { kind: "syntax", index, reason: reason.charAt(0).toLowerCase() + reason.slice(1) };
}
