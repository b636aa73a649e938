// The hunks of a unified diff, written as the edit script goes by. The script is walked twice: once to
// count each hunk's lines, for the `@@` headers that come before them, then to write. Only a few
// context lines are held, so a diff of two files of any size (a streamed fix's) takes no memory.

export type Op = { kind: " " | "-" | "+"; line: string };

interface HunkSize {
  old: number;
  new: number;
}

/** One walk of the script: counting the hunks (`sizes` empty, filled), or writing them (`sizes` as counted). */
class HunkWalk {
  /** The kept lines just before the next change: a hunk's leading context. */
  private readonly leading: Op[] = [];
  /** Kept lines since the open hunk's last change: its trailing context, or the leading one of the next. */
  private readonly kept: Op[] = [];
  private open: HunkSize | undefined;
  /** Lines of each side before the leading context. */
  private oldBefore = 0;
  private newBefore = 0;
  private hunks = 0;

  constructor(
    private readonly sizes: HunkSize[],
    private readonly counting: boolean,
    private readonly write: (text: string) => void,
    private readonly context: number,
    /** The `---`/`+++` lines, written before the first hunk. */
    private readonly fileHeader: string,
  ) {}

  add(op: Op): void {
    if (op.kind !== " ") return this.change(op);
    if (!this.open) {
      this.leading.push(op);
      if (this.leading.length > this.context) this.pass(this.leading.shift() as Op);
      return;
    }
    this.kept.push(op);
    // A change this far on starts a hunk of its own: the last `context` kept lines become its leading context.
    if (this.kept.length >= 2 * this.context) this.close();
  }

  /** Ends the hunk still open; returns how many hunks there were. */
  end(): number {
    if (this.open) this.close();
    return this.hunks;
  }

  private change(op: Op): void {
    if (!this.open) this.start();
    for (const kept of this.kept.splice(0)) this.show(kept);
    this.show(op);
  }

  private start(): void {
    this.open = { old: 0, new: 0 };
    if (!this.counting) {
      const size = this.sizes[this.hunks] as HunkSize;
      if (this.hunks === 0) this.write(this.fileHeader);
      this.write(`@@ -${this.oldBefore + 1},${size.old} +${this.newBefore + 1},${size.new} @@\n`);
    }
    for (const op of this.leading.splice(0)) this.show(op);
  }

  private close(): void {
    const trailing = this.kept.splice(0);
    for (const op of trailing.slice(0, this.context)) this.show(op);
    const size = this.open as HunkSize;
    if (this.counting) this.sizes.push(size);
    this.oldBefore += size.old;
    this.newBefore += size.new;
    this.open = undefined;
    this.hunks += 1;
    for (const op of trailing.slice(this.context)) this.add(op);
  }

  /** A line of the open hunk. */
  private show(op: Op): void {
    const size = this.open as HunkSize;
    if (op.kind !== "+") size.old += 1;
    if (op.kind !== "-") size.new += 1;
    // The real lines, however long: `patch` and `git apply` must find them exactly, with no fuzz.
    if (!this.counting) this.write(`${op.kind}${op.line}\n`);
  }

  /** A line no hunk shows. */
  private pass(op: Op): void {
    if (op.kind !== "+") this.oldBefore += 1;
    if (op.kind !== "-") this.newBefore += 1;
  }
}

/** `--- a/file` and `+++ b/file`: git's a/ and b/ prefixes for a relative path; an absolute one reads best as it is. */
function fileHeader(path: string): string {
  const absolute = path.startsWith("/");
  return `--- ${absolute ? path : `a/${path}`}\n+++ ${absolute ? path : `b/${path}`}\n`;
}

/**
 * Writes the unified diff of the edit script `script()` gives (the same script each time it is called),
 * with `context` lines around each run of changes. With no changed line, `differs` (asked after the first
 * walk) says whether the texts still differ (only in their last newline): then the header alone is written.
 */
export function writeUnifiedDiff(path: string, script: () => Iterable<Op>, write: (text: string) => void, differs: () => boolean, context = 3): void {
  const sizes: HunkSize[] = [];
  const walk = (counting: boolean) => {
    const hunks = new HunkWalk(sizes, counting, write, context, fileHeader(path));
    for (const op of script()) hunks.add(op);
    return hunks.end();
  };
  if (walk(true) > 0) walk(false);
  else if (differs()) write(fileHeader(path));
}
