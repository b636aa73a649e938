// Writes a repaired file so that a crash at any point leaves the original or the whole repair, never
// half, and so that what the client appends while the repair is written is kept, not lost.
import { closeSync, fstatSync, fsyncSync, openSync, realpathSync, renameSync, statSync, type Stats } from "node:fs";
import { dirname } from "node:path";
import { readRange } from "../read/index.js";
import type { RepairedFile } from "./fix-stream.js";
import { openWriters, type OpenWriter } from "./open-writers.js";
import { copyPrefix, endsLine, lengthOf, stillStartsWith, writeOriginal, type Original } from "./original-bytes.js";
import { adoptTemporary, discard, finishTemporary, removeStaleTemporaries, writeAll, writeTemporary, type Likeness } from "./temporary-files.js";

/** The file is not what was read, and the change cannot be carried into the repair. Nothing was written. */
export class ChangedOnDisk extends Error {}

/** Another process holds the file open for writing: what it writes after the rename would be lost. Nothing was written. */
export class HeldOpenForWriting extends Error {
  constructor(
    readonly path: string,
    readonly writers: OpenWriter[],
  ) {
    const who = writers.map((w) => `${w.command} (pid ${w.pid})`).join(", ");
    super(`${path}: ${who} has the file open for writing; what it writes after the repair would be lost. Nothing was written: stop it (or let the session end) and run fix again, or pass --force`);
  }
}

export interface ReplaceOptions {
  /** Keep the original as `<path>.bak`. */
  backup: boolean;
  /**
   * Whether bytes appended meanwhile can follow the repair: true for JSONL, where an append is whole
   * new records. A document (one JSON value) that changed is never merged.
   */
  appendable: boolean;
  /** Write even when another process holds the file open for writing. */
  force?: boolean;
}

export interface ReplaceOutcome {
  /** Bytes a writer appended while the repair was written, kept at the end of the repaired file. */
  appendedMeanwhile: number;
  /** Processes that held the file open for writing, when `force` let the write go ahead. */
  forcedPast: OpenWriter[];
}

/**
 * Replaces `path` (through a symlink: the file it points to) with `data`, the repair of `original`:
 * bytes, or a streamed repair's temporary (written beside the file; it is renamed into place, or removed
 * whatever fails). The repair is fsynced and renamed over the file; the backup is written the same way.
 * Up to the rename, bytes appended to the original are carried into the repair; after it, the old file
 * is checked once more for a write that raced the rename.
 */
export function replaceFile(path: string, data: Buffer | RepairedFile, original: Original, options: ReplaceOptions): ReplaceOutcome {
  try {
    return replaceWith(path, data, original, options);
  } catch (error) {
    if (!Buffer.isBuffer(data) && data.temporary) discard(data.path);
    throw error;
  }
}

function replaceWith(path: string, data: Buffer | RepairedFile, original: Original, options: ReplaceOptions): ReplaceOutcome {
  const target = realpathSync(path);
  removeStaleTemporaries(target);
  removeStaleTemporaries(`${path}.bak`);
  const writers = openWriters(target);
  if (writers.length > 0 && !options.force) throw new HeldOpenForWriting(path, writers);
  const source = openSync(target, "r");
  try {
    const like = fstatSync(source);
    const watch = new AppendWatch(source, original, options.appendable, path);
    watch.check();
    const { temporary, fd } = Buffer.isBuffer(data) ? writeTemporary(target, data, like) : adoptTemporary(data.path, like);
    try {
      writeAll(fd, watch.take());
      if (options.backup) {
        const seen = watch.seen();
        writeWholeWith(`${path}.bak`, like, (out) => {
          writeOriginal(out, source, original, () => watch.changed());
          writeAll(out, seen);
        });
      }
      writeAll(fd, watch.take());
      finishTemporary(temporary, fd);
    } catch (error) {
      discard(temporary, fd);
      throw error;
    }
    renameOver(temporary, target);
    carryLateAppends(target, watch, like);
    return { appendedMeanwhile: watch.seen().length, forcedPast: writers };
  } finally {
    closeSync(source);
  }
}

/** Writes a new file at `path` (the `-o` output, a backup) all at once: a full disk leaves no partial file. */
export function writeWhole(path: string, data: Buffer, like?: Likeness): void {
  writeWholeWith(path, like, (out) => writeAll(out, data));
}

/**
 * Puts a streamed repair at `path` (the `-o` output) all at once: its temporary, made beside `path`, is
 * renamed there; a repair that changed nothing is the original, copied. Nothing is left behind on failure.
 */
export function placeWhole(path: string, repaired: RepairedFile): void {
  if (!repaired.temporary) {
    const from = openSync(repaired.path, "r");
    try {
      return writeWholeWith(path, undefined, (out) => copyPrefix(out, from, repaired.size));
    } finally {
      closeSync(from);
    }
  }
  try {
    const target = realpathOrSelf(path);
    const like = statOrUndefined(target);
    const { temporary, fd } = like ? adoptTemporary(repaired.path, like) : { temporary: repaired.path, fd: openSync(repaired.path, "a") };
    finishTemporary(temporary, fd);
    renameOver(temporary, target);
  } catch (error) {
    discard(repaired.path);
    throw error;
  }
}

/** A new file at `path` whose bytes `fill` writes, through a fsynced temporary renamed into place. */
function writeWholeWith(path: string, like: Likeness, fill: (fd: number) => void): void {
  const target = realpathOrSelf(path);
  removeStaleTemporaries(target);
  const { temporary, fd } = writeTemporary(target, Buffer.alloc(0), like ?? statOrUndefined(target));
  try {
    fill(fd);
  } catch (error) {
    discard(temporary, fd);
    throw error;
  }
  finishTemporary(temporary, fd);
  renameOver(temporary, target);
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // A new file: written where it was named.
    return path;
  }
}

/** Puts a finished temporary in the target's place, for good: the rename, then the folder fsynced. */
function renameOver(temporary: string, target: string): void {
  try {
    renameSync(temporary, target);
  } catch (error) {
    discard(temporary);
    throw error;
  }
  syncFolder(target);
}

/**
 * A write that raced the rename went to the old file (open here as the watch's descriptor). An append
 * to JSONL is added to the end of the repair; any other change puts the old file's bytes back whole,
 * so the client's write survives and the repair is given up.
 */
function carryLateAppends(target: string, watch: AppendWatch, like: Stats): void {
  let late: Buffer;
  try {
    watch.check();
    late = watch.take();
  } catch (error) {
    if (!(error instanceof ChangedOnDisk)) throw error;
    writeWholeWith(target, like, (out) => copyPrefix(out, watch.fd, fstatSync(watch.fd).size));
    throw new ChangedOnDisk(`${watch.name}: the file changed while the repair was being written; its bytes, with that change, are back in place and nothing was repaired: run fix again`);
  }
  if (late.length === 0) return;
  const fd = openSync(target, "a");
  try {
    writeAll(fd, late);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Follows the original through its descriptor: what was appended since it was read, and whether anything else changed. */
class AppendWatch {
  private known: number;
  /** Modification and change times at the last check; undefined forces the first check to compare. */
  private stamp: string | undefined;
  private carried: Buffer[] = [];
  private pending: Buffer[] = [];

  constructor(
    readonly fd: number,
    private readonly original: Original,
    private readonly appendable: boolean,
    readonly name: string,
  ) {
    this.known = lengthOf(original);
  }

  /** The refusal for a file changed other than at its end. */
  changed(): ChangedOnDisk {
    return new ChangedOnDisk(`${this.name}: the file changed while it was being repaired, not only at its end; nothing was written, run fix again`);
  }

  /** Reads what was appended since the last check; throws ChangedOnDisk for any other change. */
  check(): void {
    const stat = fstatSync(this.fd, { bigint: true });
    const size = Number(stat.size);
    const stamp = `${stat.mtimeNs}:${stat.ctimeNs}`;
    if (size === this.known && stamp === this.stamp) return;
    // Something was written: the bytes read before must still be there, whatever else happened.
    if (size < this.known || !stillStartsWith(this.fd, this.original)) throw this.changed();
    this.stamp = stamp;
    if (size === this.known) return;
    if (!this.appendable || !endsLine(this.fd, this.original)) {
      throw new ChangedOnDisk(`${this.name}: the file grew while it was being repaired, and the new bytes cannot follow the repair (${this.appendable ? "its last line was unfinished" : "it is one JSON document"}); nothing was written, run fix again`);
    }
    this.pending.push(readRange(this.fd, this.known, size));
    this.known = size;
  }

  /** The appended bytes not yet written to the repair (checking once more first). */
  take(): Buffer {
    this.check();
    const taken = Buffer.concat(this.pending);
    this.carried.push(taken);
    this.pending = [];
    return taken;
  }

  /** Every appended byte taken so far. */
  seen(): Buffer {
    return Buffer.concat(this.carried);
  }
}

function syncFolder(path: string): void {
  const fd = openSync(dirname(path), "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
