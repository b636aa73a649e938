// One index of call ids, outputs and item ids for all rules, so each id is hashed once per item, not once a rule.
import type { Item } from "../history/index.js";

/**
 * The first call's and the first output's line of one call id, packed into one number (call line +
 * output line × 2^26) so the index holds no object per id: it grows with every call of a rollout.
 * Line numbers past 2^26 - 1 (a file of over 67 million lines) are clamped; they only feed messages.
 */
const LINE_LIMIT = 2 ** 26;
const clamp = (line: number) => Math.min(line, LINE_LIMIT - 1);

/**
 * What came before the current item. The engine shows an item to every rule first, then records it
 * here: during a rule's `item` hook the index describes the items before it.
 */
export class PairingIndex {
  private readonly pairs = new Map<string, number>();
  private readonly itemIdLines = new Map<string, number>();

  /** The line of the first call with this id, if one came before. */
  callLine(callId: string): number | undefined {
    const packed = this.pairs.get(callId);
    const line = packed === undefined ? 0 : packed % LINE_LIMIT;
    return line === 0 ? undefined : line;
  }

  /** The line of the first output for this id, if one came before. */
  outputLine(callId: string): number | undefined {
    const packed = this.pairs.get(callId);
    const line = packed === undefined ? 0 : Math.floor(packed / LINE_LIMIT);
    return line === 0 ? undefined : line;
  }

  /** The line of the first item with this provider item id, if one came before. */
  itemIdLine(id: string): number | undefined {
    return this.itemIdLines.get(id);
  }

  record(item: Item): void {
    if (item.id !== undefined && !this.itemIdLines.has(item.id)) this.itemIdLines.set(item.id, item.source.line);
    if ((item.type !== "tool_call" && item.type !== "tool_output") || !item.callId) return;
    const packed = this.pairs.get(item.callId) ?? 0;
    const call = packed % LINE_LIMIT;
    const output = Math.floor(packed / LINE_LIMIT);
    const line = clamp(item.source.line);
    if (item.type === "tool_call" && call === 0) this.pairs.set(item.callId, line + output * LINE_LIMIT);
    else if (item.type === "tool_output" && output === 0) this.pairs.set(item.callId, call + line * LINE_LIMIT);
  }
}
