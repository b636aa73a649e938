// Runs lint over the selected files: each with its own settings (configuration overrides), through the cache.
// From the engine's own files rather than its index, which brings fix and the write protocol with it.
import type { LintResult } from "../engine/diagnostic.js";
import { lintSource, type LintOptions } from "../engine/lint-file.js";
import { lintFiles, shardOf } from "../engine/lint-files.js";
import type { LintCache } from "./cache.js";
import type { CommandIo } from "./io.js";
import type { LintSettings } from "./lint-settings.js";
import { STDIN, type Target } from "./paths.js";
import { progressBar } from "./progress.js";

export interface LintRun {
  results: LintResult[];
  /** Walked files no format recognised: not histories, passed over rather than failing the run. */
  unrecognised: string[];
  stdin: Buffer | undefined;
  cacheHits: number;
}

export async function lintTargets(targets: readonly Target[], settings: LintSettings, io: CommandIo, run: { jobs?: number; cache?: LintCache; shard?: { index: number; count: number } }): Promise<LintRun> {
  const shard = run.shard ? new Set(shardOf(targets.map((t) => t.file), run.shard)) : undefined;
  const chosen = shard ? targets.filter((t) => shard.has(t.file)) : [...targets];
  const results: (LintResult | undefined)[] = new Array(chosen.length);
  const groups = new Map<string, { options: LintOptions; indices: number[]; keys: (string | undefined)[] }>();
  let stdin: Buffer | undefined;
  let cacheHits = 0;
  chosen.forEach(({ file }, i) => {
    if (file === STDIN) {
      stdin = io.stdin();
      results[i] = lintSource("<stdin>", { buffer: stdin }, settings.options);
      return;
    }
    const options = settings.optionsFor(file);
    const key = run.cache?.keyOf(file, options);
    const hit = key !== undefined ? run.cache?.get(file, key) : undefined;
    if (hit) {
      results[i] = hit;
      cacheHits += 1;
      return;
    }
    const id = JSON.stringify(options);
    const group = groups.get(id) ?? { options, indices: [], keys: [] };
    group.indices.push(i);
    group.keys.push(key);
    groups.set(id, group);
  });
  const progress = progressBar(process.stderr);
  const total = [...groups.values()].reduce((n, g) => n + g.indices.length, 0);
  let before = 0;
  for (const group of groups.values()) {
    const offset = before;
    const linted = await lintFiles(
      group.indices.map((i) => (chosen[i] as Target).file),
      group.options,
      { ...(run.jobs ? { jobs: run.jobs } : {}), onProgress: (done) => progress.update(offset + done, total) },
    );
    linted.forEach((result, j) => {
      const i = group.indices[j] as number;
      results[i] = result;
      const key = group.keys[j];
      if (key !== undefined && result.messages[0]?.ruleId !== "unreadable") run.cache?.set(result.filePath, key, result);
    });
    before += group.indices.length;
  }
  progress.clear();
  const unrecognised = chosen.filter((t, i) => t.walked && isUnrecognised(results[i] as LintResult)).map((t) => t.file);
  const kept = (results as LintResult[]).filter((r, i) => !(chosen[i]?.walked && isUnrecognised(r)));
  return { results: kept, unrecognised, stdin, cacheHits };
}

function isUnrecognised(result: LintResult): boolean {
  return result.fatal && result.messages.length === 1 && result.messages[0]?.ruleId === "unknown-format";
}
