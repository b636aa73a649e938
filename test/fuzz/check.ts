// What must hold for any input, however hostile: the guarantees of lint and fix, checked on one file.
import { expect } from "vitest";
import { analyse, fixBytes, lintSource, readRecords, safetyOf, type Analysis, type Diagnostic, type FixOutcome, type LintOptions, type LintResult } from "../../src/index.js";
import { fixContext } from "../../src/engine/fix-context.js";
import { leadPending } from "./lead-pending.js";
import { linesOf, misplaced } from "./positions.js";
import { untouchedUnitsRewritten } from "./untouched.js";

export interface FuzzCase {
  bytes: Buffer;
  options: LintOptions;
}

/** Read problems of bytes that hold no record: a repair may leave them (unsafe ones), never add to them. */
const UNREADABLE: readonly string[] = ["invalid-json", "truncated-record"];

const keyOf = (d: Diagnostic) => `${d.ruleId}: ${d.message}`;
const describeAll = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.line}:${d.column} ${keyOf(d)}`);
const count = (result: LintResult, ruleId: string) => result.messages.filter((d) => d.ruleId === ruleId).length;

export function checkCase({ bytes, options }: FuzzCase): void {
  const analysis = analyse("fuzzed", { buffer: bytes }, options, { records: true });
  const lint = analysis.result;
  expectSound(bytes, lint, "lint");
  const { needsUnsafe, edited } = offeredRepairs(analysis);
  // With no repair that waits for --unsafe, fix --unsafe is fix: one run checks both.
  for (const unsafe of needsUnsafe.size > 0 ? [false, true] : [false]) {
    const mode = unsafe ? "fix --unsafe" : "fix";
    const outcome = fixBytes("fuzzed", bytes, { ...options, unsafe });
    expectSound(outcome.output, outcome.remaining, `after ${mode}`);
    expectRepaired(lint, outcome, mode, unsafe ? new Set() : needsUnsafe);
    expectReadable(bytes, lint, outcome, options, mode);
    const rewritten = lint.inputFormat ? untouchedUnitsRewritten({ input: bytes, findings: lint.messages, edited, output: outcome.output, format: lint.inputFormat }) : [];
    expect(rewritten, `${mode} rewrote records no finding touched`).toEqual([]);
    // A pretty-printed record a repair lets the reader see whole is written on one line: its pieces,
    // which did not parse apart, are then in the output in other bytes.
    const joined = outcome.applied.some((fix) => fix.ruleId === "multi-line-record");
    if (!unsafe && !joined) expectUnparsedKept(bytes, outcome);
    if (!outcome.changed) continue;
    const again = fixBytes("fuzzed", outcome.output, { ...options, unsafe });
    expect(again.output.equals(outcome.output), `${mode} is not idempotent: a second run applied ${JSON.stringify(again.applied)}`).toBe(true);
  }
}

/** No internal error, and every place inside the file. */
function expectSound(bytes: Buffer, result: LintResult, when: string): void {
  expect(describeAll(result.messages.filter((d) => d.message.includes("internal error"))), `${when}: internal errors`).toEqual([]);
  // A lookup keyed by file data that reached Object.prototype prints a function or an object.
  expect(describeAll(result.messages.filter((d) => /\[object |\[native code\]/.test(d.message))), `${when}: messages with a prototype's value`).toEqual([]);
  const lines = linesOf(bytes);
  const misplacedOnes = result.messages.flatMap((d) => misplaced(d, lines) ?? []);
  expect(misplacedOnes, `${when}: diagnostics outside the file`).toEqual([]);
}

/**
 * "Fixable" means fix repairs it: no finding marked fixable is left once fix has settled, but those
 * whose repair needs --unsafe when it was not given; and each fixable finding of the input is gone.
 */
function expectRepaired(lint: LintResult, outcome: FixOutcome, mode: string, excused: ReadonlySet<Diagnostic>): void {
  expect(outcome.unsettled, `${mode}: rules that kept undoing each other`).toEqual([]);
  const waiting = new Set(outcome.needUnsafe);
  const stillFixable = outcome.remaining.messages.filter((d) => d.fixable && !waiting.has(d));
  expect(describeAll(stillFixable), `${mode} left findings marked fixable`).toEqual([]);
  const left = new Set(outcome.remaining.messages.filter((d) => !waiting.has(d)).map(keyOf));
  const unrepaired = lint.messages.filter((d) => d.fixable && !excused.has(d) && left.has(keyOf(d)));
  expect(describeAll(unrepaired), `${mode} did not repair findings marked fixable`).toEqual([]);
}

/** The input's findings whose repair waits for --unsafe, and the units the repairs offered rewrite, remove or move. */
function offeredRepairs({ adapter, runner, records, profile }: Analysis): { needsUnsafe: Set<Diagnostic>; edited: Set<number> } {
  const needsUnsafe = new Set<Diagnostic>();
  const edited = new Set<number>();
  if (!adapter || !runner) return { needsUnsafe, edited };
  const context = fixContext({ adapter, records, profile });
  for (const [diagnostic, fix] of runner.fixes) {
    if (safetyOf(fix, context) === "unsafe") needsUnsafe.add(diagnostic);
    for (const edit of fix.edits(context) ?? []) if ("record" in edit) edited.add(edit.record);
  }
  return { needsUnsafe, edited };
}

/** The repair is still a file of the same format, with no more bytes that do not read as records than before. */
function expectReadable(bytes: Buffer, lint: LintResult, outcome: FixOutcome, options: LintOptions, mode: string): void {
  if (lint.fatal) return;
  // Read as the input was: a repair that removes what told the formats apart is detected as another.
  const sameRead = options.inputFormat !== undefined || outcome.remaining.inputFormat === lint.inputFormat;
  const after = sameRead ? outcome.remaining : lintSource("fuzzed", { buffer: outcome.output }, { ...options, inputFormat: lint.inputFormat ?? "auto" });
  expect(after.fatal, `${mode}: the repair cannot be read`).toBe(false);
  // Bytes, not findings: a repair beside a cut record may make it read as lines that do not parse.
  if (!leadPending.multiLineTruncation(outcome.output) && !leadPending.multiLineTruncation(bytes)) {
    expect(unreadableBytes(outcome.output), `${mode}: bytes that do not read as records`).toBeLessThanOrEqual(unreadableBytes(bytes));
    expect(count(after, "non-object-record"), `${mode}: non-object-record findings in the repair`).toBeLessThanOrEqual(count(lint, "non-object-record"));
  }
  const documentFormat = lint.inputFormat === "responses" || lint.inputFormat === "chat" || lint.inputFormat === "anthropic";
  if (documentFormat && isBody(bytes)) expect(isBody(outcome.output), `${mode}: the request body no longer parses`).toBe(true);
}

/** How many bytes other than white space lie in values that do not parse (a repair may move a line end in or out). */
function unreadableBytes(bytes: Buffer): number {
  return [...readRecords({ buffer: bytes })].reduce((n, { problem }) => {
    if (!problem || !UNREADABLE.includes(problem.code)) return n;
    const { offset, length } = problem.bytes ?? problem.span;
    return n + bytes.toString("latin1", offset, offset + length).replace(/\s/g, "").length;
  }, 0);
}

/** A request body: one JSON document holding the conversation's array (a bare one, `input` or `messages`). */
function isBody(bytes: Buffer): boolean {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8").replace(/^\ufeff/, ""));
  } catch {
    return false;
  }
  const body = value as { input?: unknown; messages?: unknown } | null;
  return Array.isArray(value) || (typeof body === "object" && body !== null && (Array.isArray(body.input) || Array.isArray(body.messages)));
}

/** A value that does not parse goes only with --unsafe: safe fix keeps its bytes (README, "Files are never lost"). */
function expectUnparsedKept(bytes: Buffer, outcome: FixOutcome): void {
  const kept = outcome.output.toString("latin1");
  const dropped = [...readRecords({ buffer: bytes })].flatMap(({ problem }) => {
    if (problem?.code !== "invalid-json" || !problem.bytes) return [];
    const bad = bytes.toString("latin1", problem.bytes.offset, problem.bytes.offset + problem.bytes.length).trim();
    // A line a byte order mark spoils reads once it comes first and the mark goes: then the rules judge it.
    if (bad.startsWith("\xef\xbb\xbf")) return [];
    return kept.includes(bad) ? [] : [`${problem.span.line}: ${bad.slice(0, 200)}`];
  });
  expect(dropped, "safe fix dropped a value that does not parse").toEqual([]);
}
