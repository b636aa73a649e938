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
