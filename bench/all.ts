// `npm run bench`: every benchmark in a process of its own, one after another (they would disturb each
// other side by side on a small machine), then the figures that missed their targets, gathered.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const BENCHES = ["lint-throughput", "startup-and-jobs", "replay-memory", "mock-throughput"];

const missed: string[] = [];
let failed = false;
for (const bench of BENCHES) {
  console.log(`\n== ${bench}`);
  const run = spawnSync(process.execPath, [join(here, `${bench}.js`)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 });
  process.stdout.write(run.stdout);
  missed.push(...run.stdout.split("\n").filter((line) => line.startsWith("NOT MET")).map((line) => `${bench}: ${line.slice("NOT MET".length).trim()}`));
  if (run.status !== 0) {
    failed = true;
    console.log(`${bench} exited ${run.status ?? run.signal}`);
  }
}
console.log(missed.length === 0 ? "\nevery target met" : `\ntargets not met:\n${missed.map((line) => `  ${line}`).join("\n")}`);
process.exitCode = failed ? 1 : 0;
