// One index of call ids, outputs and item ids for all rules, so each id is hashed once per item, not once a rule.
import type { Item } from "../history/index.js";
import { requestIndex } from "../profiles/index.js";

/** A number slot per key: the map gives the slot, columns of small integers hold what is known of it. */
class SlotMap {
  private readonly slots = new Map<string, number>();
  /**
   * The last key asked for and its slot (-1: none). The rules of one item ask about the same id one
   * after the other (five of them an output's call id): this answers them with one lookup in a map
   * that holds every id of the file.
   */
  private lastKey: string | undefined;
  private lastSlot = -1;

  slotOf(key: string): number {
    if (key === this.lastKey) return this.lastSlot;
    const slot = this.slots.get(key) ?? -1;
    this.lastKey = key;
    this.lastSlot = slot;
    return slot;
  }

  /** Gives `key`, which has no slot yet, the slot `slot`. */
  add(key: string, slot: number): void {
    this.slots.set(key, slot);
    this.lastKey = key;
    this.lastSlot = slot;
  }
}

/**
 * What came before the current item. The engine shows an item to every rule first, then records it
 * here: during a rule's `item` hook the index describes the items before it. It holds no object per
 * id (it grows with every call of a rollout): a slot, and small integers in columns (0: none yet).
 */
export class PairingIndex {
  private readonly calls = new SlotMap();
  /** By call id's slot: the line of its first call, of its first output, and the request index of its first call. */
  private readonly callLines: number[] = [];
  private readonly outputLines: number[] = [];
  private readonly callIndices: number[] = [];
  private readonly itemIds = new SlotMap();
  private readonly itemIdLines: number[] = [];

  /** The line of the first call with this id, if one came before. */
  callLine(callId: string): number | undefined {
    const slot = this.calls.slotOf(callId);
    const line = slot === -1 ? 0 : (this.callLines[slot] as number);
    return line === 0 ? undefined : line;
  }

  /** The request index (`requestIndex`) of the first call with this id, if one came before. */
  callIndex(callId: string): number | undefined {
    const slot = this.calls.slotOf(callId);
    return slot === -1 || this.callLines[slot] === 0 ? undefined : this.callIndices[slot];
  }

  /** The line of the first output for this id, if one came before. */
  outputLine(callId: string): number | undefined {
    const slot = this.calls.slotOf(callId);
    const line = slot === -1 ? 0 : (this.outputLines[slot] as number);
    return line === 0 ? undefined : line;
  }

  /** The line of the first item with this provider item id, if one came before. */
  itemIdLine(id: string): number | undefined {
    const slot = this.itemIds.slotOf(id);
    return slot === -1 ? undefined : this.itemIdLines[slot];
  }

  /** Notes the item at `index` of the history, after the rules saw it. */
  record(item: Item, index: number): void {
    if (item.id !== undefined && this.itemIds.slotOf(item.id) === -1) {
      this.itemIds.add(item.id, this.itemIdLines.length);
      this.itemIdLines.push(item.source.line);
    }
    if ((item.type !== "tool_call" && item.type !== "tool_output") || !item.callId) return;
    let slot = this.calls.slotOf(item.callId);
    if (slot === -1) {
      slot = this.callLines.length;
      this.calls.add(item.callId, slot);
      this.callLines.push(0);
      this.outputLines.push(0);
      this.callIndices.push(0);
    }
    if (item.type === "tool_call" && this.callLines[slot] === 0) {
      this.callLines[slot] = item.source.line;
      this.callIndices[slot] = requestIndex(item, { index });
    } else if (item.type === "tool_output" && this.outputLines[slot] === 0) this.outputLines[slot] = item.source.line;
  }
}
