// A fuzzed input with the options it is linted with, printed readably when fast-check reports it.
import fc from "fast-check";
import type { FormatName } from "../../src/index.js";
import type { FuzzCase } from "./check.js";

/** Long inputs print their head and tail: a counterexample of megabytes helps nobody. */
const SHOWN = 1500;

export function fuzzCase(origin: string, bytes: Buffer, format?: FormatName): FuzzCase {
  const options = format ? { inputFormat: format } : {};
  const text = bytes.toString("latin1");
  const shown = text.length <= SHOWN ? text : `${text.slice(0, SHOWN / 2)}…(${text.length} bytes)…${text.slice(-SHOWN / 2)}`;
  const printed = `${origin}${format ? ` --input-format ${format}` : ""}: Buffer.from(${JSON.stringify(shown)}, "latin1")`;
  return { bytes, options, [fc.toStringMethod]: () => printed } as FuzzCase;
}
