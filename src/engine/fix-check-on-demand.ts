// Lint's check of the offered fixes on a file it streamed: the fixes are run against the records
// they ask for, fetched by reading the file again, not against every record (memory stays flat).
import type { FormatAdapter } from "../formats/index.js";
import type { RawRecord } from "../read/index.js";
import type { Fix } from "../rule-kit/index.js";
import type { Diagnostic } from "./diagnostic.js";
import { fixContext, settleFix, withdrawInapplicableFixes } from "./fix-context.js";
import { RecordNotFetched, recordsOnDemand, WholeFileNeeded } from "./records-on-demand.js";

/** Reads of the file before the fixes still asking for records are checked against all of them (a fix that walks far). */
const FETCH_ROUNDS = 4;
/** Records fetched after each one asked for (a fix that walks forward asks again; a record can be megabytes, so none by default). */
const READ_AHEAD = 0;

export interface OnDemandSetup {
  adapter: FormatAdapter;
  profile: string | undefined;
  /** How many records the file holds. */
  count: number;
  /** Reads the file again for the records at these indices. */
  fetch(indices: ReadonlySet<number>): Iterable<RawRecord>;
  /** Reads every record of the file again. */
  all(): RawRecord[];
}

/**
 * `withdrawInapplicableFixes` with records fetched as the fixes ask for them. A fix that reads a
 * record not fetched yet stops (`RecordNotFetched`) and runs again once it is, so every fix decides
 * on the records it would see with the whole file at hand. What is left after a few reads, and
 * everything from a fix that fails otherwise or needs the history, is checked with every record,
 * in the findings' order, exactly as before.
 */
export function withdrawInapplicableFixesOnDemand(diagnostics: readonly Diagnostic[], fixes: Map<Diagnostic, Fix>, setup: OnDemandSetup): void {
  const fetched = new Map<number, RawRecord>();
  const needsHistory = (): never => {
    throw new WholeFileNeeded();
  };
  const context = fixContext({ adapter: setup.adapter, records: recordsOnDemand(setup.count, fetched), profile: setup.profile, items: needsHistory });
  let pending = diagnostics.filter((diagnostic) => fixes.has(diagnostic));
  for (let round = 1; pending.length > 0 && round <= FETCH_ROUNDS; round += 1) {
    const wanted = new Set<number>();
    const again: Diagnostic[] = [];
    let failed = -1;
    for (const [i, diagnostic] of pending.entries()) {
      let edits: readonly unknown[] | undefined;
      try {
        edits = (fixes.get(diagnostic) as Fix).edits(context);
      } catch (error) {
        if (!(error instanceof RecordNotFetched)) {
          failed = i;
          break;
        }
        for (let index = error.index; index <= error.index + READ_AHEAD && index < setup.count; index += 1) wanted.add(index);
        again.push(diagnostic);
        continue;
      }
      settleFix(diagnostic, fixes, edits);
    }
    // A fix that failed for another reason: it and the ones not settled go to the whole file, in order.
    pending = failed === -1 ? again : [...again, ...pending.slice(failed)];
    if (failed !== -1 || pending.length === 0 || round === FETCH_ROUNDS) break;
    for (const record of setup.fetch(wanted)) fetched.set(record.index, record);
  }
  if (pending.length > 0) withdrawInapplicableFixes(pending, fixes, fixContext({ adapter: setup.adapter, records: setup.all(), profile: setup.profile }));
}
