// The temporary files a write goes through: named after the file and the process that writes them,
// so a later run can tell a temporary of a killed run (its process is gone) from one being written.
import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, readdirSync, unlinkSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";

const TEMPORARY = /^\.(.+)\.histlint-(\d+)-[0-9a-f]+\.tmp$/;

/** A fresh temporary name beside `path`: `.<name>.histlint-<pid>-<random>.tmp`. */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.histlint-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the temporaries of `path` (and of its backup) left by runs that were killed; returns their names. */
export function removeStaleTemporaries(path: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return [];
  }
  const own = new Set([basename(path), `${basename(path)}.bak`]);
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match || !own.has(match[1] as string)) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isAlive(pid)) continue;
    try {
      unlinkSync(join(dirname(path), name));
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: either way nothing of the user's is at stake.
    }
  }
  return removed;
}

/** How the new file should look to its owner: the mode and owner of the file it replaces, when there is one. */
export type Likeness = Pick<Stats, "mode" | "uid" | "gid"> | undefined;

/**
 * Writes `data` to a new temporary beside `path`, fsynced, with the mode and owner of `like` (a root
 * run must not leave the user's file owned by root). On any failure (ENOSPC, EPERM…) the temporary is
 * removed before the error goes on. Returns the open descriptor, for bytes to be appended before the rename.
 */
export function writeTemporary(path: string, data: Buffer, like: Likeness): { temporary: string; fd: number } {
  const temporary = temporaryPath(path);
  // A new file gets the usual mode (umask applies); a replacement gets its original's exactly, below.
  const fd = openSync(temporary, "wx", like ? 0o600 : 0o666);
  try {
    writeAll(fd, data);
    if (like) takeLikeness(fd, like);
    return { temporary, fd };
  } catch (error) {
    discard(temporary, fd);
    throw error;
  }
}

/** Takes over a temporary written elsewhere (a streamed repair), for appends, with the mode and owner of `like`. */
export function adoptTemporary(temporary: string, like: NonNullable<Likeness>): { temporary: string; fd: number } {
  let fd: number | undefined;
  try {
    fd = openSync(temporary, "a");
    takeLikeness(fd, like);
    return { temporary, fd };
  } catch (error) {
    discard(temporary, fd);
    throw error;
  }
}

/** The replaced file's mode and owner, given to the file that replaces it. */
function takeLikeness(fd: number, like: NonNullable<Likeness>): void {
  fchmodSync(fd, like.mode & 0o7777);
  copyOwner(fd, like);
}

function copyOwner(fd: number, like: NonNullable<Likeness>): void {
  if (process.getuid?.() === like.uid && process.getgid?.() === like.gid) return;
  try {
    fchownSync(fd, like.uid, like.gid);
  } catch (error) {
    // Only root may give a file away; anyone else keeps what the rename gives them.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") throw error;
  }
}

export function writeAll(fd: number, data: Buffer): void {
  for (let written = 0; written < data.length; ) written += writeSync(fd, data, written, data.length - written);
}

/** Fsyncs and closes a temporary, or removes it when that fails. */
export function finishTemporary(temporary: string, fd: number): void {
  try {
    fsyncSync(fd);
  } catch (error) {
    discard(temporary, fd);
    throw error;
  }
  closeSync(fd);
}

/** Closes and removes a temporary that will not be renamed. */
export function discard(temporary: string, fd?: number): void {
  if (fd !== undefined) {
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
  }
  try {
    unlinkSync(temporary);
  } catch {
    // Never created, or already gone.
  }
}
