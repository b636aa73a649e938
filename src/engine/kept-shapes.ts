// Keeps the last records and items linted, and an empty pairing index, alive from one file to the next, for V8 to keep their hidden classes.
import type { Item } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import { PairingIndex } from "../rule-kit/index.js";

/**
 * V8 keeps an object's hidden class only while some object has it. Between two files nothing of the
 * first is left: a collection there frees the classes of its parsed records, of its items (built
 * field by field: each set of optional fields is a class) and of the rules' index, and every
 * optimised function that checks them (the readers, the rules' hooks) is thrown away and compiled
 * again for the next file: 23 times over 8 files of 25 MB, against 5 on one file of 200 MB. A few
 * dozen of the latest records and items hold the classes a history's take.
 */
const KEPT = 32;
/** A longer record is not kept, nor its items: they would hold its whole text into the next file. */
const KEPT_RECORD_BYTES = 16 * 1024;

const records: RawRecord[] = [];
const items: Item[] = [];
let nextRecord = 0;
let nextItem = 0;
/** Items are made from the record read last (lines are read as the history asks for them). */
let lastRecordKept = false;

// Never read: it is here for its class to stay alive.
const index = new PairingIndex();

/** Keeps a record the rules saw, in place of the oldest one kept. */
export function keepRecordShape(record: RawRecord): void {
  lastRecordKept = record.span.length <= KEPT_RECORD_BYTES;
  if (!lastRecordKept) return;
  records[nextRecord] = record;
  nextRecord = nextRecord + 1 === KEPT ? 0 : nextRecord + 1;
}

/** Keeps an item the rules saw, in place of the oldest one kept. */
export function keepItemShape(item: Item): void {
  if (!lastRecordKept) return;
  items[nextItem] = item;
  nextItem = nextItem + 1 === KEPT ? 0 : nextItem + 1;
}

/** What is kept, for a test. */
export function keptShapes(): { records: readonly RawRecord[]; items: readonly Item[]; index: PairingIndex } {
  return { records, items, index };
}
