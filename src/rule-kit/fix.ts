// What a rule offers to repair: the edits, built when the fix runs, from the file as it is then.
import type { Edit, FormatAdapter } from "../formats/index.js";
import type { FormatName, Item, ToolCallItem } from "../history/index.js";
import type { Profile } from "../profiles/index.js";
import type { RawRecord } from "../read/index.js";

export interface FixContext {
  records: readonly RawRecord[];
  format: FormatName;
  adapter: FormatAdapter;
  profile: Profile;
  /** The text a cancelled call's synthetic output carries (the client's own, or --cancel-text). */
  cancelText: string;
  /** The unit (record, or array element of a body) that is this item and nothing else, if there is one. */
  unitOf(item: Item): number | undefined;
  /** The unit that holds the item (its record, or the body's array element it is in). */
  containerOf(item: Item): number | undefined;
  /** The value of a unit as it is in the file. */
  unitValue(unit: number): unknown;
  /** The history the file holds now (built on first use: only fixes that compare items need it). */
  items(): readonly Item[];
}

export type Safety = "safe" | "unsafe";

export interface Fix {
  /**
   * `safe`: what the client itself would do; `unsafe`: judgement, applied only with --unsafe. A
   * function decides from the file at fix time (a duplicate is safe to drop only when identical).
   */
  safety: Safety | ((context: FixContext) => Safety);
  /** The edits, or undefined when this instance cannot be repaired in this format. */
  edits(context: FixContext): Edit[] | undefined;
}

/** The safety of a fix for this file. */
export function safetyOf(fix: Fix, context: FixContext): Safety {
  return typeof fix.safety === "function" ? fix.safety(context) : fix.safety;
}

/** Replaces the unit that is this item with `change(value)`; in a Codex rollout the payload is what changes. */
export function rewriteItem(item: Item, change: (value: Record<string, unknown>) => Record<string, unknown> | undefined, safety: Fix["safety"] = "safe"): Fix {
  return {
    safety,
    edits: (context) => {
      const unit = context.unitOf(item);
      const value = unit === undefined ? undefined : context.unitValue(unit);
      if (unit === undefined || typeof value !== "object" || value === null) return undefined;
      const record = value as Record<string, unknown>;
      const inPayload = item.source.pointer === "/payload" && typeof record.payload === "object" && record.payload !== null;
      const changed = change((inPayload ? record.payload : record) as Record<string, unknown>);
      if (!changed) return undefined;
      return [{ op: "replace", record: unit, value: inPayload ? { ...record, payload: changed } : changed }];
    },
  };
}

/**
 * Replaces the message that holds the item with `change(message)`: the whole unit the item stands in
 * (a body's element, a record), or the `message` of a Claude Code record, or a Codex record's payload.
 * For a repair of one block among others (a block the API does not know), which is no unit of its own.
 */
export function rewriteMessageOf(item: Item, change: (message: Record<string, unknown>) => Record<string, unknown> | undefined, safety: Fix["safety"] = "safe"): Fix {
  return {
    safety,
    edits: (context) => {
      const container = context.containerOf(item);
      const holder = container === undefined ? undefined : context.unitValue(container);
      if (container === undefined || !isRecord(holder)) return undefined;
      const { pointer } = item.source;
      const key = pointer === "/message" || pointer.startsWith("/message/") ? "message" : pointer === "/payload" || pointer.startsWith("/payload/") ? "payload" : undefined;
      const message = key === undefined ? holder : holder[key];
      const changed = isRecord(message) ? change(message) : undefined;
      if (!changed) return undefined;
      return [{ op: "replace", record: container, value: key === undefined ? changed : { ...holder, [key]: changed } }];
    },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Where a block sits inside its unit: `/messages/3/content/1`, `/message/content/0`, `/messages/2/tool_calls/1`, `/contents/2/parts/0`. */
const BLOCK = /\/(content|tool_calls|parts)\/(\d+)$/;

/** An item of a serialized Agents SDK run: the raw item of one element of its `generatedItems`. */
const RUN_ITEM = /^\/generatedItems\/(\d+)\/rawItem$/;

/** The run state without one of its run items: the document is the only unit such a file has. */
function withoutRunItem(state: unknown, record: number, index: number): Edit[] | undefined {
  if (typeof state !== "object" || state === null || !Array.isArray((state as { generatedItems?: unknown }).generatedItems)) return undefined;
  const items = (state as { generatedItems: unknown[] }).generatedItems.filter((_, i) => i !== index);
  return [{ op: "replace", record, value: { ...state, generatedItems: items } }];
}

/**
 * Removes the item: the unit when it is one of its own, else the block from the message that holds
 * it (and the message too when nothing else is left in it).
 */
export function removeItem(item: Item, safety: Fix["safety"] = "safe"): Fix {
  return {
    safety,
    edits: (context) => {
      const unit = context.unitOf(item);
      if (unit !== undefined) return [{ op: "remove", record: unit }];
      const runItem = RUN_ITEM.exec(item.source.pointer);
      if (runItem) return withoutRunItem(context.unitValue(item.source.record), item.source.record, Number(runItem[1]));
      const container = context.containerOf(item);
      const block = BLOCK.exec(item.source.pointer);
      const holder = container === undefined ? undefined : context.unitValue(container);
      if (container === undefined || !block || typeof holder !== "object" || holder === null) return undefined;
      const [, key, at] = block as unknown as [string, "content" | "tool_calls" | "parts", string];
      // Claude Code holds the message under `message`; request bodies hold it directly.
      const record = holder as Record<string, unknown>;
      const message = (item.source.pointer.startsWith("/message/") ? record.message : record) as Record<string, unknown>;
      const list = Array.isArray(message[key]) ? (message[key] as unknown[]) : undefined;
      if (!list) return undefined;
      const left = list.filter((_, i) => i !== Number(at));
      const emptied = left.length === 0 && (key === "content" || key === "parts" || message.content === null || message.content === undefined || message.content === "");
      if (emptied) return [{ op: "remove", record: container }];
      const rest = Object.fromEntries(Object.entries(message).filter(([k]) => k !== "tool_calls"));
      const changed = key === "tool_calls" && left.length === 0 ? rest : { ...message, [key]: left };
      return [{ op: "replace", record: container, value: item.source.pointer.startsWith("/message/") ? { ...record, message: changed } : changed }];
    },
  };
}

/** Inserts the synthetic output a client writes for a call it never answered. */
export function cancelCall(call: ToolCallItem): Fix {
  return { safety: "safe", edits: (context) => context.adapter.cancelledOutput?.(call, context) };
}
