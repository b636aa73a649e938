// The streamed read's heap ceiling: it looks at the heap only every few megabytes, collects only past
// the ceiling, and after a collection lets a heap that keeps much grow to twice what is live.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FLOOR_BYTES, HeapCeiling, LOOK_EVERY_BYTES, type Heap } from "../../src/engine/heap-ceiling.js";

/** A heap whose use the test sets, counting looks and collections; a collection leaves `live` in use. */
function fakeHeap(live: number) {
  const state = { use: 0, looks: 0, collections: 0, live };
  const heap: Heap = {
    used: () => {
      state.looks += 1;
      return state.use;
    },
    collect: () => {
      state.collections += 1;
      state.use = state.live;
    },
  };
  return { heap, state };
}

/** Sets the heap's use, then reads a look's worth of bytes. */
function lookAt(ceiling: HeapCeiling, state: { use: number }, use: number): void {
  state.use = use;
  ceiling.read(LOOK_EVERY_BYTES);
}

describe("HeapCeiling", () => {
  it("does not look at the heap before a look's worth of bytes has been read", () => {
    const { heap, state } = fakeHeap(0);
    const ceiling = new HeapCeiling(heap);
    state.use = 10 * FLOOR_BYTES;
    ceiling.read(LOOK_EVERY_BYTES - 1);
    expect(state.looks).toBe(0);
    ceiling.read(1);
    expect(state.collections).toBe(1);
  });

  it("collects only once the heap has passed the floor", () => {
    const { heap, state } = fakeHeap(0);
    const ceiling = new HeapCeiling(heap);
    lookAt(ceiling, state, FLOOR_BYTES - 1);
    expect(state.collections).toBe(0);
    lookAt(ceiling, state, FLOOR_BYTES);
    expect(state.collections).toBe(1);
  });

  it("collects from a lower floor when given one, and never again below it", () => {
    const floor = FLOOR_BYTES / 2;
    const { heap, state } = fakeHeap(floor / 4);
    const ceiling = new HeapCeiling(heap, floor);
    lookAt(ceiling, state, floor);
    expect(state.collections).toBe(1);
    // Twice what stayed live is below the floor: the floor is the ceiling again.
    lookAt(ceiling, state, floor - 1);
    expect(state.collections).toBe(1);
    lookAt(ceiling, state, floor);
    expect(state.collections).toBe(2);
  });

  it("after a collection, waits for the heap to double what stayed live", () => {
    const live = 3 * FLOOR_BYTES;
    const { heap, state } = fakeHeap(live);
    const ceiling = new HeapCeiling(heap);
    lookAt(ceiling, state, 4 * FLOOR_BYTES);
    expect(state.collections).toBe(1);
    lookAt(ceiling, state, 2 * live - 1);
    expect(state.collections).toBe(1);
    lookAt(ceiling, state, 2 * live);
    expect(state.collections).toBe(2);
  });

  it("never collects more often than once a look, whatever is read and however the heap moves", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ bytes: fc.nat(3 * LOOK_EVERY_BYTES), use: fc.nat(8 * FLOOR_BYTES) }), { maxLength: 60 }), (steps) => {
        const { heap, state } = fakeHeap(FLOOR_BYTES / 2);
        const ceiling = new HeapCeiling(heap);
        let read = 0;
        for (const { bytes, use } of steps) {
          state.use = use;
          ceiling.read(bytes);
          read += bytes;
        }
        expect(state.collections).toBeLessThanOrEqual(Math.floor(read / LOOK_EVERY_BYTES));
        expect(state.looks).toBeLessThanOrEqual(2 * Math.floor(read / LOOK_EVERY_BYTES));
      }),
    );
  });
});
