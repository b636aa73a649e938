// The baseline process of the lint throughput figure: a bare Node process that reads, splits and
// JSON.parses one file (bench/baseline.ts), and nothing else. `node dist/bench/bare-parse.js FILE`.
import { bareParse } from "./baseline.js";

const path = process.argv[2];
if (!path) throw new Error("usage: bare-parse FILE");
console.log(bareParse(path));
