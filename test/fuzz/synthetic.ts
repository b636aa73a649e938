// Inputs made to break a reader: deep nesting, huge lines, invalid UTF-8 in strings and keys, names
// of Object.prototype as ids, types, roles and keys, and files of next to nothing.
import fc from "fast-check";
import type { FormatName } from "../../src/index.js";
import type { FuzzCase } from "./check.js";
import { fuzzCase } from "./fuzz-case.js";
import { anyHistory } from "./histories.js";

const FORMATS: FormatName[] = ["codex", "claude-code", "responses", "chat", "anthropic"];
/** Detection, or any format forced on the file. */
const format = fc.option(fc.constantFrom(...FORMATS), { nil: undefined });

const PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype", "isPrototypeOf", "__defineGetter__"];

/** Files of next to nothing: empty, white space, a byte order mark, a lone quote, a bracket. */
const TINY = ["", " ", "\n", "\r\n", " \t\n \n", "\ufeff", "\ufeff\n", "\ufeff \r\n", '"', '\ufeff"', '"\n', '""', '"\\', "{", "}", "[", "]", "[]", "{}", "null", "\ufeff{}", "{\n", "\n\n{"];

export const tinyFile: fc.Arbitrary<FuzzCase> = fc.tuple(fc.constantFrom(...TINY), format).map(([text, forced]) => fuzzCase("tiny", Buffer.from(text), forced));

/** `[`… or `{"a":`… `depth` deep, closed or not, alone, inside a record of a history, or inside a body. */
export const deepNesting: fc.Arbitrary<FuzzCase> = fc
  .record({
    // Past 4,098 levels a recursive reader overflows its stack; few of these, they cost the most.
    depth: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 300 }), weight: 12 }, { arbitrary: fc.constantFrom(1000, 4098, 5000, 10_000), weight: 1 }),
    array: fc.boolean(),
    closed: fc.boolean(),
    where: fc.constantFrom("alone", "in-record", "in-body"),
    history: anyHistory,
    forced: format,
  })
  .map(({ depth, array, closed, where, history, forced }) => {
    const open = array ? "[".repeat(depth) : '{"a":'.repeat(depth);
    const nest = closed ? open + (array ? "]".repeat(depth) : `1${"}".repeat(depth)}`) : open;
    const record = `{"type":"message","role":"user","content":"hi","x":${nest}}`;
    const text = where === "alone" ? nest : where === "in-body" ? `{"model":"m","max_tokens":9,"messages":[{"role":"user","content":"hi","x":${nest}}]}` : `${history.text}${record}\n`;
    return fuzzCase(`nesting ${depth} ${where}`, Buffer.from(text), forced);
  });

/** A history with a message of megabytes in it, on one line or pretty-printed. */
export const hugeLine: fc.Arbitrary<FuzzCase> = fc
  .record({ size: fc.constantFrom(100_000, 1_000_000, 2_000_000), history: anyHistory, at: fc.nat(), forced: format })
  .map(({ size, history, at, forced }) => {
    const lines = history.text.split("\n");
    const big = JSON.stringify({ type: "message", role: "user", content: [{ type: "input_text", text: "x".repeat(size) }] });
    lines.splice(at % lines.length, 0, big);
    return fuzzCase(`huge line of ${size} bytes`, Buffer.from(lines.join("\n")), forced);
  });

/** Bytes that are not UTF-8, after a quote of a history (inside a string or a key, or just outside one). */
const INVALID_UTF8 = [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf5], [0xc0, 0xaf], [0x80], [0xf0, 0x9f, 0x98]];

export const invalidUtf8: fc.Arbitrary<FuzzCase> = fc
  .record({ history: anyHistory, places: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVALID_UTF8)), { minLength: 1, maxLength: 3 }), forced: format })
  .map(({ history, places, forced }) => {
    let bytes = Buffer.from(history.text);
    for (const [pick, bad] of places) {
      const quotes = [...bytes.keys()].filter((i) => bytes[i] === 0x22);
      const at = quotes.length === 0 ? 0 : (quotes[pick % quotes.length] as number) + 1;
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
    }
    return fuzzCase(`invalid UTF-8 ${JSON.stringify(places)}`, bytes, forced);
  });

const NAMED_FIELD = /"(role|type|id|call_id|name|tool_call_id|tool_use_id|uuid|parentUuid|status|model)":"(?:[^"\\]|\\.)*"/g;

/** A history whose ids, types, roles or names are names of Object.prototype, or with such keys added. */
export const prototypeKeys: fc.Arbitrary<FuzzCase> = fc
  .record({ history: anyHistory, changes: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PROTOTYPE_NAMES), fc.boolean()), { minLength: 1, maxLength: 4 }), forced: format })
  .map(({ history, changes, forced }) => {
    let text = history.text;
    for (const [pick, name, asKey] of changes) {
      if (asKey) {
        const braces = [...text.matchAll(/\{/g)].map((m) => m.index as number);
        const at = (braces[pick % braces.length] ?? -1) + 1;
        text = `${text.slice(0, at)}${JSON.stringify(name)}:${JSON.stringify(name)},${text.slice(at)}`.replace(/,}/g, "}");
      } else {
        const fields = [...text.matchAll(NAMED_FIELD)];
        const field = fields[pick % Math.max(1, fields.length)];
        if (field) text = `${text.slice(0, field.index)}"${field[1]}":${JSON.stringify(name)}${text.slice((field.index as number) + field[0].length)}`;
      }
    }
    return fuzzCase(`prototype names ${JSON.stringify(changes)}`, Buffer.from(text), forced);
  });
