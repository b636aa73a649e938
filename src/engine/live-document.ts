// A request body's analysis kept open: a longer body that repeats it and adds elements to its array is
// checked by feeding the rules only the new elements' items (the mock's prefix cache, issue 16).
import { readHistory } from "../clients/index.js";
import type { FormatAdapter } from "../formats/index.js";
import type { Item } from "../history/index.js";
import type { ProviderError } from "../profiles/index.js";
import { readRecords, type RawRecord, type ReadEvent } from "../read/index.js";
import { sortDiagnostics, type Diagnostic } from "./diagnostic.js";
import type { RuleRunner } from "./rule-runner.js";

/** The array each document format's history is in. */
const ARRAY_KEY: Partial<Record<string, string>> = { responses: "input", chat: "messages", anthropic: "messages" };

/** What an analysis of a body gives the mock: its value, its findings in lint's order, their provider answers, its items. */
export interface DocumentFindings {
  value: Record<string, unknown>;
  messages: Diagnostic[];
  errors: ReadonlyMap<Diagnostic, ProviderError>;
  items: Item[];
}

/** The one record of a body when reading it found nothing wrong with its bytes. */
export function soleRecord(events: Iterable<ReadEvent>): RawRecord | undefined {
  let record: RawRecord | undefined;
  for (const event of events) {
    if (event.problem || record) return undefined;
    record = event.record;
  }
  return record;
}

/** The array of a body object, under its format's key. */
function arrayOf(format: string, value: unknown): unknown[] | undefined {
  const key = ARRAY_KEY[format];
  if (key === undefined || typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const array = (value as Record<string, unknown>)[key];
  return Array.isArray(array) ? array : undefined;
}

export class LiveDocument {
  private constructor(
    private readonly adapter: FormatAdapter,
    private readonly runner: RuleRunner,
    private readonly items: Item[],
    /** The elements of the array read so far. */
    private elements: number,
  ) {}

  static open(adapter: FormatAdapter, records: readonly RawRecord[], head: readonly ReadEvent[], runner: RuleRunner, items: Item[] | undefined): LiveDocument | undefined {
    const record = records.length === 1 ? records[0] : undefined;
    const array = record ? arrayOf(adapter.name, record.value) : undefined;
    // Read problems and record-level findings belong to the body as a whole: only a clean body with elements is continued.
    if (adapter.layout !== "document" || !array || array.length === 0 || !items || head.some((event) => event.problem)) return undefined;
    return new LiveDocument(adapter, runner, [...items], array.length);
  }

  get elementCount(): number {
    return this.elements;
  }

  /** The body of `bytes` when it reads as one clean record whose array holds at least the elements read so far. */
  read(bytes: Buffer): RawRecord | undefined {
    const record = soleRecord(readRecords({ buffer: bytes }));
    const array = record ? arrayOf(this.adapter.name, record.value) : undefined;
    // The forced format must still fit (lint refuses a body that reads as another format).
    return array && array.length >= this.elements && this.adapter.detect([record?.value]) > 0 ? record : undefined;
  }

  /**
   * Feeds the rules the elements `record` adds, and gives the findings of the whole body, as a fresh
   * analysis would. `record` must repeat the elements read so far byte for byte, and the other fields.
   */
  extend(record: RawRecord): DocumentFindings {
    const stream = readHistory(this.adapter.name, [record], { fromElement: this.elements });
    for (const event of stream.events) {
      if (event.type === "reset" || event.type === "rollback") throw new Error("a request body has no compaction or rollback");
      this.runner.item(event, this.items.length);
      this.items.push(event);
    }
    this.elements = (arrayOf(this.adapter.name, record.value) as unknown[]).length;
    return { value: record.value as Record<string, unknown>, messages: sortDiagnostics(this.runner.findingsSoFar()), errors: this.runner.errors, items: [...this.items] };
  }
}

export const openDocument = LiveDocument.open;
