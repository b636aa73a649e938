// Where lint's time goes beyond the bare parse, in one warm process: the bare read/split/JSON.parse
// loop, lint with every rule off (reading, detection, the format's adapter) and lint as it runs.
// Rounds alternate the three, so load on the machine falls on each alike, and each gives its least
// CPU time: what others on a shared machine take from a run only ever adds to it. The lint throughput
// figure prints it under its own. `node dist/bench/lint-breakdown.js FILE [ROUNDS]`: one JSON line, CPU ms.
import { RULES } from "../rules/index.js";
import { lintFile } from "../src/engine/index.js";
import { bareParse } from "./baseline.js";

const [file, roundsText] = process.argv.slice(2);
if (!file) throw new Error("usage: lint-breakdown FILE [ROUNDS]");
const rounds = Number(roundsText ?? 7);
const everyRuleOff = Object.fromEntries(RULES.map((rule) => [rule.meta.id, "off" as const]));

function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

// One unmeasured run of each: the first compiles everything, and the figure is about the steady state.
bareParse(file);
lintFile(file, { rules: everyRuleOff });
lintFile(file);
const bare: number[] = [];
const rulesOff: number[] = [];
const linted: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  bare.push(cpuMs(() => bareParse(file)));
  rulesOff.push(cpuMs(() => lintFile(file, { rules: everyRuleOff })));
  linted.push(cpuMs(() => lintFile(file)));
}
console.log(JSON.stringify({ rounds, bare: Math.min(...bare), rulesOff: Math.min(...rulesOff), lint: Math.min(...linted) }));
