// Agents resend their whole conversation every turn, one turn longer: a body that repeats an earlier one's
// text up to the end of its array's last element (same endpoint, profile and other fields) is checked by
// feeding that body's open analysis only the elements it adds.
import { isUtf8 } from "node:buffer";
import type { LiveDocument } from "../engine/index.js";
import type { ProfileName } from "../profiles/index.js";
import type { RawRecord } from "../read/index.js";
import { addedElements, arrayElements } from "./body-array.js";
import { continuedRecord, keptBody, type KeptBody } from "./continued-body.js";
import { sha1 } from "./digest.js";
import { LENT_BODY_BYTES } from "./http-body.js";
import { FORMAT, inspectionOf, inspectOpen, type Api, type Inspection } from "./validate.js";

const ARRAY_KEY: Partial<Record<Api, string>> = { responses: "input", chat: "messages", anthropic: "messages" };

/** What an entry is counted as: its text, and the items and rule state, a few times the JSON's size. */
const BYTES_PER_TEXT_CHAR = 4;

/** Bodies from this size on are continued from an earlier one; see the constructor. */
export const SMALLEST_CONTINUED_BODY = 0;

interface Entry {
  /** The endpoint and profile, which the bucket's key starts with. */
  scope: string;
  /** The key of the bucket the entry is filed under (`bucketKey`). */
  bucket: string;
  /** The body's bytes up to the end of its array's last element. */
  prefix: KeptPrefix;
  /** The fields other than the array, in order: the rules read them (model, tools, instructions, parameters). */
  others: string;
  /** The body's record and its text after the prefix, to read a longer body from without parsing the prefix again. */
  body: KeptBody;
  live: LiveDocument;
  size: number;
}

/** What is kept of an entry, before `keep` files it. */
type Unfiled = Omit<Entry, "bucket" | "size">;

/**
 * A prefix: its bytes, or for a long body its length and SHA-1. A long body is read into a buffer the
 * server lends for one request and reads the next long body into (`BodyBuffers`), so it is not kept.
 */
interface KeptPrefix {
  length: number;
  bytes: Buffer | undefined;
  digest: string | undefined;
  /** The prefix's last bytes (a copy of its own for a long body), compared before the rest. */
  end: Buffer;
}

/** The bytes at the end of a prefix compared first: conversations that start alike differ there. */
const END_BYTES = 64;

function keptPrefix(body: Buffer, length: number): KeptPrefix {
  const bytes = body.subarray(0, length);
  const end = bytes.subarray(Math.max(0, length - END_BYTES));
  return body.length < LENT_BODY_BYTES ? { length, bytes, digest: undefined, end } : { length, bytes: undefined, digest: sha1(bytes), end: Buffer.from(end) };
}

/**
 * Whether `body` starts with the prefix. Its end first: a bucket can hold several conversations that start alike
 * until the prefix passes the next window (Codex's 21 KB of instructions, then each its own turns), and each of
 * them but one would cost a compare of all they share, or for a long body a SHA-1 of all of it.
 */
function repeats(body: Buffer, prefix: KeptPrefix): boolean {
  if (body.length < prefix.length) return false;
  if (body.compare(prefix.end, 0, prefix.end.length, prefix.length - prefix.end.length, prefix.length) !== 0) return false;
  if (prefix.bytes) return body.compare(prefix.bytes, 0, prefix.length, 0, prefix.length) === 0;
  return sha1(body.subarray(0, prefix.length)) === prefix.digest;
}

/** The bytes of each window of a prefix that go into the key of its bucket. */
const WINDOW_BYTES = 64;
/** Windows start at the body's first byte, and at this offset and each power of two after it. */
const FIRST_FAR_WINDOW = 4096;

/**
 * The windows a text of `length` bytes holds, the farthest first. An entry is filed under all the windows its
 * prefix holds: two conversations are filed apart when they differ in any of them, both those that differ from
 * their first message on and those that start alike for tens of kilobytes (a client's instructions) and differ
 * after. A longer body that repeats the prefix holds the same windows, and more after them.
 */
export function windowsOf(length: number): number[] {
  if (length < WINDOW_BYTES) return [];
  const windows = [0];
  for (let at = FIRST_FAR_WINDOW; at + WINDOW_BYTES <= length; at *= 2) windows.unshift(at);
  return windows;
}

/** The key of the bucket of bodies of `scope` that hold these bytes at these windows: the bytes read as latin1 (one character a byte, no hashing). */
function bucketKey(scope: string, bytes: Buffer, windows: readonly number[]): string {
  let key = `${scope}\n${windows.length}\n`;
  for (const at of windows) key += bytes.toString("latin1", at, at + WINDOW_BYTES);
  return key;
}

/** The fields of a body other than `key`, as one string two bodies with equal fields share (the array's place kept). */
function otherFields(body: Record<string, unknown>, key: string): string {
  return JSON.stringify(Object.keys(body).map((name) => (name === key ? [name] : [name, body[name]])));
}

/** A bounded least-recently-used set of open analyses, found by windows of the prefix they stand for. */
export class PrefixCache {
  private readonly buckets = new Map<string, Entry[]>();
  /** Every entry, oldest use first. */
  private readonly order = new Set<Entry>();
  private size = 0;
  private continuedBodies = 0;

  /**
   * `limit`: the bytes the entries may take together, counted as above; 0 keeps none. `smallest`: bodies
   * shorter are validated fresh (measured: below some 100 KB a hit's parse, scan and kept state cost as much as validating).
   */
  constructor(
    private readonly limit: number,
    private readonly smallest = SMALLEST_CONTINUED_BODY,
  ) {}

  /** How many open analyses are kept, and how many bodies were answered from one (a measure for tests and benchmarks). */
  get stats(): { entries: number; continued: number } {
    return { entries: this.order.size, continued: this.continuedBodies };
  }

  /** The inspection `inspect` gives: continued from an earlier body this one extends, or fresh (and kept open). */
  inspect(api: Api, bytes: Buffer, profile: ProfileName): Inspection {
    const key = ARRAY_KEY[api];
    if (this.limit === 0 || key === undefined || bytes.length < this.smallest) return inspectOpen(api, bytes, profile, false).inspection;
    const scope = `${api}\n${profile}`;
    // Another conversation can share the prefix and differ in the other fields (its own `prompt_cache_key`): each is tried.
    for (const entry of this.candidates(scope, bytes)) {
      const continued = this.continued(api, entry, bytes, key);
      if (continued) return continued;
    }
    const { inspection, live, record } = inspectOpen(api, bytes, profile, windowsOf(bytes.length).length > 0);
    if (live && record && inspection.kind !== "unparsable") {
      const text = bytes.toString("utf8");
      const array = arrayElements(text, key);
      // The scan and the parse must agree on the elements, or the body is not one a prefix can stand for.
      if (array && array.ends.length === live.elementCount) {
        const last = array.ends.at(-1) as number;
        const prefix = keptPrefix(bytes, Buffer.byteLength(text.slice(0, last)));
        const body = keptBody({ record, key, rest: text.slice(last), restBytes: bytes.length - prefix.length, close: array.close - last });
        this.keep({ scope, prefix, others: otherFields(inspection.body, key), body, live }, bytes, 0);
      }
    }
    return inspection;
  }

  /**
   * The entries whose prefix `bytes` repeats, the longest prefixes' buckets first. An entry is filed under the windows
   * its prefix holds, and `bytes`, which is longer, holds them too: its windows are tried from all of them down to the
   * first alone, and the bytes themselves decide (comparing a long body's bytes once costs less than decoding or scanning it).
   */
  private *candidates(scope: string, bytes: Buffer): Generator<Entry> {
    const windows = windowsOf(bytes.length);
    for (let farthest = 0; farthest < windows.length; farthest += 1) {
      for (const entry of this.buckets.get(bucketKey(scope, bytes, windows.slice(farthest))) ?? []) if (repeats(bytes, entry.prefix)) yield entry;
    }
  }

  /** The inspection of `bytes` from `entry`'s open analysis, which is then kept under this body; undefined when the body does not continue it. */
  private continued(api: Api, entry: Entry, bytes: Buffer, key: string): Inspection | undefined {
    // The prefix ends with an element's closing byte, so what follows starts on a character boundary.
    const rest = bytes.toString("utf8", entry.prefix.length);
    const restBytes = bytes.length - entry.prefix.length;
    const read = continuedRecord(FORMAT[api], entry.body, rest, restBytes) ?? this.readWhole(entry, bytes, rest, key);
    if (!read) return undefined;
    // Extending the analysis moves it past this entry's prefix: the entry goes, and comes back under the longer one.
    this.drop(entry);
    this.continuedBodies += 1;
    const inspection = inspectionOf(api, entry.live.extend(read.record));
    const { last } = read;
    const prefix = last === 0 ? entry.prefix : keptPrefix(bytes, entry.prefix.length + Buffer.byteLength(rest.slice(0, last)));
    const body = keptBody({ record: read.record, key, rest: rest.slice(last), restBytes: bytes.length - prefix.length, close: read.close - last, previous: entry.body });
    this.keep({ ...entry, prefix, body }, bytes, entry.prefix.length);
    return inspection;
  }

  /** The body read whole (its bytes as the reader sees them), when it repeats the entry's other fields. */
  private readWhole(entry: Entry, bytes: Buffer, rest: string, key: string): { record: RawRecord; last: number; close: number } | undefined {
    const added = addedElements(rest, 0, key);
    if (!added) return undefined;
    const record = entry.live.read(bytes);
    const body = record?.value as Record<string, unknown> | undefined;
    if (!record || !body || (body[key] as unknown[]).length !== entry.live.elementCount + added.ends.length || otherFields(body, key) !== entry.others) return undefined;
    return { record, last: added.ends.at(-1) ?? 0, close: added.close };
  }

  /**
   * Keeps `unfiled`, filed under the windows of its prefix in `bytes` (the body it was read from), when the body is
   * UTF-8 from `textFrom` on (what an earlier prefix held was checked then). Bytes that are not decode with replacement
   * characters, whose lengths in bytes are not theirs: the prefix would be misplaced, and the entry never found.
   */
  private keep(unfiled: Unfiled, bytes: Buffer, textFrom: number): void {
    const size = unfiled.prefix.length * BYTES_PER_TEXT_CHAR;
    const windows = windowsOf(unfiled.prefix.length);
    if (size > this.limit || windows.length === 0 || !isUtf8(bytes.subarray(textFrom))) return;
    const entry: Entry = { ...unfiled, bucket: bucketKey(unfiled.scope, bytes, windows), size };
    const bucket = this.buckets.get(entry.bucket);
    if (bucket) bucket.push(entry);
    else this.buckets.set(entry.bucket, [entry]);
    this.order.add(entry);
    this.size += entry.size;
    for (const oldest of this.order) {
      if (this.size <= this.limit) break;
      this.drop(oldest);
    }
  }

  private drop(entry: Entry): void {
    if (!this.order.delete(entry)) return;
    this.size -= entry.size;
    const bucket = this.buckets.get(entry.bucket) ?? [];
    bucket.splice(bucket.indexOf(entry), 1);
    if (bucket.length === 0) this.buckets.delete(entry.bucket);
  }
}

