// Claude Code sessions: the parentUuid tree, and the conversation Claude Code rebuilds from it on resume.
import type { HistoryEvent, Item, RequestContext } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { FormatAdapter, HistoryContext, HistoryStream } from "./adapter.js";
import { anthropicMessageItems } from "./anthropic-blocks.js";
import { isObject, stringField, type JsonObject } from "./json-shape.js";
import { claudeCodeCancelledOutput } from "./cancelled-output.js";
import { writeLines } from "./writer.js";

export const CONVERSATION_TYPES = new Set(["user", "assistant", "attachment", "system"]);

/** A conversation record, with what the chain walk needs. */
export interface ChainRecord {
  record: RawRecord;
  value: JsonObject;
  uuid: string;
  parentUuid: string | null | undefined;
}

function conversationRecord(record: RawRecord): ChainRecord | undefined {
  const value = record.value;
  if (!isObject(value) || !CONVERSATION_TYPES.has(stringField(value, "type") ?? "") || value.isSidechain === true) return undefined;
  const uuid = stringField(value, "uuid");
  if (uuid === undefined) return undefined;
  const parent = value.parentUuid;
  return { record, value, uuid, parentUuid: typeof parent === "string" ? parent : parent === null ? null : undefined };
}

function detect(sample: readonly unknown[]): number {
  const conversational = sample.filter((value) => isObject(value) && typeof value.uuid === "string" && "parentUuid" in value);
  if (conversational.length > 0) return 1;
  const known = ["queue-operation", "summary", "file-history-snapshot", "last-prompt"];
  return sample.length > 0 && sample.every((value) => isObject(value) && known.includes(stringField(value, "type") ?? "")) ? 0.6 : 0;
}

/** The result of walking the tree from the leaf, as Claude Code does on resume. */
export interface ResumedChain {
  /** The records on the chain and their parallel siblings, in file order. */
  records: ChainRecord[];
  /** Records whose `parentUuid` named no record and that were bridged to the record written before them. */
  bridged: ChainRecord[];
  /** Every conversation record outside sidechains, each uuid once, in file order. */
  all: ChainRecord[];
}

/**
 * Walks from the newest record back through `parentUuid`: a parent that names no record is bridged to
 * the conversation record written just before; `null` is a hard root. Records duplicated with the same
 * uuid count once. Parallel tool results written as siblings are gathered back beside the chain.
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
  const position = new Map(ordered.map((entry, i) => [entry, i]));
  const onChain = new Set<ChainRecord>();
  const bridged: ChainRecord[] = [];
  for (let entry = ordered[ordered.length - 1]; entry && !onChain.has(entry); ) {
    onChain.add(entry);
    if (entry.parentUuid === null) break;
    const parent = entry.parentUuid === undefined ? undefined : byUuid.get(entry.parentUuid);
    if (parent) {
      entry = parent;
      continue;
    }
    bridged.push(entry);
    entry = ordered[(position.get(entry) ?? 0) - 1];
  }
  const siblings = parallelSiblings(ordered, onChain, byUuid);
  const kept = ordered.filter((entry) => onChain.has(entry) || siblings.has(entry));
  return { records: kept, bridged, all: ordered };
}

/** Tool-use records of the same assistant message, and tool results answering them, that lie off the chain. */
function parallelSiblings(ordered: ChainRecord[], onChain: Set<ChainRecord>, byUuid: Map<string, ChainRecord>): Set<ChainRecord> {
  const chainMessageIds = new Set([...onChain].map((entry) => messageId(entry)).filter((id) => id !== undefined));
  const siblings = new Set<ChainRecord>();
  for (const entry of ordered) {
    if (onChain.has(entry)) continue;
    const id = messageId(entry);
    const parent = entry.parentUuid ? byUuid.get(entry.parentUuid) : undefined;
    const answersChain = entry.value.type === "user" && parent !== undefined && (onChain.has(parent) || siblings.has(parent)) && holdsToolResult(entry);
    if ((id !== undefined && chainMessageIds.has(id)) || answersChain) siblings.add(entry);
  }
  return siblings;
}

function messageId(entry: ChainRecord): string | undefined {
  return entry.value.type === "assistant" && isObject(entry.value.message) ? stringField(entry.value.message, "id") : undefined;
}

function holdsToolResult(entry: ChainRecord): boolean {
  const message = entry.value.message;
  return isObject(message) && Array.isArray(message.content) && message.content.some((block) => isObject(block) && block.type === "tool_result");
}

/** Merges the chain into wire messages: assistant records sharing `message.id`, runs of tool-result records. */
function* chainItems(chain: ChainRecord[]): Generator<HistoryEvent> {
  let messageIndex = -1;
  let previous: { role: string; key: string | undefined } | undefined;
  for (const entry of chain) {
    const message = entry.value.message;
    if ((entry.value.type !== "user" && entry.value.type !== "assistant") || !isObject(message)) continue;
    const role = stringField(message, "role") ?? String(entry.value.type);
    const key = role === "assistant" ? messageId(entry) : holdsToolResult(entry) ? "tool-results" : undefined;
    const continues = previous !== undefined && previous.role === role && key !== undefined && previous.key === key;
    if (!continues) messageIndex += 1;
    previous = { role, key };
    const at = { record: entry.record.index, line: entry.record.span.line, column: entry.record.span.column };
    const items: Item[] = anthropicMessageItems(message, messageIndex, (block) => ({
      ...at,
      pointer: block === undefined ? "/message/content" : `/message/content/${block}`,
    }));
    yield* items;
  }
}

function history(records: Iterable<RawRecord>, _context: HistoryContext): HistoryStream {
  const request: RequestContext = {};
  function* events(): Generator<HistoryEvent> {
    const all = [...records];
    for (const record of all) {
      if (isObject(record.value) && record.value.type === "assistant" && isObject(record.value.message)) {
        const model = stringField(record.value.message, "model");
        if (model !== undefined) request.model = model;
      }
    }
    yield* chainItems(resumeChain(all).records);
  }
  return { events: events(), request: () => request };
}

function applyEdits(bytes: Buffer, records: readonly RawRecord[], edits: Parameters<FormatAdapter["applyEdits"]>[2]): Buffer {
  const units = records.map((record) => ({ offset: record.span.offset, length: record.span.length, value: record.value }));
  return writeLines(bytes, units, edits, { serialize: (value) => JSON.stringify(value) });
}

export const claudeCode: FormatAdapter = { name: "claude-code", layout: "lines", detect, history, applyEdits, cancelledOutput: claudeCodeCancelledOutput };
