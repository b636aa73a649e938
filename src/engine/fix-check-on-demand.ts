// Lint's check of the offered fixes on a file it streamed: the fixes are run against the records
// they ask for, fetched by reading the file again, not against every record (memory stays flat).
import type { FormatAdapter } from "../formats/index.js";
import type { RawRecord } from "../read/index.js";
import type { Fix } from "../rule-kit/index.js";
import type { Diagnostic } from "./diagnostic.js";
import { fixContext, settleFix, withdrawInapplicableFixes } from "./fix-context.js";
import { inFetchRounds, recordsOnDemand, WholeFileNeeded } from "./records-on-demand.js";

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
  const offered = diagnostics.filter((diagnostic) => fixes.has(diagnostic));
  const take = (indices: ReadonlySet<number>) => {
    for (const record of setup.fetch(indices)) fetched.set(record.index, record);
  };
  const pending = inFetchRounds(offered, (diagnostic) => settleFix(diagnostic, fixes, (fixes.get(diagnostic) as Fix).edits(context)), take);
  if (pending.length > 0) withdrawInapplicableFixes(pending, fixes, fixContext({ adapter: setup.adapter, records: setup.all(), profile: setup.profile }));
}
