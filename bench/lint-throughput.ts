// `npm run bench`: lint throughput against the bare parse loop on the same file, and lint's peak memory.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lintFile } from "../src/engine/index.js";
import { bareParse } from "./baseline.js";
import { generateRollout } from "./generate-rollout.js";

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, "..", "..", "bench", "data");
const throughputMb = Number(process.env.HISTLINT_BENCH_MB ?? 256);
const memoryMb = Number(process.env.HISTLINT_BENCH_MEMORY_MB ?? 1024);
const rounds = Number(process.env.HISTLINT_BENCH_ROUNDS ?? 3);

function fileOf(megabytes: number): string {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, `rollout-${megabytes}mb.jsonl`);
  if (!existsSync(path)) {
    const records = generateRollout(path, megabytes);
    console.log(`generated ${path}: ${records} records`);
  }
  return path;
}

function seconds(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const path = fileOf(throughputMb);
const megabytes = statSync(path).size / 1024 / 1024;
bareParse(path); // warm the page cache and the JIT for both loops
lintFile(path);
const bare: number[] = [];
const lint: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  bare.push(seconds(() => bareParse(path)));
  lint.push(seconds(() => lintFile(path)));
}
const bareRate = megabytes / median(bare);
const lintRate = megabytes / median(lint);
console.log(`file: ${megabytes.toFixed(0)} MB, ${rounds} rounds, medians`);
console.log(`bare read/split/JSON.parse: ${bareRate.toFixed(1)} MB/s`);
console.log(`histlint lint:              ${lintRate.toFixed(1)} MB/s`);
console.log(`ratio lint/bare: ${(lintRate / bareRate).toFixed(3)} (target >= 0.8)`);

// Peak memory is measured in processes of their own, so the throughput runs above do not count:
// the reader and adapters alone (rules off), then with every rule.
const big = fileOf(memoryMb);
const engine = JSON.stringify(join(here, "..", "src", "engine", "index.js"));
const catalogue = JSON.stringify(join(here, "..", "rules", "index.js"));
for (const [label, rules] of [["rules off", "Object.fromEntries(RULES.map((r) => [r.meta.id, 'off']))"], ["all rules", "{}"]] as const) {
  const probe = `import { lintFile } from ${engine}; import { RULES } from ${catalogue}; lintFile(${JSON.stringify(big)}, { rules: ${rules} }); console.log(process.resourceUsage().maxRSS);`;
  const maxRssKb = Number(execFileSync(process.execPath, ["--input-type=module", "-e", probe], { encoding: "utf8" }).trim());
  console.log(`peak RSS linting ${(statSync(big).size / 1024 / 1024).toFixed(0)} MB, ${label}: ${(maxRssKb / 1024).toFixed(0)} MB (target < 200 MB)`);
}
