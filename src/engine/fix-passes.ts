// The passes of a repair: lint, choose the fixes that go together, write them, until nothing changes.
// One loop for a file held whole and one streamed from disk (fix-stream.ts): only the medium differs.
import type { Edit } from "../formats/index.js";
import { safetyOf, type Fix, type FixContext } from "../rule-kit/index.js";
import type { Diagnostic, LintResult } from "./diagnostic.js";
import type { Analysis, LintOptions } from "./lint-file.js";
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

/** What a repair came to, whatever holds its output (`T`: a buffer, or a file). */
export interface Settled<T> {
  output: T;
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
  /** How the format lays out its records, when it was recognised: an append to "lines" is whole new records. */
  layout?: "lines" | "document";
}

/** Passes before the loop gives up and names the rules that keep changing the file. */
export const MAX_PASSES = 10;

/** The fix context of one pass, and a way to fetch what the fixes will read before they run. */
export interface PassContext {
  prefetch(fixes: readonly Fix[]): void;
  run<R>(use: (context: FixContext) => R): R;
}

/**
 * What a pass keeps of its analysis: the result, the fixes offered, what the medium writes with. Not
 * the rule runner: its state (every call id of a gigabyte rollout) would outlive the lint by a write.
 */
export type PassAnalysis = Pick<Analysis, "result" | "adapter" | "records" | "profile" | "recordCount" | "survey"> & { fixes?: Map<Diagnostic, Fix> };

export function passOf({ result, adapter, records, profile, recordCount, survey, runner }: Analysis): PassAnalysis {
  return { result, records, ...(adapter ? { adapter } : {}), ...(profile ? { profile } : {}), ...(recordCount !== undefined ? { recordCount } : {}), ...(survey ? { survey } : {}), ...(runner ? { fixes: runner.fixes } : {}) };
}

/** Where a repair's versions of the file live: in memory, or in files beside the target. */
export interface FixMedium<T> {
  analyse(current: T): PassAnalysis;
  /** How many records the analysed version holds. */
  recordCount(analysis: PassAnalysis): number;
  context(current: T, analysis: PassAnalysis): PassContext;
  /** The version with the edits applied, and whether it is the same bytes (then `next` is `current`). */
  apply(current: T, analysis: PassAnalysis, edits: readonly Edit[]): { next: T; same: boolean };
  /** Whether the output differs from the bytes the repair started from. */
  changed(output: T): boolean;
}

export function settle<T>(medium: FixMedium<T>, start: T, options: FixOptions): Settled<T> {
  let current = start;
  const applied: AppliedFix[] = [];
  let needUnsafe: Diagnostic[] = [];
  let pruned: Omit<Pruned, "edits"> | undefined;
  let layout: Settled<T>["layout"];
  const finish = (output: T, unsettled: string[], remaining: LintResult): Settled<T> => ({
    output,
    changed: medium.changed(output),
    applied,
    needUnsafe,
    unsettled,
    remaining,
    ...(pruned ? { pruned } : {}),
    ...(layout ? { layout } : {}),
  });
  let readRepairsSettled = false;
  for (let pass = 1; ; pass += 1) {
    const step = lintAndChoose(medium, current, options, { readRepairsSettled, prune: options.maxTokens !== undefined && !pruned });
    if ("stop" in step) return finish(current, [], step.stop);
    const { analysis, chosen, budget } = step;
    layout = step.layout;
    needUnsafe = chosen.needUnsafe;
    if (budget) {
      // The repairs have settled: now the budget, once; the passes after it clean up what it leaves.
      const { edits, ...report } = budget;
      pruned = report;
      if (edits.length > 0) {
        current = medium.apply(current, analysis, edits).next;
        continue;
      }
    }
    if (chosen.edits.length === 0) return finish(current, [], analysis.result);
    if (pass > MAX_PASSES) {
      const unsettled = [...new Set(chosen.applied.map((fix) => fix.ruleId))];
      return finish(current, unsettled, analysis.result);
    }
    const { next, same } = medium.apply(current, analysis, chosen.edits);
    if (same) {
      // Read repairs that change nothing must not keep the other repairs from their pass.
      if (chosen.readRepairsOnly && !readRepairsSettled) {
        readRepairsSettled = true;
        continue;
      }
      return finish(current, [], analysis.result);
    }
    applied.push(...chosen.applied);
    current = next;
  }
}

type Step<T> = { stop: LintResult } | { analysis: PassAnalysis; layout: Settled<T>["layout"]; chosen: ReturnType<typeof chooseFixes>; budget?: Pruned };

/**
 * One pass's lint and choice of fixes (and, once they settle, of what --max-tokens drops). The fixes
 * offered go with this frame: they hold the rules' state (every call id of a gigabyte rollout), which
 * must not stay alive through the write and the next pass's lint.
 */
function lintAndChoose<T>(medium: FixMedium<T>, current: T, options: FixOptions, state: { readRepairsSettled: boolean; prune: boolean }): Step<T> {
  const { fixes, ...analysis } = medium.analyse(current);
  const { adapter } = analysis;
  if (!adapter || !fixes || analysis.result.fatal) return { stop: analysis.result };
  const layout = adapter.layout === "lines" || medium.recordCount(analysis) > 1 ? "lines" : "document";
  const context = medium.context(current, analysis);
  context.prefetch([...fixes.values()]);
  const chosen = context.run((fixing) => chooseFixes(analysis.result.messages, fixes, fixing, options.unsafe === true, state.readRepairsSettled));
  const budget = options.maxTokens;
  if (chosen.edits.length > 0 || !state.prune || budget === undefined) return { analysis, layout, chosen };
  return { analysis, layout, chosen, budget: context.run((fixing) => pruneToBudget(fixing.items(), budget, fixing.profile, adapter, fixing)) };
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

function chooseFixes(all: readonly Diagnostic[], fixes: Map<Diagnostic, Fix>, context: FixContext, unsafe: boolean, readRepairsSettled: boolean) {
  const readRepairs = readRepairsSettled ? [] : all.filter((d) => READ_REPAIRS.has(d.ruleId) && fixes.has(d) && (unsafe || safetyOf(fixes.get(d) as Fix, context) === "safe"));
  const diagnostics = readRepairs.length > 0 ? readRepairs : all;
  const readRepairsOnly = readRepairs.length > 0;
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
  return { edits, applied, needUnsafe, readRepairsOnly };
}
