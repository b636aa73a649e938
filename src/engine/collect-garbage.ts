// A full garbage collection between the passes of a streamed repair. Each pass reads a gigabyte and
// leaves most of it as garbage; V8 collects it only once the heap has grown well past what is live
// (23 MB live against 340 MB resident for a 1 GB rollout), so the passes are told apart by hand.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | null | undefined;

/** Collects garbage now when the runtime lets it (`--expose-gc`, turned on here); otherwise does nothing. */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
