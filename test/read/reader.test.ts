// The reader's tolerances: each bad input is reported with its place and the records around it survive.
import { describe, expect, it } from "vitest";
import { readRecords } from "../../src/index.js";
import { read, tempFile } from "../support/files.js";

const A = '{"a":1}';
const B = '{"b":"é"}';

describe("readRecords", () => {
  it("reads one record a line with exact byte offsets, lines and columns", () => {
    const { records, problems } = read(`${A}\n${B}\n`);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.value)).toEqual([{ a: 1 }, { b: "é" }]);
    expect(records[1]?.span).toEqual({ offset: 8, length: 10, line: 2, column: 1, endLine: 2, endColumn: 10 });
  });

  it("reports a byte order mark and still reads the first record", () => {
    const { records, problems } = read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${A}\n`)]));
    expect(problems.map((p) => p.code)).toEqual(["byte-order-mark"]);
    expect(records[0]?.value).toEqual({ a: 1 });
    expect(records[0]?.span.offset).toBe(3);
  });

  it("accepts CRLF and blank lines without a word and keeps line numbers true", () => {
    const { records, problems } = read(`${A}\r\n\r\n\r\n${B}\r\n`);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.span.line)).toEqual([1, 4]);
    expect(records[1]?.span.offset).toBe(A.length + 6);
    expect(records[0]?.span.length).toBe(A.length);
  });

  it("joins a record pretty-printed over several lines and marks it", () => {
    const pretty = JSON.stringify({ c: [1, 2], d: { e: "f" } }, null, 2);
    const { records, problems } = read(`${A}\n${pretty}\n${B}\n`);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.spansLines)).toEqual([false, true, false]);
    expect(records[1]?.value).toEqual({ c: [1, 2], d: { e: "f" } });
    expect(records[1]?.span).toMatchObject({ line: 2, column: 1, endLine: 2 + pretty.split("\n").length - 1, endColumn: 2 });
    expect(records[2]?.span.line).toBe(2 + pretty.split("\n").length);
  });

  it("splits several records concatenated on one line, with their columns", () => {
    const { records, problems } = read(`${A}${B} ${A}\n`);
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.span.column, r.sharesLine])).toEqual([
      [1, true],
      [8, true],
      [18, true],
    ]);
    expect(records[1]?.span.offset).toBe(7);
  });

  it("reports a truncated last record and keeps every record before it", () => {
    const { records, problems } = read(`${A}\n${B}\n{"c":"cut sh`);
    expect(records.map((r) => r.value)).toEqual([{ a: 1 }, { b: "é" }]);
    expect(problems).toMatchObject([{ code: "truncated-record", span: { line: 3, column: 1 } }]);
  });

  it("treats a cut record followed only by blank lines as truncated too", () => {
    const { problems } = read(`${A}\n{"c":[1,\n\n\n`);
    expect(problems.map((p) => p.code)).toEqual(["truncated-record"]);
  });

  it("reports a pretty-printed document the end of the file cuts as one truncated record, offering no removal", () => {
    const document = JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] }, null, 2);
    const { records, problems } = read(`${A}\n${document.slice(0, document.indexOf("hello"))}`);
    expect(records.map((r) => r.value)).toEqual([{ a: 1 }]);
    expect(problems).toMatchObject([{ code: "truncated-record", span: { line: 2, column: 1 } }]);
    expect(problems[0]?.bytes).toBeUndefined();
  });

  it("does not take a whole record after a cut one into it, even when it is the last line", () => {
    const { records, problems } = read(`${A}\n{"c":\n${B}\n`);
    expect(records.map((r) => r.span.line)).toEqual([1, 3]);
    expect(problems.map((p) => p.code)).toEqual(["invalid-json"]);
  });

  it("reports an invalid line in the middle at the column of the error and goes on", () => {
    const { records, problems } = read(`${A}\n{"x" 1}\n${B}\n`);
    expect(records.map((r) => r.span.line)).toEqual([1, 3]);
    expect(problems).toMatchObject([{ code: "invalid-json", span: { line: 2, column: 6 } }]);
  });

  it("reports a record cut short in the middle without swallowing the next records", () => {
    const { records, problems } = read(`${A}\n{"c":"cut\n${B}\n${A}\n`);
    expect(records.map((r) => r.span.line)).toEqual([1, 3, 4]);
    expect(problems).toMatchObject([{ code: "invalid-json", span: { line: 2 } }]);
    expect(problems[0]?.message).toContain("cut short");
  });

  it("reads a value that is not an object as a record (the format decides)", () => {
    expect(read("42\n[1]\n").records.map((r) => r.value)).toEqual([42, [1]]);
  });

  it("reports garbage after a record on the same line", () => {
    const { records, problems } = read(`${A} trailing\n`);
    expect(records).toHaveLength(1);
    expect(problems).toMatchObject([{ code: "invalid-json", span: { line: 1, column: 9 } }]);
  });

  it("reports an empty file", () => {
    expect(read("").problems.map((p) => p.code)).toEqual(["empty-file"]);
  });

  it("reports a file that is not text and reads nothing from it", () => {
    const { records, problems } = read(Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x0a]));
    expect(records).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(["not-text"]);
  });

  it("reads a record that straddles the 1 MiB read chunk of a file", () => {
    const long = JSON.stringify({ output: "x".repeat(1_500_000), emoji: "🙂" });
    const path = tempFile("long.jsonl", `${A}\n${long}\n${B}`);
    const events = [...readRecords({ path })];
    expect(events.every((e) => e.record)).toBe(true);
    const spans = events.map((e) => e.record?.span);
    expect(spans.map((s) => s?.line)).toEqual([1, 2, 3]);
    expect(spans[2]?.offset).toBe(A.length + 1 + Buffer.byteLength(long) + 1);
  });

  it("gives the same records from a file as from a buffer", () => {
    const content = `${A}\r\n${B}{"c":2}\n\n${JSON.stringify({ d: 1 }, null, 1)}\n{"e":`;
    const fromFile = [...readRecords({ path: tempFile("same.jsonl", content) })];
    const fromBuffer = [...readRecords({ buffer: Buffer.from(content) })];
    expect(fromFile).toEqual(fromBuffer);
  });
});
