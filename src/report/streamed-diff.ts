// The dry-run diff of two files too large to hold (a streamed fix): the lines are walked side by
// side, and where they part, the nearest line both sides have again is sought a window at a time.
// The script between is Myers' shortest; a fix's edits are local, so this is the whole file's too.
// `writeUnifiedDiff` walks it twice, so each side is read twice.
import type { Op } from "./hunk-writer.js";
import { diffLines } from "./unified-diff.js";

/** The lines held on either side while seeking where they meet again; past this, the window is shown as removed and added. */
const WINDOW_BYTES = 16 * 1024 * 1024;
/** Regions longer than this are shown as removed then added: Myers' trace grows with the square of their length. */
const MYERS_LINES = 512;

/** One side's lines, with lines read ahead and not used put back. */
class Lines {
  private readonly back: string[] = [];
  constructor(private readonly source: Iterator<string>) {}

  next(): string | undefined {
    if (this.back.length > 0) return this.back.pop();
    const step = this.source.next();
    return step.done ? undefined : step.value;
  }

  putBack(lines: readonly string[]): void {
    for (let i = lines.length - 1; i >= 0; i -= 1) this.back.push(lines[i] as string);
  }
}

/** A window of one side's lines from where the sides parted, with where each line first appears in it. */
class Window {
  readonly lines: string[] = [];
  readonly first = new Map<string, number>();
  bytes = 0;
  ended = false;

  constructor(private readonly side: Lines) {}

  /** Reads one more line into the window: its index, or undefined at the end of the side. */
  grow(): number | undefined {
    if (this.ended) return undefined;
    const line = this.side.next();
    if (line === undefined) {
      this.ended = true;
      return undefined;
    }
    const index = this.lines.push(line) - 1;
    if (!this.first.has(line)) this.first.set(line, index);
    this.bytes += line.length;
    return index;
  }
}

/** Where the two windows meet again (a line both hold), growing them a line each at a time; undefined if they do not within the bound. */
function meeting(a: Window, b: Window): [number, number] | undefined {
  for (;;) {
    const i = a.grow();
    const atB = i === undefined ? undefined : b.first.get(a.lines[i] as string);
    if (i !== undefined && atB !== undefined) return [i, atB];
    const j = b.grow();
    const atA = j === undefined ? undefined : a.first.get(b.lines[j] as string);
    if (j !== undefined && atA !== undefined) return [atA, j];
    if ((a.ended && b.ended) || a.bytes + b.bytes > WINDOW_BYTES) return undefined;
  }
}

function* region(removed: string[], added: string[]): Generator<Op> {
  if (removed.length + added.length <= MYERS_LINES) return yield* diffLines(removed, added);
  for (const line of removed) yield { kind: "-", line };
  for (const line of added) yield { kind: "+", line };
}

/** An edit script from `before` to `after`, kept lines streamed, changed regions held one at a time. */
export function* streamedEditScript(before: Iterator<string>, after: Iterator<string>): Generator<Op> {
  const a = new Lines(before);
  const b = new Lines(after);
  for (;;) {
    const x = a.next();
    const y = b.next();
    if (x !== undefined && x === y) {
      yield { kind: " ", line: x };
      continue;
    }
    if (x === undefined && y === undefined) return;
    a.putBack(x === undefined ? [] : [x]);
    b.putBack(y === undefined ? [] : [y]);
    const from = new Window(a);
    const to = new Window(b);
    const [i, j] = meeting(from, to) ?? [from.lines.length, to.lines.length];
    yield* region(from.lines.slice(0, i), to.lines.slice(0, j));
    // The line where they meet, and what was read past it, is walked again.
    a.putBack(from.lines.slice(i));
    b.putBack(to.lines.slice(j));
  }
}
