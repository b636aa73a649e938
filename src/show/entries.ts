// Turns the client's conversation into timeline entries: each item with what the client does to it on resume.
import { clientName, type ClientModel, type SelfRepair } from "../clients/index.js";
import type { HistoryEvent, Item } from "../history/index.js";
import { dropLastUserTurns } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { EntryKind, Fate, ViewEntry } from "./view-model.js";

/** Longer texts are cut, and the page says how much more the file holds. */
export const MAX_ENTRY_TEXT = 20_000;

/** An item as the timeline shows it, before it is numbered. */
export interface Placed {
  item?: Item;
  entry: Omit<ViewEntry, "n" | "findings">;
}

/** What a reset or rollback leaves on the timeline: a divider that says what happened. */
export interface Divider {
  divider: { line: number; why: string };
}

export type Sequenced = Placed | Divider;

function kindOf(item: Item): EntryKind {
  if (item.type === "tool_call") return "call";
  if (item.type === "tool_output") return "output";
  return item.type;
}

function prettyArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function textOf(item: Item): string {
  switch (item.type) {
    case "message":
      return item.content.map((part) => part.text ?? `[${part.kind}: ${part.wireType}]`).join("\n\n");
    case "reasoning": {
      const readable = [...item.summary, ...(item.text ? [item.text] : [])].join("\n\n");
      return readable || (item.encrypted ? `[encrypted reasoning: ${item.encrypted.length} characters only the provider can read]` : "");
    }
    case "tool_call":
      return item.arguments === undefined ? "" : prettyArguments(item.arguments);
    case "tool_output":
      return item.output;
    case "compaction":
      return item.summary ?? (item.encrypted ? `[encrypted compaction: ${item.encrypted.length} characters]` : "");
    case "other":
      return `[${item.wireType}]`;
  }
}

function labelOf(item: Item): string {
  if (item.type === "message") return item.role;
  if (item.type === "tool_call") return item.name ?? item.wireType;
  if (item.type === "tool_output") return item.wireType;
  return item.type === "other" ? item.wireType : item.type;
}

/** An item as an entry, with its fate. */
export function placeItem(item: Item, fate: Fate, why?: string): Placed {
  const whole = textOf(item);
  const text = whole.length > MAX_ENTRY_TEXT ? whole.slice(0, MAX_ENTRY_TEXT) : whole;
  return {
    item,
    entry: {
      kind: kindOf(item),
      label: labelOf(item),
      ...(item.type === "tool_call" || item.type === "tool_output" ? (item.callId !== undefined ? { callId: item.callId } : {}) : {}),
      text,
      ...(text.length < whole.length ? { fullLength: whole.length } : {}),
      ...(item.type === "tool_output" && item.isError ? { isError: true } : {}),
      line: item.source.line,
      column: item.source.column,
      record: item.source.record,
      fate,
      ...(why ? { why } : {}),
    },
  };
}

/**
 * Walks the history events in order: what a compaction replaces or a rollback undoes stays on the
 * timeline, superseded, behind a divider; what remains is the conversation the client resumes.
 */
export function sequenceEvents(events: Iterable<HistoryEvent>, records: readonly RawRecord[]): { sequence: Sequenced[]; live: Item[] } {
  const sequence: Sequenced[] = [];
  let live: { item: Item; at: number }[] = [];
  const lineOf = (record: number) => records[record]?.span.line ?? 1;
  for (const event of events) {
    if (event.type === "reset") {
      for (const { at } of live) supersede(sequence[at] as Placed, `replaced by the compaction on line ${lineOf(event.record)}`);
      live = [];
      sequence.push({ divider: { line: lineOf(event.record), why: `compaction on line ${lineOf(event.record)}: the conversation before it is no longer sent` } });
    } else if (event.type === "rollback") {
      const kept = dropLastUserTurns(live.map((l) => l.item), event.turns).length;
      for (const { at } of live.slice(kept)) supersede(sequence[at] as Placed, `undone by the rollback on line ${lineOf(event.record)}`);
      live = live.slice(0, kept);
      sequence.push({ divider: { line: lineOf(event.record), why: `rollback on line ${lineOf(event.record)}: the last ${event.turns} turn${event.turns === 1 ? "" : "s"} are no longer sent` } });
    } else {
      live.push({ item: event, at: sequence.length });
      sequence.push(placeItem(event, "sent"));
    }
  }
  return { sequence, live: live.map((l) => l.item) };
}

function supersede(placed: Placed, why: string): void {
  placed.entry.fate = "superseded";
  placed.entry.why = why;
}

/**
 * Draws the client's own repair onto the sequence: a dropped item is marked where it stands, a
 * replaced one is followed by what is sent instead, and an item the client adds follows the item it
 * comes after in what is sent.
 */
export function applySelfRepair(sequence: Sequenced[], repair: SelfRepair, client: ClientModel): Sequenced[] {
  const name = clientName(client);
  const dropped = new Map(repair.dropped.map((d) => [d.item, d.why]));
  const replaced = new Map(repair.replaced.map((r) => [r.item, r]));
  const replacements = new Set(repair.replaced.map((r) => r.with));
  const insertedAfter = new Map<Item | undefined, Item[]>();
  let previous: Item | undefined;
  for (const item of repair.items) {
    if (replacements.has(item)) continue;
    if (repair.inserted.has(item)) insertedAfter.set(previous, [...(insertedAfter.get(previous) ?? []), item]);
    else previous = item;
  }
  const inserted = (after: Item | undefined) => (insertedAfter.get(after) ?? []).map((item) => placeItem(item, "inserted", `${name} adds it on resume`));
  const out: Sequenced[] = [...inserted(undefined)];
  for (const step of sequence) {
    out.push(step);
    if ("divider" in step || step.entry.fate !== "sent" || !step.item) continue;
    const item = step.item;
    const droppedWhy = dropped.get(item);
    const replacement = replaced.get(item);
    if (droppedWhy !== undefined) {
      step.entry.fate = "dropped";
      step.entry.why = `${name} leaves it out: ${droppedWhy}`;
    } else if (replacement) {
      step.entry.fate = "replaced";
      step.entry.why = `${name} sends something else instead: ${replacement.why}`;
      out.push(placeItem(replacement.with, "inserted", `${name} sends this in place of the entry above`));
    }
    out.push(...inserted(item));
  }
  return out;
}
