// Expands the command line's paths: files, folders (recursive *.jsonl and *.json), globs, and `-` for stdin.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describeIoError } from "../engine/index.js";
import { UsageError } from "./exit-codes.js";
import { globBase, globToRegExp, hasGlobMagic } from "./glob.js";

export const STDIN = "-";
const HISTORY_FILE = /\.(jsonl|json)$/;
/** Folders that never hold histories worth checking and can be huge. */
const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);

/** The files to check, sorted and without repeats; a path that names nothing is a UsageError. */
export function expandPaths(args: readonly string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    if (arg === STDIN) files.push(STDIN);
    else if (hasGlobMagic(arg)) files.push(...expandGlob(arg));
    else files.push(...expandPath(arg));
  }
  return [...new Set(files)];
}

function expandPath(path: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    throw new UsageError(`${path}: ${describeIoError(error)}`);
  }
  if (!isDirectory) return [path];
  const found = walk(path).filter((file) => HISTORY_FILE.test(file));
  if (found.length === 0) throw new UsageError(`${path}: no *.jsonl or *.json files in this folder`);
  return found;
}

function expandGlob(pattern: string): string[] {
  const base = globBase(pattern);
  const matcher = globToRegExp(pattern.startsWith("./") ? pattern.slice(2) : pattern);
  let candidates: string[];
  try {
    candidates = statSync(base).isDirectory() ? walk(base) : [base];
  } catch {
    candidates = [];
  }
  const found = candidates.filter((file) => matcher.test(base === "." ? relative(".", file) : file));
  if (found.length === 0) throw new UsageError(`${pattern}: no file matches this pattern`);
  return found;
}

/** Every file below `folder`, in a stable (sorted) order. */
function walk(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`${folder}: ${describeIoError(error)}`);
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) files.push(...walk(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
