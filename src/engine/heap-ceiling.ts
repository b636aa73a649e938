// Lint keeps little of a streamed file (18 MB of heap after a broken gigabyte with 12,256 findings), but
// V8 sizes the old generation from what was live at its last full collection, and in between lets what
// the young generation promoted pile up: on that file the heap grew to 128 MB with under 40 MB live,
// and the peak moved with when V8's last full collection happened to fall (184–216 MB RSS over runs).
// So a streamed read looks at the heap every few megabytes, and collects once it passes a ceiling.
import { getHeapStatistics } from "node:v8";
import { collectGarbage } from "./collect-garbage.js";

/** Bytes read between two looks at the heap: a look costs about a microsecond, a few hundred of them a gigabyte. */
export const LOOK_EVERY_BYTES = 4 << 20;

/** The least heap before a collection: well above what a clean history's lint keeps, so most files never trigger one. */
export const FLOOR_BYTES = 64 << 20;

/**
 * The floor for a read that keeps little beside it (replay's plan holds 11 MB for a 200 MB rollout): what
 * its records leave is promoted garbage that would otherwise wait for V8's own full collection.
 */
export const KEEPS_LITTLE_FLOOR_BYTES = 32 << 20;

/** A heap that keeps much (a long file's findings) is let grow to twice that before the next collection, not collected over and over. */
const GROWTH_OVER_LIVE = 2;

/** How the ceiling sees the heap and empties it: V8's by default, a test's own to check when it collects. */
export interface Heap {
  used(): number;
  collect(): void;
}

const V8_HEAP: Heap = { used: () => getHeapStatistics().used_heap_size, collect: collectGarbage };

export class HeapCeiling {
  private unlooked = 0;
  private ceiling: number;

  /** `floor`: the least heap before a collection (a caller that knows it keeps little sets it lower). */
  constructor(
    private readonly heap: Heap = V8_HEAP,
    private readonly floor = FLOOR_BYTES,
  ) {
    this.ceiling = floor;
  }

  /** Notes `bytes` more read, and collects garbage when the heap has passed the ceiling. */
  read(bytes: number): void {
    this.unlooked += bytes;
    if (this.unlooked < LOOK_EVERY_BYTES) return;
    this.unlooked = 0;
    if (this.heap.used() < this.ceiling) return;
    this.heap.collect();
    this.ceiling = Math.max(this.floor, GROWTH_OVER_LIVE * this.heap.used());
  }
}
