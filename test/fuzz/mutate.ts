// Mutations of the field and of an attacker: bytes flipped, a file cut, lines duplicated, dropped or
// swapped, junk inserted. Places are taken modulo the file's size, so any mutation fits any file.
import fc from "fast-check";

export type Mutation =
  | { op: "flip"; at: number; byte: number }
  | { op: "cut"; at: number }
  | { op: "duplicate-line" | "delete-line"; line: number }
  | { op: "swap-lines"; line: number; other: number }
  | { op: "insert"; at: number; junk: string };

/** Bytes that matter to a JSON reader, and ones that are not UTF-8 on their own. */
const SHARP_BYTES = [0x7b, 0x7d, 0x5b, 0x5d, 0x22, 0x2c, 0x3a, 0x5c, 0x0a, 0x0d, 0x20, 0xff, 0xc3, 0xe2, 0x80, 0xed, 0x00];

/** Junk of the field: fragments of records, a second BOM, prototype names, a broken escape. */
const JUNK = ["{", "}", "]", ",", '"', "\n", "\r\n", "garbage", "null", "[]", "1", '{"a":', "\\u", '"\\ud800"', "\ufeff", '{"type":"message"}', '{"role":"constructor"}', '{"type":"__proto__"}', '{"x":1}\n{"y":2}'];

const place = fc.nat({ max: 1 << 20 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: place, byte: fc.oneof(fc.constantFrom(...SHARP_BYTES), fc.integer({ min: 0, max: 255 })) }),
  fc.record({ op: fc.constant("cut" as const), at: place }),
  fc.record({ op: fc.constantFrom("duplicate-line" as const, "delete-line" as const), line: place }),
  fc.record({ op: fc.constant("swap-lines" as const), line: place, other: place }),
  fc.record({ op: fc.constant("insert" as const), at: place, junk: fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 8 })) }),
);

/** The lines of a file with their terminators, so that joining them gives the file back. */
function linesWithEnds(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline + 1;
    lines.push(bytes.subarray(start, end));
    start = end;
  }
  return lines;
}

export function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = (n: number) => n % (bytes.length + 1);
  switch (m.op) {
    case "flip":
      return bytes.length === 0 ? bytes : Buffer.concat([bytes.subarray(0, m.at % bytes.length), Buffer.from([m.byte]), bytes.subarray((m.at % bytes.length) + 1)]);
    case "cut":
      return bytes.subarray(0, at(m.at));
    case "insert":
      return Buffer.concat([bytes.subarray(0, at(m.at)), Buffer.from(m.junk), bytes.subarray(at(m.at))]);
    default: {
      const lines = linesWithEnds(bytes);
      if (lines.length === 0) return bytes;
      const i = m.line % lines.length;
      if (m.op === "delete-line") lines.splice(i, 1);
      else if (m.op === "duplicate-line") lines.splice(i, 0, lines[i] as Buffer);
      else if (m.op === "swap-lines") {
        const j = m.other % lines.length;
        [lines[i], lines[j]] = [lines[j] as Buffer, lines[i] as Buffer];
      }
      // A last line without its newline, moved up, would join the next: give it one.
      return Buffer.concat(lines.map((line, k) => (k < lines.length - 1 && line[line.length - 1] !== 0x0a ? Buffer.concat([line, Buffer.from("\n")]) : line)));
    }
  }
}

export function mutateAll(bytes: Buffer, mutations: readonly Mutation[]): Buffer {
  return mutations.reduce(mutate, bytes);
}
