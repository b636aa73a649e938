// A history's elements as its client sent them: the raw values from the file, found by each item's pointer.
import { agentsUnitValue, claudeCodeMadeBlocks, codexMadeItem, codexWireItem, geminiCliWireParts } from "../clients/index.js";
import { isObject } from "../formats/json-shape.js";
import type { FormatName, Item, Source } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import { geminiUnits } from "./to-gemini.js";
import { responsesUnits } from "./to-responses.js";
import { isModelOutput, type WireUnit } from "./wire.js";

/** The values of a file's records by index: held in memory, or read again from the file when asked. */
export interface RecordValues {
  value(index: number): unknown;
}

/** Records read and held. */
export function heldRecords(records: readonly RawRecord[]): RecordValues {
  return { value: (index) => records[index]?.value };
}

/** The value an item was read from (its record, down its JSON pointer), or undefined. */
export function valueAt(records: RecordValues, item: Item): unknown {
  return valueAtSource(records, item.source);
}

/** The value at a record's JSON pointer, or undefined. */
export function valueAtSource(records: RecordValues, source: Pick<Source, "record" | "pointer">): unknown {
  if (source.pointer !== "" && !source.pointer.startsWith("/")) return undefined; // made by replay, not read
  let value: unknown = records.value(source.record);
  for (const key of source.pointer.split("/").slice(1)) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return value;
}

/** The units of a history in its own wire API; `asClient` sends a client's file as the client does. */
export function nativeUnits(format: FormatName, items: readonly Item[], records: RecordValues, asClient = true): WireUnit[] {
  if (format === "codex") return items.map((item) => codexUnit(item, records, asClient));
  if (format === "responses") return items.map((item) => responsesUnit(item, records));
  if (format === "claude-code") return claudeCodeUnits(items, records);
  if (format === "openai-agents-state") return items.map((item) => ({ value: agentsUnitValue(item, valueAt(records, item)), items: [item], line: item.source.line, column: item.source.column, modelOutput: isModelOutput(item) }));
  if (format === "gemini-cli") return geminiCliUnits(items);
  return documentMessageUnits(items, records);
}

/** A rollout's item as Codex sends it: stripped of what Codex keeps to itself, or made by Codex. */
function codexUnit(item: Item, records: RecordValues, asClient: boolean): WireUnit {
  const made = codexMadeItem(item);
  if (made) return { value: made, items: [item], line: item.source.line, column: item.source.column, modelOutput: false };
  const unit = responsesUnit(item, records);
  return asClient ? { ...unit, value: codexWireItem(unit.value) } : unit;
}

/**
 * Responses items are sent as written. A Codex compaction without a replacement history leaves a
 * summary that is text, not an item: it goes as the user message Codex makes of it.
 */
function responsesUnit(item: Item, records: RecordValues): WireUnit {
  const value = valueAt(records, item);
  if (isObject(value) && ("type" in value || "role" in value)) {
    return { value, items: [item], line: item.source.line, column: item.source.column, modelOutput: isModelOutput(item) };
  }
  return responsesUnits([item])[0] ?? { value: {}, items: [item], line: item.source.line, column: item.source.column, modelOutput: false };
}

/** Items grouped by the wire message that holds them (Chat and Anthropic group items into messages). */
function groupByMessage(items: readonly Item[]): Item[][] {
  const groups: Item[][] = [];
  let current: Item[] | undefined;
  let index: number | undefined;
  for (const item of items) {
    if (!current || item.message === undefined || item.message !== index) groups.push((current = []));
    current.push(item);
    index = item.message;
  }
  return groups;
}

const ELEMENT = /^((?:\/messages|\/contents)?\/\d+)/;

/** Chat and Anthropic request bodies: each message element as written. */
function documentMessageUnits(items: readonly Item[], records: RecordValues): WireUnit[] {
  return groupByMessage(items).map((group) => {
    const first = group[0] as Item;
    const element = ELEMENT.exec(first.source.pointer)?.[1] ?? first.source.pointer;
    const value = valueAt(records, { ...first, source: { ...first.source, pointer: element } });
    const role = isObject(value) ? value.role : undefined;
    return { value, items: group, line: first.source.line, column: first.source.column, modelOutput: role === "assistant" || role === "model" };
  });
}

/**
 * Claude Code writes one record a content block: a message is the blocks of its items, in the order
 * the client model put them (tool results first), with what the client made itself built from the item.
 */
function claudeCodeUnits(items: readonly Item[], records: RecordValues): WireUnit[] {
  return groupByMessage(items).map((group) => {
    const first = group[0] as Item;
    const role = first.type === "message" ? first.role : first.type === "tool_output" ? "user" : "assistant";
    const only = group.length === 1 && first.type === "message" && first.plainText === true && first.source.pointer.startsWith("/") ? valueAt(records, first) : undefined;
    const content = typeof only === "string" ? only : group.flatMap((item, i) => joined(role, blocksOf(item, records), item, group[i + 1]));
    return { value: { role, content }, items: group, line: first.source.line, column: first.source.column, modelOutput: role === "assistant" };
  });
}

/**
 * Claude Code merges consecutive user messages into one, ending the text of each message but the last
 * with a newline ("say hello" then "now run pwd" go as "say hello\n" and "now run pwd").
 */
function joined(role: string, blocks: unknown[], item: Item, next: Item | undefined): unknown[] {
  if (role !== "user" || next === undefined || next.source.record === item.source.record || item.type !== "message") return blocks;
  const last = blocks[blocks.length - 1];
  if (!isObject(last) || last.type !== "text" || typeof last.text !== "string") return blocks;
  return [...blocks.slice(0, -1), { ...last, text: `${last.text}\n` }];
}

/** The content blocks an item stands for: read from its record, or built for what the client made. */
function blocksOf(item: Item, records: RecordValues): unknown[] {
  if (!item.source.pointer.startsWith("/")) return claudeCodeMadeBlocks(item) ?? [];
  const value = valueAt(records, item);
  if (typeof value === "string") return [{ type: "text", text: value }];
  if (Array.isArray(value)) return value;
  const block = /\/message\/content\/(\d+)$/.exec(item.source.pointer);
  // A message item gathers consecutive text, image and document blocks: as many as it has parts.
  if (block && item.type === "message") {
    const content = valueAt(records, { ...item, source: { ...item.source, pointer: "/message/content" } });
    return Array.isArray(content) ? content.slice(Number(block[1]), Number(block[1]) + Math.max(1, item.content.length)) : [value];
  }
  return value === undefined ? [] : [value];
}

/** A Gemini CLI session as the CLI sends it: each content's parts rebuilt from the messages, as its model read them. */
function geminiCliUnits(items: readonly Item[]): WireUnit[] {
  return groupByMessage(items).map((group) => {
    const first = group[0] as Item;
    const role = first.type === "message" ? (first.wireRole ?? first.role) : first.type === "tool_output" ? "user" : "model";
    const parts = group.flatMap((item) => geminiCliWireParts(item) ?? ((geminiUnits([item]).units[0]?.value as { parts?: unknown[] } | undefined)?.parts ?? []));
    return { value: { role: role === "assistant" ? "model" : role, parts }, items: group, line: first.source.line, column: first.source.column, modelOutput: role === "model" || role === "assistant" };
  });
}
