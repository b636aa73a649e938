// A history's elements as its client sent them: the raw values from the file, found by each item's pointer.
import { isObject } from "../formats/json-shape.js";
import type { FormatName, Item } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import { responsesUnits } from "./to-responses.js";
import { isModelOutput, type WireUnit } from "./wire.js";

/** The value an item was read from (its record, down its JSON pointer), or undefined. */
export function valueAt(records: readonly RawRecord[], item: Item): unknown {
  if (item.source.pointer !== "" && !item.source.pointer.startsWith("/")) return undefined; // made by replay, not read
  let value: unknown = records[item.source.record]?.value;
  for (const key of item.source.pointer.split("/").slice(1)) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return value;
}

/** The units of a history in its own wire API. */
export function nativeUnits(format: FormatName, items: readonly Item[], records: readonly RawRecord[]): WireUnit[] {
  if (format === "codex" || format === "responses") return items.map((item) => responsesUnit(item, records));
  if (format === "claude-code") return claudeCodeUnits(items, records);
  return documentMessageUnits(items, records);
}

/**
 * Responses items are sent as written. A Codex compaction without a replacement history leaves a
 * summary that is text, not an item: it goes as the user message Codex makes of it.
 */
function responsesUnit(item: Item, records: readonly RawRecord[]): WireUnit {
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

const ELEMENT = /^((?:\/messages)?\/\d+)/;

/** Chat and Anthropic request bodies: each message element as written. */
function documentMessageUnits(items: readonly Item[], records: readonly RawRecord[]): WireUnit[] {
  return groupByMessage(items).map((group) => {
    const first = group[0] as Item;
    const element = ELEMENT.exec(first.source.pointer)?.[1] ?? first.source.pointer;
    const value = valueAt(records, { ...first, source: { ...first.source, pointer: element } });
    const role = isObject(value) ? value.role : undefined;
    return { value, items: group, line: first.source.line, column: first.source.column, modelOutput: role === "assistant" };
  });
}

/** Claude Code writes one record a content block: a message is the blocks of its records, in order. */
function claudeCodeUnits(items: readonly Item[], records: readonly RawRecord[]): WireUnit[] {
  return groupByMessage(items).map((group) => {
    const first = group[0] as Item;
    const recordIndexes = [...new Set(group.map((item) => item.source.record))];
    const messages = recordIndexes.map((index) => (records[index]?.value as { message?: { role?: unknown; content?: unknown } } | undefined)?.message ?? {});
    const role = typeof messages[0]?.role === "string" ? messages[0].role : "user";
    const contents = messages.map((message) => message.content);
    const content = contents.length === 1 && typeof contents[0] === "string" ? contents[0] : contents.flatMap((c) => (typeof c === "string" ? [{ type: "text", text: c }] : Array.isArray(c) ? c : []));
    return { value: { role, content }, items: group, line: first.source.line, column: first.source.column, modelOutput: role === "assistant" };
  });
}
