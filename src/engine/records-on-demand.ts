// The records of a streamed file as an array that holds only those asked for: lint checks each
// offered fix against the file without holding every record of it (memory stays flat).
import type { RawRecord } from "../read/index.js";

/** A fix asked for a record the view does not hold yet: fetch it and ask again. */
export class RecordNotFetched {
  constructor(readonly index: number) {}
}

/** A fix asked for something that needs the whole file (its history): check it against every record. */
export class WholeFileNeeded {}

/**
 * An array of `count` records of which only `fetched` are held. Reading any other index throws
 * `RecordNotFetched`, so a fix never runs on a record it has not seen: it is run again once that
 * record is fetched, and its edits are those it would build with every record at hand.
 */
export function recordsOnDemand(count: number, fetched: ReadonlyMap<number, RawRecord>): readonly RawRecord[] {
  const indexOf = (key: string | symbol): number | undefined => {
    if (typeof key !== "string" || !/^(?:0|[1-9]\d*)$/.test(key)) return undefined;
    return Number(key);
  };
  return new Proxy([] as RawRecord[], {
    get(target, key, receiver) {
      if (key === "length") return count;
      const index = indexOf(key);
      if (index === undefined) return Reflect.get(target, key, receiver);
      if (index >= count) return undefined;
      const record = fetched.get(index);
      if (!record) throw new RecordNotFetched(index);
      return record;
    },
    has(target, key) {
      const index = indexOf(key);
      return index === undefined ? Reflect.has(target, key) : index < count;
    },
  });
}

/** Reads of the file for the records fixes ask for, before what still asks is run with every record. */
export const FETCH_ROUNDS = 4;

/**
 * Runs `attempt` on each task over the records fetched so far. The tasks that stopped on a record not
 * fetched yet are run again after one read (`take`) of everything they asked for, `FETCH_ROUNDS` runs at
 * most, so a file is read a few times, not once a fix. A task that fails otherwise stops the rounds: it
 * and the tasks after it are left as they were, for the caller to run with every record, in order.
 * Returns the tasks left, in their order.
 */
export function inFetchRounds<T>(tasks: readonly T[], attempt: (task: T) => void, take: (indices: ReadonlySet<number>) => void): T[] {
  let pending = [...tasks];
  for (let round = 1; pending.length > 0; round += 1) {
    const wanted = new Set<number>();
    const again: T[] = [];
    for (const [i, task] of pending.entries()) {
      try {
        attempt(task);
      } catch (error) {
        if (!(error instanceof RecordNotFetched)) return [...again, ...pending.slice(i)];
        wanted.add(error.index);
        again.push(task);
      }
    }
    pending = again;
    if (pending.length === 0 || round === FETCH_ROUNDS) break;
    take(wanted);
  }
  return pending;
}
