// A variant of a generated rollout with work for `fix`: some calls lose their output (unanswered
// calls) and some outputs lose their call (orphan outputs). Streamed, so a 1 GB file costs no memory.
import { closeSync, openSync, readSync, writeSync } from "node:fs";

/** Copies `from` to `to`, dropping every `every`-th call's output, and the call of the one after it. */
export function breakRollout(from: string, to: string, every = 50): { unanswered: number; orphans: number } {
  const input = openSync(from, "r");
  const output = openSync(to, "w");
  const scratch = Buffer.allocUnsafe(1 << 20);
  let carry = "";
  let calls = 0;
  let outputs = 0;
  const counts = { unanswered: 0, orphans: 0 };
  const keep = (line: string): boolean => {
    if (line.includes('"type":"function_call",')) {
      calls += 1;
      if (calls % every === 1 && calls > 1) return (counts.orphans += 1), false;
    } else if (line.includes('"type":"function_call_output"')) {
      outputs += 1;
      if (outputs % every === 0) return (counts.unanswered += 1), false;
    }
    return true;
  };
  try {
    for (let read = readSync(input, scratch); read > 0; read = readSync(input, scratch)) {
      const lines = (carry + scratch.toString("utf8", 0, read)).split("\n");
      carry = lines.pop() ?? "";
      const kept = lines.filter(keep);
      if (kept.length > 0) writeSync(output, kept.join("\n") + "\n");
    }
    if (carry.length > 0 && keep(carry)) writeSync(output, carry);
  } finally {
    closeSync(input);
    closeSync(output);
  }
  return counts;
}
