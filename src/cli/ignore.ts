// Which files a run leaves out: `.histlintignore` (gitignore's syntax) and the configuration's `ignore` globs.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { UsageError } from "./exit-codes.js";
import { globToRegExp } from "./glob.js";

export const IGNORE_FILE = ".histlintignore";

/** One pattern, where it was written (`.histlintignore:3` or the configuration), and what it matches. */
interface Pattern {
  text: string;
  origin: string;
  negated: boolean;
  /** The folder the pattern is relative to. */
  base: string;
  matches: RegExp[];
}

/** Why a file is ignored (`.histlintignore:3 "logs/**"`), or undefined when it is not. */
export type IgnoredBy = (file: string) => string | undefined;

/**
 * gitignore's rules, the ones people use: `#` comments, `!` to take a file back, a trailing `/` for a
 * folder, a leading `/` (or a `/` inside) to anchor the pattern at its file's folder; a pattern without
 * a slash matches at any depth; a pattern that names a folder takes everything below it.
 */
export function compilePattern(text: string, origin: string, base: string): Pattern {
  const negated = text.startsWith("!");
  let glob = negated ? text.slice(1) : text;
  if (glob.endsWith("/")) glob = glob.slice(0, -1);
  const anchored = glob.includes("/");
  if (glob.startsWith("/")) glob = glob.slice(1);
  const full = anchored ? glob : `**/${glob}`;
  return { text, origin, negated, base, matches: [globToRegExp(full), globToRegExp(`${full}/**`)] };
}

/** The patterns of `.histlintignore` in `cwd`, each with its line number. */
export function readIgnoreFile(cwd: string): Pattern[] {
  const path = join(cwd, IGNORE_FILE);
  if (!existsSync(path)) return [];
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`${path}: cannot read it: ${(error as Error).message}`);
  }
  return text.split(/\r?\n/).flatMap((line, i) => {
    const pattern = line.trim();
    return pattern === "" || pattern.startsWith("#") ? [] : [compilePattern(pattern, `${IGNORE_FILE}:${i + 1}`, cwd)];
  });
}

/** The last pattern that matches decides (gitignore's rule), so `!keep.jsonl` after `*.jsonl` takes it back. */
export function ignoreMatcher(patterns: readonly Pattern[], cwd: string): IgnoredBy {
  return (file) => {
    let decided: Pattern | undefined;
    for (const pattern of patterns) {
      const path = relative(resolve(cwd, pattern.base), resolve(cwd, file)).split(sep).join("/");
      if (path === ".." || path.startsWith("../")) continue;
      if (pattern.matches.some((re) => re.test(path))) decided = pattern;
    }
    return decided && !decided.negated ? `${decided.origin} "${decided.text}"` : undefined;
  };
}

/** The configuration's `ignore` globs, relative to the configuration's folder. */
export function configPatterns(globs: readonly string[], configPath: string): Pattern[] {
  return globs.map((glob) => compilePattern(glob, relative(".", configPath) || configPath, dirname(configPath)));
}
