// Writes a repaired file so that a crash at any point leaves the original or the whole repair, never half.
import { randomBytes } from "node:crypto";
import { closeSync, copyFileSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The file is not what was read: someone wrote to it meanwhile. Nothing was written. */
export class ChangedOnDisk extends Error {}

function fsyncPath(path: string, flags: string): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` with `data` if it still holds `original`: writes a temporary file beside it,
 * fsyncs it, copies the original to `<path>.bak` (unless `backup` is false), renames the
 * temporary file over the original and fsyncs the folder.
 */
export function replaceFile(path: string, data: Buffer, original: Buffer, options: { backup: boolean }): void {
  const before = statSync(path);
  if (before.size !== original.length || !readFileSync(path).equals(original)) {
    throw new ChangedOnDisk(`${path}: the file changed while it was being repaired; nothing was written, run fix again`);
  }
  const temporary = join(dirname(path), `.${basename(path)}.histlint-${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(temporary, "wx", before.mode);
  try {
    for (let written = 0; written < data.length; ) written += writeSync(fd, data, written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  if (options.backup) {
    copyFileSync(path, `${path}.bak`);
    fsyncPath(`${path}.bak`, "r");
  }
  renameSync(temporary, path);
  fsyncPath(dirname(path), "r");
}
