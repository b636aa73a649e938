// A unified diff of two texts by lines (Myers' O(ND) algorithm), for `fix --dry-run`.
import { writeUnifiedDiff, type Op } from "./hunk-writer.js";

/** The shortest edit script from `a` to `b`, as kept, removed and added lines. */
export function diffLines(a: string[], b: string[]): Op[] {
  const max = a.length + b.length;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  for (let d = 0; d <= max; d += 1) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? 0) < (v.get(k + 1) ?? 0)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) (x += 1), (y += 1);
      v.set(k, x);
      if (x >= a.length && y >= b.length) return backtrack(trace, a, b, d);
    }
  }
  return [];
}

function backtrack(trace: Map<number, number>[], a: string[], b: string[], depth: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d >= 0; d -= 1) {
    const v = trace[d] as Map<number, number>;
    const k = x - y;
    const prevK = k === -d || (k !== d && (v.get(k - 1) ?? 0) < (v.get(k + 1) ?? 0)) ? k + 1 : k - 1;
    const prevX = v.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: " ", line: a[(x -= 1, x)] as string }), (y -= 1);
    if (d > 0) ops.push(x === prevX ? { kind: "+", line: b[(y -= 1, y)] as string } : { kind: "-", line: a[(x -= 1, x)] as string });
  }
  return ops.reverse();
}

/** `--- a/file`, `+++ b/file` and hunks with three lines of context; empty when nothing changes. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return "";
  // A final newline ends the last line; it does not start an empty one.
  const lines = (text: string) => (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
  const ops = diffLines(lines(before), lines(after));
  const parts: string[] = [];
  writeUnifiedDiff(path, () => ops, (text) => parts.push(text), () => true, context);
  return parts.join("");
}
