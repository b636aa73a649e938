// One index of call ids, outputs and item ids for all rules, so each id is hashed once per item, not once a rule.
import type { Item } from "../history/index.js";

/** The first call and the first output with one call id. */
interface Pair {
  callLine: number | undefined;
  outputLine: number | undefined;
}

/**
 * What came before the current item. The engine shows an item to every rule first, then records it
 * here: during a rule's `item` hook the index describes the items before it.
 */
export class PairingIndex {
  private readonly pairs = new Map<string, Pair>();
  private readonly itemIdLines = new Map<string, number>();

  /** The line of the first call with this id, if one came before. */
  callLine(callId: string): number | undefined {
    return this.pairs.get(callId)?.callLine;
  }

  /** The line of the first output for this id, if one came before. */
  outputLine(callId: string): number | undefined {
    return this.pairs.get(callId)?.outputLine;
  }

  /** The line of the first item with this provider item id, if one came before. */
  itemIdLine(id: string): number | undefined {
    return this.itemIdLines.get(id);
  }

  record(item: Item): void {
    if (item.id !== undefined && !this.itemIdLines.has(item.id)) this.itemIdLines.set(item.id, item.source.line);
    if ((item.type !== "tool_call" && item.type !== "tool_output") || !item.callId) return;
    let pair = this.pairs.get(item.callId);
    if (!pair) this.pairs.set(item.callId, (pair = { callLine: undefined, outputLine: undefined }));
    if (item.type === "tool_call") pair.callLine ??= item.source.line;
    else pair.outputLine ??= item.source.line;
  }
}
