// The reader's time grows with the file, not with its square: inputs that once took minutes
// (a pretty-printed body, a file of junk lines, nothing but open brackets) at sizes n and 8n.
import { describe, expect, it } from "vitest";
import { lintSource } from "../../src/index.js";

function prettyBody(items: number): Buffer {
  const input = [];
  for (let i = 0; i < items; i += 1) {
    input.push({ type: "message", role: "user", content: [{ type: "input_text", text: `question ${i}` }] });
    input.push({ type: "function_call", call_id: `c${i}`, name: "f", arguments: "{}" });
    input.push({ type: "function_call_output", call_id: `c${i}`, output: "ok" });
  }
  return Buffer.from(JSON.stringify({ model: "gpt-5", input }, null, 2));
}

function sessionThenJunk(lines: number): Buffer {
  const meta = { timestamp: "2026-11-01T00:00:00Z", type: "session_meta", payload: { id: "s", timestamp: "2026-11-01T00:00:00Z", cwd: "/", originator: "codex_cli_rs", cli_version: "0.169.0" } };
  return Buffer.from(`${JSON.stringify(meta)}\n${"this is not json at all\n".repeat(lines)}`);
}

const openBrackets = (lines: number) => Buffer.from("[\n".repeat(lines));
const manyOnOneLine = (records: number) => Buffer.from(`${'{"type":"message","role":"user","content":"x"}'.repeat(records)}\n`);

/** CPU time of one lint, in milliseconds: what the process spent, whatever else the machine runs. */
function cpuTime(name: string, bytes: Buffer): number {
  const before = process.cpuUsage();
  lintSource(name, { buffer: bytes });
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

/** The least CPU time of each input over five rounds, taken in turn so that both see the same conditions. */
function leastOfFive(name: string, small: Buffer, large: Buffer): { small: number; large: number } {
  let least = { small: Infinity, large: Infinity };
  for (let round = 0; round < 5; round += 1) {
    least = { small: Math.min(least.small, cpuTime(name, small)), large: Math.min(least.large, cpuTime(name, large)) };
  }
  return least;
}

const cases: [string, string, (n: number) => Buffer, number][] = [
  ["a pretty-printed Responses body", "body.json", prettyBody, 300],
  ["a session followed by junk lines", "junk.jsonl", sessionThenJunk, 1_000],
  ["a file of open brackets", "brackets.json", openBrackets, 30_000],
  ["many records on one line", "one-line.jsonl", manyOnOneLine, 1_000],
];

describe("lint time grows linearly", () => {
  for (const [what, name, make, n] of cases) {
    // Linear is 8×; the collector's work on the larger heap adds some. A quadratic path gives 64×.
    it(`${what}: 8× the size takes less than 15× the CPU time`, () => {
      const small = make(n);
      const large = make(8 * n);
      cpuTime(name, small); // warm the code paths up
      const least = leastOfFive(name, small, large);
      const ratio = least.large / Math.max(least.small, 1);
      expect(ratio, `${what}: ${small.length} → ${large.length} bytes took ${ratio.toFixed(1)}× the CPU time`).toBeLessThan(15);
      // The backstop: the quadratic reader took tens of seconds on these sizes.
      expect(least.large).toBeLessThan(5_000);
    }, 120_000);
  }
});
