// Agents resend the same body (a retry) and every client's tests send the same few: a body already
// validated under the same endpoint and profile is answered from its earlier inspection, not validated again.
import { randomUUID } from "node:crypto";
import { sha1 } from "./digest.js";
import type { ProfileName } from "../profiles/index.js";
import { PrefixCache } from "./prefix-cache.js";
import { inspect, type Api, type Inspection } from "./validate.js";

/** Bodies above this are validated every time: they would crowd the cache and are rarely resent whole. */
const LARGEST_CACHED_BODY = 256 * 1024;
/**
 * What an entry is counted as: its bytes, kept to compare on a hit, and the parsed body and items, which
 * take a few times the JSON's size in memory.
 */
const BYTES_PER_BODY_BYTE = 4;

interface Entry {
  bytes: Buffer;
  inspection: Inspection;
  size: number;
}

/**
 * How many times `limit` the open analyses of conversations may take. Agents send their conversations
 * in turns, and least-recently-used eviction keeps none of them when they do not all fit: 50 conversations of
 * 46 KB at once (4 bytes counted a byte) went 0 for 1,000 at the same 4 MB as the answers.
 */
const OPEN_ANALYSES_BY_LIMIT = 8;

/** Bytes from each end of a body that go into its fingerprint. */
const FINGERPRINT_END = 1024;

/** How many bodies seen once are remembered by their hash alone (about 60 bytes each). */
const SEEN_ONCE = 4096;

/**
 * A bounded least-recently-used map from (API, profile, body bytes) to the body's inspection. A body is
 * kept only once it comes a second time: a growing conversation or a replay sends every body once, and
 * holding their parsed copies would only cost memory and collector time.
 */
export class InspectionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly seenOnce = new Set<string>();
  private size = 0;
  /** The body the last lookup found resent, and the kept bytes equal to it; see `kept`. */
  private lastHit: { sent: Buffer; kept: Buffer } | undefined;

  /** Bodies seen once, each a turn longer than one before it: continued from that one's open analysis. */
  private readonly prefixes: PrefixCache;

  /** `limit`: the bytes the entries may take together, counted as above (and OPEN_ANALYSES_BY_LIMIT times as much for open analyses); 0 keeps none. */
  /** `continueFrom`: the smallest body continued from an earlier one (tests lower it to reach the prefix cache with small bodies). */
  constructor(
    private readonly limit: number,
    continueFrom?: number,
  ) {
    this.prefixes = new PrefixCache(limit * OPEN_ANALYSES_BY_LIMIT, continueFrom);
  }

  /** The inspection `inspect` gives, from the cache when these exact bytes were inspected before. */
  inspect(api: Api, bytes: Buffer, profile: ProfileName): Inspection {
    if (this.limit === 0) return inspect(api, bytes, profile);
    if (bytes.length > LARGEST_CACHED_BODY) return withFreshRequestId(this.prefixes.inspect(api, bytes, profile));
    const key = `${api}\n${profile}\n${fingerprint(bytes)}`;
    const entry = this.entries.get(key);
    // The fingerprint finds the entry; the bytes themselves decide, so two bodies alike can only cost a validation.
    if (entry && entry.bytes.equals(bytes)) {
      this.lastHit = { sent: bytes, kept: entry.bytes };
      this.entries.delete(key);
      this.entries.set(key, entry);
      return withFreshRequestId(entry.inspection);
    }
    // An answer continued from an earlier body reuses the provider errors found in its elements: each gets its own id.
    const inspection = withFreshRequestId(this.prefixes.inspect(api, bytes, profile));
    if (this.seenOnce.delete(key)) this.remember(key, { bytes, inspection, size: bytes.length * BYTES_PER_BODY_BYTE });
    else this.seeOnce(key);
    return inspection;
  }

  /**
   * Bytes equal to `bytes` that outlive it anyway: the kept copy when `bytes` was the body just found resent,
   * else `bytes`. The recording keeps a thousand bodies: a resent one kept as its own buffer was promoted with
   * its entry and freed only by a full collection, a resent 31 KB body 31 MB of copies of one text.
   */
  kept(bytes: Buffer): Buffer {
    const hit = this.lastHit;
    this.lastHit = undefined;
    return hit?.sent === bytes ? hit.kept : bytes;
  }

  private seeOnce(key: string): void {
    this.seenOnce.add(key);
    if (this.seenOnce.size > SEEN_ONCE) this.seenOnce.delete(this.seenOnce.values().next().value as string);
  }

  private remember(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) {
      this.size -= old.size;
      this.entries.delete(key);
    }
    if (entry.size > this.limit) return;
    this.entries.set(key, entry);
    this.size += entry.size;
    for (const [oldest, evicted] of this.entries) {
      if (this.size <= this.limit) break;
      this.entries.delete(oldest);
      this.size -= evicted.size;
    }
  }
}

/** Where a body is looked up: its length and a hash of its ends (hashing all of it would cost more than a lookup saves). */
function fingerprint(bytes: Buffer): string {
  // Each end hashed alone: two one-shot hashes cost less than one Hash object fed both.
  if (bytes.length <= 2 * FINGERPRINT_END) return `${bytes.length}:${sha1(bytes)}`;
  return `${bytes.length}:${sha1(bytes.subarray(0, FINGERPRINT_END))}${sha1(bytes.subarray(bytes.length - FINGERPRINT_END))}`;
}

/** Anthropic's refusals carry an id of their own (`req_…`, see anthropicError): a cached refusal gets a new one, as a fresh one would. */
function withFreshRequestId(inspection: Inspection): Inspection {
  if (inspection.kind !== "refused" || !Object.hasOwn(inspection.error.body as object, "request_id")) return inspection;
  const body = { ...(inspection.error.body as object), request_id: `req_${randomUUID().replace(/-/g, "").slice(0, 24)}` };
  return { ...inspection, error: { ...inspection.error, body } };
}
