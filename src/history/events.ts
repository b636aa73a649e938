// A history as a stream: items in order, plus the two ways Codex rewrites what came before.
import type { Item } from "./schema.js";

/** Everything before is replaced (a Codex `compacted` record); the items that follow are the new history. */
export interface HistoryReset {
  type: "reset";
  record: number;
}

/** The last `turns` user turns are dropped (Codex `thread_rolled_back`). */
export interface HistoryRollback {
  type: "rollback";
  turns: number;
  record: number;
}

export type HistoryEvent = Item | HistoryReset | HistoryRollback;

/** Applies resets and rollbacks to a stream of events and returns the items that remain, in order. */
export function collectItems(events: Iterable<HistoryEvent>): Item[] {
  let items: Item[] = [];
  for (const event of events) {
    if (event.type === "reset") items = [];
    else if (event.type === "rollback") items = dropLastUserTurns(items, event.turns);
    else items.push(event);
  }
  return items;
}

/**
 * A user turn starts at a message the user typed. Messages a client injects with the user role
 * (`<environment_context>`, `# AGENTS.md instructions`, `<turn_aborted>`) are context, not turns.
 */
export function startsUserTurn(item: Item): boolean {
  if (item.type !== "message" || item.role !== "user") return false;
  const first = item.content.find((part) => part.text !== undefined)?.text?.trimStart() ?? "";
  return !first.startsWith("<") && !first.startsWith("# AGENTS.md");
}

/** Drops the last `turns` user turns; asking for more turns than there are keeps the context before the first. */
export function dropLastUserTurns(items: Item[], turns: number): Item[] {
  if (turns <= 0) return items;
  let seen = 0;
  let firstTurn = items.length;
  for (let i = items.length - 1; i >= 0; i -= 1) {
    if (!startsUserTurn(items[i] as Item)) continue;
    firstTurn = i;
    if ((seen += 1) === turns) return items.slice(0, i);
  }
  return items.slice(0, firstTurn);
}
