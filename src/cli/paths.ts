// Expands the command line's paths: files, folders (recursive *.jsonl and *.json), globs, and `-` for stdin.
// A file named on the command line is checked whatever it is; a walk (a folder, a glob) passes over files
// that are plainly not histories (package.json, tsconfig.json…) and says how many.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describeIoError } from "../engine/lint-file.js";
import { UsageError } from "./exit-codes.js";
import { globBase, globToRegExp, hasGlobMagic } from "./glob.js";

export const STDIN = "-";
const HISTORY_FILE = /\.(jsonl|json)$/;
/** Folders that never hold histories worth checking and can be huge. */
const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);
/** JSON files of the tools around a project, never a history: a walk passes over them. */
const NOT_HISTORY = /(^|\/)(package(-lock)?|npm-shrinkwrap|composer|(ts|js)config(\.[^/]*)?|histlint\.config|\.?eslintrc|\.?prettierrc|biome|renovate|lerna|turbo|vercel|\.markdownlint(-cli2)?|[^/]+\.expected)\.json$/;

/** A file to check; `walked` when a folder or a glob found it rather than the command line naming it. */
export interface Target {
  file: string;
  walked: boolean;
}

/** What a walk passed over because it is plainly not a history, for `--debug` and the count. */
export interface Expansion {
  targets: Target[];
  skipped: string[];
}

/** The files to check, sorted and without repeats; a path that names nothing is a UsageError. */
export function expandPaths(args: readonly string[]): string[] {
  return expandTargets(args).targets.map((target) => target.file);
}

export function expandTargets(args: readonly string[]): Expansion {
  const targets = new Map<string, Target>();
  const skipped: string[] = [];
  const add = (files: string[], walked: boolean) => {
    for (const file of files) {
      if (walked && isPlainlyNotHistory(file)) skipped.push(file);
      else if (!targets.has(file)) targets.set(file, { file, walked });
      else if (!walked) targets.set(file, { file, walked });
    }
  };
  for (const arg of args) {
    if (arg === STDIN) add([STDIN], false);
    else if (hasGlobMagic(arg)) add(expandGlob(arg), true);
    else {
      const { files, walked } = expandPath(arg);
      add(files, walked);
      if (walked && !files.some((file) => targets.has(file))) throw new UsageError(`${arg}: no histories in this folder (${files.length} JSON file(s) of other tools: ${files.slice(0, 3).join(", ")}${files.length > 3 ? ", …" : ""})`);
    }
  }
  return { targets: [...targets.values()], skipped: [...new Set(skipped)].filter((file) => !targets.has(file)) };
}

export function isPlainlyNotHistory(file: string): boolean {
  return NOT_HISTORY.test(file.split("\\").join("/"));
}

function expandPath(path: string): { files: string[]; walked: boolean } {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    throw new UsageError(`${path}: ${describeIoError(error)}`);
  }
  if (!isDirectory) return { files: [path], walked: false };
  const found = walk(path).filter((file) => HISTORY_FILE.test(file));
  if (found.length === 0) throw new UsageError(`${path}: no *.jsonl or *.json files in this folder`);
  return { files: found, walked: true };
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
