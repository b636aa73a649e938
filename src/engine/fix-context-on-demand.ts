// Fix's context on a file it does not hold: the records the chosen fixes read are fetched by reading
// the file again, so a pass holds those records, not the file (memory stays flat as files grow).
import { readHistory } from "../clients/index.js";
import type { FormatAdapter } from "../formats/index.js";
import { collectItems, type Item } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import { safetyOf, type Fix, type FixContext } from "../rule-kit/index.js";
import { fixContext } from "./fix-context.js";
import { FETCH_ROUNDS, inFetchRounds, RecordNotFetched, recordsOnDemand } from "./records-on-demand.js";

export interface ContextOnDemandSetup {
  adapter: FormatAdapter;
  profile: string | undefined;
  cancelText?: string;
  /** How many records the file holds. */
  count: number;
  /** Reads the file again for the records at these indices. */
  fetch(indices: ReadonlySet<number>): Iterable<RawRecord>;
  /** Reads every record of the file again, in order. */
  all(): Iterable<RawRecord>;
}

/**
 * A fix that reads a record not fetched yet stops (`RecordNotFetched`); `prefetch` runs every fix once
 * a round and fetches in one read what they all asked for, and `run` then runs the caller's choice of
 * fixes on the records fetched, exactly as it would with every record at hand. What still asks after
 * a few reads runs with every record (correct, not flat).
 */
export class ContextOnDemand {
  private readonly fetched = new Map<number, RawRecord>();
  private history: readonly Item[] | undefined;
  private readonly context: FixContext;

  constructor(private readonly setup: ContextOnDemandSetup) {
    const items = () => (this.history ??= collectItems(readHistory(setup.adapter.name, setup.all(), {}).events));
    this.context = fixContext({ adapter: setup.adapter, records: recordsOnDemand(setup.count, this.fetched), profile: setup.profile, items, ...(setup.cancelText !== undefined ? { cancelText: setup.cancelText } : {}) });
  }

  /** Fetches the records these fixes read (their safety and their edits), a few reads at most. */
  prefetch(fixes: readonly Fix[]): void {
    const attempt = (fix: Fix) => {
      try {
        safetyOf(fix, this.context);
        fix.edits(this.context);
      } catch (error) {
        // Only a missing record matters here; any other failure shows again, and is reported, when the fix is run.
        if (error instanceof RecordNotFetched) throw error;
      }
    };
    inFetchRounds(fixes, attempt, (indices) => this.take(indices));
  }

  /** `use` with the context: on the records fetched, or, when it asks for others, on every record. */
  run<T>(use: (context: FixContext) => T): T {
    for (let round = 1; round <= FETCH_ROUNDS; round += 1) {
      try {
        return use(this.context);
      } catch (error) {
        if (!(error instanceof RecordNotFetched)) throw error;
        this.take(new Set([error.index]));
      }
    }
    const records = [...this.setup.all()];
    return use(fixContext({ adapter: this.setup.adapter, records, profile: this.setup.profile, ...(this.setup.cancelText !== undefined ? { cancelText: this.setup.cancelText } : {}) }));
  }

  private take(indices: ReadonlySet<number>): void {
    for (const record of this.setup.fetch(indices)) this.fetched.set(record.index, record);
  }
}
