// `--cache`: a result is kept by file, keyed by the file's bytes, histlint's version and the settings, so a
// run over unchanged files reads and hashes them and lints nothing. One JSON file; delete it to clear it.
import { createHash } from "../lazy-crypto.js";
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { LintOptions, LintResult } from "../engine/index.js";

export const DEFAULT_CACHE_FILE = ".histlintcache";

interface Entry {
  key: string;
  result: Omit<LintResult, "filePath">;
}

interface Stored {
  histlint: string;
  files: Record<string, Entry>;
}

/** The file's bytes hashed in chunks (a rollout can be larger than one Buffer). Undefined when it cannot be read. */
function contentHash(file: string): string | undefined {
  const hash = createHash("sha256");
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const chunk = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
    return hash.digest("hex");
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class LintCache {
  private readonly files: Record<string, Entry>;
  private changed = false;

  private constructor(
    readonly path: string,
    private readonly version: string,
    stored: Stored | undefined,
  ) {
    // A cache another version wrote is worth nothing: its rules may have changed.
    this.files = stored && stored.histlint === version ? stored.files : {};
  }

  /** The cache at `path`; a missing, unreadable or foreign file is an empty cache. */
  static open(path: string, version: string): LintCache {
    let stored: Stored | undefined;
    try {
      stored = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Stored) : undefined;
    } catch {
      stored = undefined;
    }
    return new LintCache(path, version, stored && typeof stored.files === "object" ? stored : undefined);
  }

  /** The key of a file as it is now under these options; undefined when it cannot be read (lint says why). */
  keyOf(file: string, options: LintOptions): string | undefined {
    const content = contentHash(file);
    return content && createHash("sha256").update(`${this.version}\0${JSON.stringify(options)}\0${content}`).digest("hex");
  }

  get(file: string, key: string): LintResult | undefined {
    const entry = this.files[resolve(file)];
    return entry && entry.key === key ? { filePath: file, ...entry.result } : undefined;
  }

  set(file: string, key: string, result: LintResult): void {
    const { filePath: _filePath, ...rest } = result;
    this.files[resolve(file)] = { key, result: rest };
    this.changed = true;
  }

  /** Writes the cache (without the files that are gone), through a temporary file so a crash leaves the old one. */
  save(): void {
    if (!this.changed) return;
    const files = Object.fromEntries(Object.entries(this.files).filter(([file]) => existsSync(file)));
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ histlint: this.version, files } satisfies Stored));
    renameSync(temporary, this.path);
  }
}
