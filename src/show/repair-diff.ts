// Marks what a repair changed between two timelines: entries it added, removed, or moved.
import type { Timeline, ViewEntry } from "./view-model.js";

/** Beyond this many entry pairs the longest-common-subsequence table is too big: moves are not marked. */
const MAX_DIFF_CELLS = 4_000_000;

function keyOf(entry: ViewEntry): string {
  return [entry.kind, entry.label, entry.callId ?? "", entry.text.slice(0, 400)].join("\u0000");
}

/** The entries that stand for the file (not ones the client adds on resume), in file order: what a repair moves. */
function fileEntries(timeline: Timeline): ViewEntry[] {
  const own = timeline.entries.filter((entry) => entry.fate !== "inserted" && entry.fate !== "note");
  return own.sort((a, b) => a.line - b.line || a.column - b.column || a.n - b.n);
}

/** Counts of each key, to tell what one side has more of. */
function tally(entries: ViewEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(keyOf(entry), (counts.get(keyOf(entry)) ?? 0) + 1);
  return counts;
}

/** Entries of `a` whose key `b` holds fewer times: the surplus, latest first. */
function surplus(a: ViewEntry[], b: Map<string, number>): Set<ViewEntry> {
  const left = new Map(b);
  const extra = new Set<ViewEntry>();
  for (const entry of a) {
    const key = keyOf(entry);
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    else extra.add(entry);
  }
  return extra;
}

/** The entries of `before` that keep their order in `after` (a longest common subsequence of keys). */
function keptInOrder(before: ViewEntry[], after: ViewEntry[]): Set<ViewEntry> | undefined {
  if (before.length * after.length > MAX_DIFF_CELLS) return undefined;
  const m = before.length;
  const n = after.length;
  const table = new Uint32Array((m + 1) * (n + 1));
  for (let i = m - 1; i >= 0; i -= 1) {
    for (let j = n - 1; j >= 0; j -= 1) {
      table[i * (n + 1) + j] = keyOf(before[i] as ViewEntry) === keyOf(after[j] as ViewEntry) ? (table[(i + 1) * (n + 1) + j + 1] as number) + 1 : Math.max(table[(i + 1) * (n + 1) + j] as number, table[i * (n + 1) + j + 1] as number);
    }
  }
  const kept = new Set<ViewEntry>();
  for (let i = 0, j = 0; i < m && j < n; ) {
    if (keyOf(before[i] as ViewEntry) === keyOf(after[j] as ViewEntry)) {
      kept.add(after[j] as ViewEntry);
      i += 1;
      j += 1;
    } else if ((table[(i + 1) * (n + 1) + j] as number) >= (table[i * (n + 1) + j + 1] as number)) i += 1;
    else j += 1;
  }
  return kept;
}

/** Sets `change` on the entries of both timelines: removed (before only), added (after only), moved. */
export function markRepair(before: Timeline, after: Timeline): { added: number; removed: number; moved: number } {
  const was = fileEntries(before);
  const is = fileEntries(after);
  const removed = surplus(was, tally(is));
  const added = surplus(is, tally(was));
  removed.forEach((entry) => (entry.change = "removed"));
  added.forEach((entry) => (entry.change = "added"));
  const kept = keptInOrder(was.filter((e) => !removed.has(e)), is.filter((e) => !added.has(e)));
  let moved = 0;
  if (kept) {
    for (const entry of is) {
      if (added.has(entry) || kept.has(entry)) continue;
      entry.change = "moved";
      moved += 1;
    }
  }
  return { added: added.size, removed: removed.size, moved };
}
