// The chain Claude Code 2.1 resumes from: the newest record back through `parentUuid`, in chain order.
import { isObject, stringField, type JsonObject } from "../formats/json-shape.js";
import type { RawRecord } from "../read/index.js";

export const CONVERSATION_TYPES = new Set(["user", "assistant", "attachment", "system"]);

/** A conversation record, with what the chain walk needs. */
export interface ChainRecord {
  record: RawRecord;
  value: JsonObject;
  uuid: string;
  parentUuid: string | null | undefined;
  /** Milliseconds since the epoch, when the record has a readable `timestamp`. */
  time: number | undefined;
}

/** The result of walking the tree from the leaf, as Claude Code does on resume. */
export interface ResumedChain {
  /** The records on the chain and their parallel siblings, in the order Claude Code sends them. */
  records: ChainRecord[];
  /** Records whose `parentUuid` named no record, each with the record Claude Code bridged it to (none: the history is cut there). */
  bridged: { entry: ChainRecord; to: ChainRecord | undefined }[];
  /** Every conversation record outside sidechains, each uuid once, in file order. */
  all: ChainRecord[];
}

/**
 * Where the resume starts: the `leafUuid` of the last `last-prompt` record that names a record (then
 * the newest record written below it), else the last record in the file that no record names as its parent.
 */
function leafOf(records: readonly RawRecord[], ordered: ChainRecord[], byUuid: Map<string, ChainRecord>, parentOf: (entry: ChainRecord) => string | null | undefined): ChainRecord | undefined {
  const children = new Map<string, ChainRecord[]>();
  for (const entry of ordered) {
    const parent = parentOf(entry);
    if (typeof parent === "string") children.set(parent, [...(children.get(parent) ?? []), entry]);
  }
  let named: ChainRecord | undefined;
  for (let i = records.length - 1; i >= 0 && !named; i -= 1) {
    const value = records[i]?.value;
    if (isObject(value) && value.type === "last-prompt") named = byUuid.get(stringField(value, "leafUuid") ?? "");
  }
  // What was written after the named leaf, as its descendant, still belongs to it.
  const seen = new Set<ChainRecord>();
  while (named && !seen.has(named) && children.get(named.uuid)?.length) {
    seen.add(named);
    named = children.get(named.uuid)?.at(-1);
  }
  if (named) return named;
  for (let i = ordered.length - 1; i >= 0; i -= 1) if (!children.has((ordered[i] as ChainRecord).uuid)) return ordered[i];
  return ordered[ordered.length - 1];
}

/**
 * After the last `compact_boundary` that names a preserved segment, Claude Code re-parents the segment's
 * head onto the summary (`anchorUuid`) and what hung off the summary onto the segment's tail.
 */
function preservedSegmentLinks(ordered: ChainRecord[], byUuid: Map<string, ChainRecord>): (entry: ChainRecord) => string | null | undefined {
  let segment: { headUuid: string; anchorUuid: string; tailUuid: string } | undefined;
  for (const entry of ordered) {
    const metadata = entry.value.compactMetadata;
    const preserved = isObject(metadata) && isObject(metadata.preservedSegment) ? metadata.preservedSegment : undefined;
    const head = preserved && stringField(preserved, "headUuid");
    const anchor = preserved && stringField(preserved, "anchorUuid");
    const tail = preserved && stringField(preserved, "tailUuid");
    if (entry.value.subtype === "compact_boundary" && head && anchor && tail && byUuid.has(head) && byUuid.has(tail)) segment = { headUuid: head, anchorUuid: anchor, tailUuid: tail };
  }
  if (!segment) return (entry) => entry.parentUuid;
  const { headUuid, anchorUuid, tailUuid } = segment;
  return (entry) => {
    if (entry.uuid === headUuid) return anchorUuid;
    if (entry.parentUuid === anchorUuid) return tailUuid;
    return entry.parentUuid;
  };
}

function conversationRecord(record: RawRecord): ChainRecord | undefined {
  const value = record.value;
  if (!isObject(value) || !CONVERSATION_TYPES.has(stringField(value, "type") ?? "") || value.isSidechain === true) return undefined;
  const uuid = stringField(value, "uuid");
  if (uuid === undefined) return undefined;
  const parent = value.parentUuid;
  const time = Date.parse(stringField(value, "timestamp") ?? "");
  return { record, value, uuid, parentUuid: typeof parent === "string" ? parent : parent === null ? null : undefined, time: Number.isNaN(time) ? undefined : time };
}

/**
 * The record a dangling `parentUuid` is bridged to: of the conversation records not yet on the chain,
 * the one with the latest timestamp before the orphan's own (the file order breaks ties, later wins).
 */
function bridgeFor(entry: ChainRecord, candidates: readonly ChainRecord[], onChain: Set<ChainRecord>): ChainRecord | undefined {
  if (entry.time === undefined) return undefined;
  let best: ChainRecord | undefined;
  for (const candidate of candidates) {
    if (candidate === entry || onChain.has(candidate) || candidate.time === undefined || candidate.time >= entry.time) continue;
    if (!best || (best.time as number) <= candidate.time) best = candidate;
  }
  return best;
}

/**
 * Walks from the newest record back through `parentUuid`: a parent that names no record is bridged to
 * the record closest before it in time; `null` is a hard root. Records duplicated with the same uuid
 * count once. Parallel tool calls and results written as siblings are gathered back beside the chain.
 */
export function resumeChain(records: readonly RawRecord[]): ResumedChain {
  const byUuid = new Map<string, ChainRecord>();
  const ordered: ChainRecord[] = [];
  for (const record of records) {
    const entry = conversationRecord(record);
    if (!entry || byUuid.has(entry.uuid)) continue;
    byUuid.set(entry.uuid, entry);
    ordered.push(entry);
  }
  const parentOf = preservedSegmentLinks(ordered, byUuid);
  const onChain = new Set<ChainRecord>();
  const chain: ChainRecord[] = [];
  const bridged: ResumedChain["bridged"] = [];
  for (let entry = leafOf(records, ordered, byUuid, parentOf); entry && !onChain.has(entry); ) {
    onChain.add(entry);
    chain.push(entry);
    const parentUuid = parentOf(entry);
    if (parentUuid === null) break;
    const parent = parentUuid === undefined ? undefined : byUuid.get(parentUuid);
    if (parent) {
      entry = parent;
      continue;
    }
    const to = bridgeFor(entry, ordered, onChain);
    bridged.push({ entry, to });
    entry = to;
  }
  chain.reverse();
  return { records: withSiblings(chain, ordered, onChain, byUuid), bridged, all: ordered };
}

/**
 * Puts the off-chain siblings of parallel calls back: a block of an assistant reply on the chain goes
 * right after the reply's last block on the chain, and a tool result answering a call on the chain goes
 * before the chain's own result of that reply (or after the reply when the chain holds none).
 */
function withSiblings(chain: ChainRecord[], ordered: ChainRecord[], onChain: Set<ChainRecord>, byUuid: Map<string, ChainRecord>): ChainRecord[] {
  const replyOf = new Map<string, ChainRecord[]>();
  const results: ChainRecord[] = [];
  const placed = new Set<ChainRecord>(onChain);
  for (const entry of ordered) {
    if (placed.has(entry)) continue;
    const id = messageId(entry);
    if (id !== undefined && chain.some((c) => messageId(c) === id)) {
      replyOf.set(id, [...(replyOf.get(id) ?? []), entry]);
      placed.add(entry);
    }
  }
  for (const entry of ordered) {
    const parent = entry.parentUuid ? byUuid.get(entry.parentUuid) : undefined;
    if (!placed.has(entry) && entry.value.type === "user" && parent && placed.has(parent) && holdsToolResult(entry)) {
      results.push(entry);
      placed.add(entry);
    }
  }
  const out: ChainRecord[] = [];
  for (const [i, entry] of chain.entries()) {
    if (holdsToolResult(entry)) out.push(...takeResultsFor(results, out, byUuid));
    out.push(entry);
    const id = messageId(entry);
    const next = chain[i + 1];
    if (id !== undefined && (next === undefined || messageId(next) !== id)) {
      out.push(...(replyOf.get(id) ?? []));
      if (!next || !holdsToolResult(next)) out.push(...takeResultsFor(results, out, byUuid));
    }
  }
  return out;
}

/** The sibling results whose call is already placed, taken out of `pending`. */
function takeResultsFor(pending: ChainRecord[], placedSoFar: ChainRecord[], byUuid: Map<string, ChainRecord>): ChainRecord[] {
  const placed = new Set(placedSoFar);
  const taken = pending.filter((entry) => {
    const parent = entry.parentUuid ? byUuid.get(entry.parentUuid) : undefined;
    return parent !== undefined && placed.has(parent);
  });
  for (const entry of taken) pending.splice(pending.indexOf(entry), 1);
  return taken;
}

export function messageId(entry: ChainRecord): string | undefined {
  return entry.value.type === "assistant" && isObject(entry.value.message) ? stringField(entry.value.message, "id") : undefined;
}

export function holdsToolResult(entry: ChainRecord): boolean {
  const message = entry.value.message;
  return isObject(message) && Array.isArray(message.content) && message.content.some((block) => isObject(block) && block.type === "tool_result");
}
