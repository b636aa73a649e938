// Repairs one file's bytes: applies the fixes the rules offer, pass after pass, until nothing changes.
import { readHistory } from "../clients/index.js";
import type { Edit, FormatAdapter } from "../formats/index.js";
import { elementOf } from "../formats/cancelled-output.js";
import { isObject } from "../formats/json-shape.js";
import type { Item } from "../history/index.js";
import { PROFILES } from "../profiles/index.js";
import type { RawRecord } from "../read/index.js";
import { collectItems } from "../history/index.js";
import { safetyOf, type Fix, type FixContext } from "../rule-kit/index.js";
import type { Diagnostic, LintResult } from "./diagnostic.js";
import { analyse, type LintOptions } from "./lint-file.js";
import { pruneToBudget, type Pruned } from "./prune.js";

export interface FixOptions extends LintOptions {
  /** Also apply fixes that take judgement (they may drop data). */
  unsafe?: boolean;
  /** The output text for cancelled calls, instead of the client's own. */
  cancelText?: string;
  /** Drop the oldest tool calls until the history fits this many tokens (it loses data: only on request). */
  maxTokens?: number;
}

export interface AppliedFix {
  ruleId: string;
  line: number;
  safety: "safe" | "unsafe";
}

export interface FixOutcome {
  output: Buffer;
  changed: boolean;
  applied: AppliedFix[];
  /** Problems with an unsafe fix that was not applied (run with --unsafe). */
  needUnsafe: Diagnostic[];
  /** Rules whose fixes kept undoing each other when ten passes were not enough. */
  unsettled: string[];
  /** The result of linting the output. */
  remaining: LintResult;
  /** What --max-tokens dropped, when it was given. */
  pruned?: Omit<Pruned, "edits">;
}

/** Passes before the loop gives up and names the rules that keep changing the file. */
export const MAX_PASSES = 10;

export function fixBytes(filePath: string, bytes: Buffer, options: FixOptions = {}): FixOutcome {
  let current = bytes;
  const applied: AppliedFix[] = [];
  let needUnsafe: Diagnostic[] = [];
  let pruned: Omit<Pruned, "edits"> | undefined;
  const finish = (output: Buffer, unsettled: string[], remaining: LintResult): FixOutcome => ({
    output,
    changed: !output.equals(bytes),
    applied,
    needUnsafe,
    unsettled,
    remaining,
    ...(pruned ? { pruned } : {}),
  });
  for (let pass = 1; ; pass += 1) {
    const analysis = analyse(filePath, { buffer: current }, options, { records: true });
    const { adapter, runner } = analysis;
    if (!adapter || !runner || analysis.result.fatal) return finish(current, [], analysis.result);
    const context = fixContext(adapter, analysis.records, analysis.profile, options);
    const chosen = chooseFixes(analysis.result.messages, runner.fixes, context, options.unsafe === true);
    needUnsafe = chosen.needUnsafe;
    if (chosen.edits.length === 0 && options.maxTokens !== undefined && !pruned) {
      // The repairs have settled: now the budget, once; the passes after it clean up what it leaves.
      const { edits, ...report } = pruneToBudget(context.items(), options.maxTokens, context.profile, adapter, context);
      pruned = report;
      if (edits.length > 0) {
        current = adapter.applyEdits(current, analysis.records, edits);
        continue;
      }
    }
    if (chosen.edits.length === 0) return finish(current, [], analysis.result);
    if (pass > MAX_PASSES) {
      const unsettled = [...new Set(chosen.applied.map((fix) => fix.ruleId))];
      return finish(current, unsettled, analysis.result);
    }
    const next = adapter.applyEdits(current, analysis.records, chosen.edits);
    if (next.equals(current)) return finish(current, [], analysis.result);
    applied.push(...chosen.applied);
    current = next;
  }
}

function fixContext(adapter: FormatAdapter, records: RawRecord[], profile: string | undefined, options: FixOptions): FixContext {
  const profileData = PROFILES[(profile ?? "openai-responses") as keyof typeof PROFILES];
  const body = adapter.layout === "document" && records.length === 1 ? records[0]?.value : undefined;
  const array = Array.isArray(body) ? body : isObject(body) ? ((body.input ?? body.messages ?? body.contents) as unknown) : undefined;
  const elements = Array.isArray(array) ? array : undefined;
  let items: Item[] | undefined;
  return {
    items: () => (items ??= collectItems(readHistory(adapter.name, records, {}).events)),
    records,
    format: adapter.name,
    adapter,
    profile: profileData,
    cancelText: options.cancelText ?? profileData.cancelText,
    unitValue: (unit) => (elements ? elements[unit] : records[unit]?.value),
    unitOf: (item) => unitOf(item, records, elements),
    containerOf: (item) => (elements ? elementOf(item.source.pointer) : item.source.record),
  };
}

/** The unit that is this item and nothing else: a whole record or element, or one whose content is this one block. */
function unitOf(item: Item, records: RawRecord[], elements: unknown[] | undefined): number | undefined {
  const { pointer, record } = item.source;
  const onlyBlock = (holder: unknown) => {
    const content = isObject(holder) ? holder.content : undefined;
    return Array.isArray(content) && content.length === 1;
  };
  if (elements) {
    const element = elementOf(pointer);
    if (element === undefined) return undefined;
    if (/^\/(input|messages|contents)\/\d+$/.test(pointer)) return element;
    return /^\/messages\/\d+\/content\/0$/.test(pointer) && onlyBlock(elements[element]) ? element : undefined;
  }
  if (pointer === "" || pointer === "/payload") return record;
  const value = records[record]?.value;
  return pointer === "/message/content/0" && isObject(value) && onlyBlock(value.message) ? record : undefined;
}

/** What an edit touches: units it rewrites, and byte ranges it drops. Two fixes that share one do not go together. */
function touches(edit: Edit): string[] {
  if (edit.op === "insert") return [];
  if (edit.op === "drop-bytes") return [`bytes:${edit.offset}`];
  if (edit.op === "renumber") return ["renumber"];
  return [`unit:${edit.record}`];
}

/**
 * Repairs that bring records back into what the client reads (a line split or joined, bytes dropped,
 * the session meta moved). They go alone in a pass: the history the other rules judge changes with
 * them, and a call whose output sat on a skipped line must get that output back, not an "aborted" one.
 */
const READ_REPAIRS = new Set(["byte-order-mark", "multi-record-line", "multi-line-record", "truncated-record", "invalid-json", "non-object-record", "missing-session-meta"]);

function chooseFixes(all: readonly Diagnostic[], fixes: Map<Diagnostic, Fix>, context: FixContext, unsafe: boolean) {
  const readRepairs = all.filter((d) => READ_REPAIRS.has(d.ruleId) && fixes.has(d) && (unsafe || safetyOf(fixes.get(d) as Fix, context) === "safe"));
  const diagnostics = readRepairs.length > 0 ? readRepairs : all;
  const edits: Edit[] = [];
  const applied: AppliedFix[] = [];
  const needUnsafe: Diagnostic[] = [];
  const taken = new Set<string>();
  for (const diagnostic of diagnostics) {
    const fix = fixes.get(diagnostic);
    if (!fix) continue;
    if (safetyOf(fix, context) === "unsafe" && !unsafe) {
      needUnsafe.push(diagnostic);
      continue;
    }
    const own = fix.edits(context);
    if (!own || own.length === 0) continue;
    const keys = own.flatMap(touches);
    if (keys.some((key) => taken.has(key))) continue; // the next pass takes it
    keys.forEach((key) => taken.add(key));
    edits.push(...own);
    applied.push({ ruleId: diagnostic.ruleId, line: diagnostic.line, safety: safetyOf(fix, context) });
  }
  return { edits, applied, needUnsafe };
}
