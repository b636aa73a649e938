// Agents resend the same body (a retry) and every client's tests send the same few: a body already
// validated under the same endpoint and profile is answered from its earlier inspection, not validated again.
import { createHash, randomUUID } from "node:crypto";
import type { ProfileName } from "../profiles/index.js";
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

/** A bounded least-recently-used map from (API, profile, body bytes) to the body's inspection. */
export class InspectionCache {
  private readonly entries = new Map<string, Entry>();
  private size = 0;

  /** `limit`: the bytes the entries may take together, counted as above; 0 keeps none. */
  constructor(private readonly limit: number) {}

  /** The inspection `inspect` gives, from the cache when these exact bytes were inspected before. */
  inspect(api: Api, bytes: Buffer, profile: ProfileName): Inspection {
    if (this.limit === 0 || bytes.length > LARGEST_CACHED_BODY) return inspect(api, bytes, profile);
    const key = `${api}\n${profile}\n${createHash("sha1").update(bytes).digest("base64")}`;
    const entry = this.entries.get(key);
    // The hash finds the entry; the bytes themselves decide, so a collision can only cost a validation.
    if (entry && entry.bytes.equals(bytes)) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return withFreshRequestId(entry.inspection);
    }
    const inspection = inspect(api, bytes, profile);
    this.remember(key, { bytes, inspection, size: bytes.length * BYTES_PER_BODY_BYTE });
    return inspection;
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

/** Anthropic's refusals carry an id of their own (`req_…`, see anthropicError): a cached refusal gets a new one, as a fresh one would. */
function withFreshRequestId(inspection: Inspection): Inspection {
  if (inspection.kind !== "refused" || !Object.hasOwn(inspection.error.body as object, "request_id")) return inspection;
  const body = { ...(inspection.error.body as object), request_id: `req_${randomUUID().replace(/-/g, "").slice(0, 24)}` };
  return { ...inspection, error: { ...inspection.error, body } };
}
