// Repairs one file's bytes held whole: applies the fixes the rules offer, pass after pass, until nothing changes.
import { fixContext } from "./fix-context.js";
import { passOf, settle, type FixMedium, type FixOptions, type Settled } from "./fix-passes.js";
import { analyse, internalError } from "./lint-file.js";

export { MAX_PASSES, type AppliedFix, type FixOptions } from "./fix-passes.js";

export type FixOutcome = Settled<Buffer>;

export function fixBytes(filePath: string, bytes: Buffer, options: FixOptions = {}): FixOutcome {
  try {
    return settle(inMemory(filePath, bytes, options), bytes, options);
  } catch (error) {
    // Nothing is written for a file histlint itself failed on.
    return { output: bytes, changed: false, applied: [], needUnsafe: [], unsettled: [], remaining: internalError(filePath, error) };
  }
}

/** Each version a buffer; every record of it parsed and held for the fixes. */
function inMemory(filePath: string, original: Buffer, options: FixOptions): FixMedium<Buffer> {
  return {
    analyse: (current) => passOf(analyse(filePath, { buffer: current }, options, { records: true })),
    recordCount: (analysis) => analysis.records.length,
    context(_current, { adapter, records, profile }) {
      const context = fixContext({ adapter: adapter as NonNullable<typeof adapter>, records, profile, ...(options.cancelText !== undefined ? { cancelText: options.cancelText } : {}) });
      return { prefetch: () => undefined, run: (use) => use(context) };
    },
    apply(current, { adapter, records }, edits) {
      const next = (adapter as NonNullable<typeof adapter>).applyEdits(current, records, edits);
      return { next, same: next.equals(current) };
    },
    changed: (output) => !output.equals(original),
  };
}
