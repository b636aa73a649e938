// Where lint's time goes beyond the bare parse, in one warm process: the bare read/split/JSON.parse
// loop, lint with every rule off (reading, detection, the format's adapter, the items built and
// indexed) and lint as it runs. Each round runs the three in another order, so neither load on the
// machine nor what one leaves in the heap falls on the same one every time (a full collection before
// each run would be no cleaner: lint's next run takes 4–17% more CPU after a forced one); each
// gives its least CPU time, since what others on a shared machine take only ever adds to a run.
// The lint throughput figure prints it under its own.
// `node dist/bench/lint-breakdown.js FILE [ROUNDS]`: one JSON line, CPU ms.
import { RULES } from "../rules/index.js";
import { lintFile } from "../src/engine/index.js";
import { bareParse } from "./baseline.js";

const [file, roundsText] = process.argv.slice(2);
if (!file) throw new Error("usage: lint-breakdown FILE [ROUNDS]");
const rounds = Number(roundsText ?? 7);
const everyRuleOff = Object.fromEntries(RULES.map((rule) => [rule.meta.id, "off" as const]));

const loops = {
  bare: () => bareParse(file),
  rulesOff: () => lintFile(file, { rules: everyRuleOff }),
  lint: () => lintFile(file),
};
type Loop = keyof typeof loops;
const names = Object.keys(loops) as Loop[];

function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

// One unmeasured run of each: the first compiles everything, and the figure is about the steady state.
for (const name of names) loops[name]();
const least = Object.fromEntries(names.map((name) => [name, Infinity])) as Record<Loop, number>;
for (let round = 0; round < rounds; round += 1) {
  const order = names.map((_, i) => names[(round + i) % names.length] as Loop);
  for (const name of order) least[name] = Math.min(least[name], cpuMs(loops[name]));
}
console.log(JSON.stringify({ rounds, ...least }));
