// Fits a history into a token budget by dropping the oldest tool calls with their outputs: a
// judgement (it loses data), so only on request (--max-tokens), and said in full.
import type { Edit, FormatAdapter } from "../formats/index.js";
import type { Item } from "../history/index.js";
import { itemTokens, type Profile } from "../profiles/index.js";
import type { FixContext } from "../rule-kit/index.js";

export interface Pruned {
  edits: Edit[];
  /** The calls dropped, oldest first, with the tokens each group freed. */
  dropped: { callIds: string[]; line: number; tokens: number }[];
  before: number;
  after: number;
  /** Why the budget could not be met, when it could not. */
  shortfall?: string;
}

/** A call (or the calls of one message), their outputs and the reasoning just before, as units. */
interface CallGroup {
  callIds: string[];
  line: number;
  units: Set<number>;
  tokens: number;
}

export function pruneToBudget(items: readonly Item[], budget: number, profile: Profile, adapter: FormatAdapter, context: FixContext): Pruned {
  const total = items.reduce((n, item) => n + itemTokens(profile, item), 0);
  if (total <= budget) return { edits: [], dropped: [], before: total, after: total };
  if (adapter.name === "claude-code") {
    return { edits: [], dropped: [], before: total, after: total, shortfall: "pruning a Claude Code session would break its parentUuid chain; run /compact in Claude Code instead" };
  }
  const groups = callGroups(items, profile, context);
  const dropped: Pruned["dropped"] = [];
  const units = new Set<number>();
  let now = total;
  for (const group of groups) {
    if (now <= budget) break;
    group.units.forEach((unit) => units.add(unit));
    dropped.push({ callIds: group.callIds, line: group.line, tokens: group.tokens });
    now -= group.tokens;
  }
  const edits: Edit[] = [...units].map((record) => ({ op: "remove", record }));
  const shortfall = now > budget ? `the history still needs ${now} tokens once every tool call is dropped; the messages themselves are over the budget of ${budget}` : undefined;
  return { edits, dropped, before: total, after: now, ...(shortfall ? { shortfall } : {}) };
}

/**
 * The groups that can go, oldest first. A group is dropped whole or not at all: the units holding its
 * calls and outputs must hold nothing else (no assistant text beside the calls), and nothing at or
 * after the last user message is touched.
 */
function callGroups(items: readonly Item[], profile: Profile, context: FixContext): CallGroup[] {
  const lastUser = items.reduce((last, item, i) => (item.type === "message" && item.role === "user" ? i : last), -1);
  const tokensOfUnit = new Map<number, number>();
  const itemsOfUnit = new Map<number, Item[]>();
  for (const item of items) {
    const unit = context.containerOf(item);
    if (unit === undefined) continue;
    tokensOfUnit.set(unit, (tokensOfUnit.get(unit) ?? 0) + itemTokens(profile, item));
    itemsOfUnit.set(unit, [...(itemsOfUnit.get(unit) ?? []), item]);
  }
  const groups: CallGroup[] = [];
  const seen = new Set<string>();
  items.slice(0, Math.max(0, lastUser)).forEach((item, index) => {
    if (item.type !== "tool_call" || !item.callId || seen.has(item.callId)) return;
    const callUnit = context.containerOf(item);
    if (callUnit === undefined) return;
    const siblings = (itemsOfUnit.get(callUnit) ?? []).filter((i) => i.type === "tool_call") as Extract<Item, { type: "tool_call" }>[];
    const callIds = siblings.map((c) => c.callId).filter((id): id is string => id !== undefined);
    callIds.forEach((id) => seen.add(id));
    const units = new Set([callUnit]);
    for (const output of items.filter((i) => i.type === "tool_output" && i.callId !== undefined && callIds.includes(i.callId))) {
      const unit = context.containerOf(output);
      if (unit !== undefined) units.add(unit);
    }
    const previous = items[index - 1];
    const reasoningUnit = previous?.type === "reasoning" ? context.containerOf(previous) : undefined;
    if (reasoningUnit !== undefined) units.add(reasoningUnit);
    // Whole units only: a unit that also holds a message, or an item of another call, stays.
    const clean = [...units].every((unit) => (itemsOfUnit.get(unit) ?? []).every((i) => i.type === "reasoning" || ((i.type === "tool_call" || i.type === "tool_output") && i.callId !== undefined && callIds.includes(i.callId))));
    if (!clean) return;
    const tokens = [...units].reduce((n, unit) => n + (tokensOfUnit.get(unit) ?? 0), 0);
    groups.push({ callIds, line: item.source.line, units, tokens });
  });
  return groups;
}
