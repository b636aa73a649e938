// The reader's time grows with the file, not with its square: inputs that once took minutes
// (a pretty-printed body, a file of junk lines, nothing but open brackets) at sizes n and 8n.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { tempFile } from "../support/files.js";

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

/**
 * The least CPU time of each input over five rounds, taken in turn so that both see the same
 * conditions, in a fresh process with one GC thread: the figure is the reader's own work, not the
 * heap other tests left behind in this worker, nor collector threads racing the machine's load.
 */
const measure = `
  const { readFileSync } = await import("node:fs");
  const { lintSource } = await import(process.argv[1]);
  const [name, smallPath, largePath] = process.argv.slice(2);
  const small = readFileSync(smallPath), large = readFileSync(largePath);
  const cpuTime = (bytes) => { const before = process.cpuUsage(); lintSource(name, { buffer: bytes }); const spent = process.cpuUsage(before); return (spent.user + spent.system) / 1000; };
  cpuTime(small); // warm the code paths up
  let least = { small: Infinity, large: Infinity };
  for (let round = 0; round < 5; round += 1) least = { small: Math.min(least.small, cpuTime(small)), large: Math.min(least.large, cpuTime(large)) };
  console.log(JSON.stringify(least));`;

function leastOfFive(name: string, small: Buffer, large: Buffer): { small: number; large: number } {
  const index = join(process.cwd(), "dist/src/index.js");
  const child = spawnSync(process.execPath, ["--single-threaded-gc", "--input-type=module", "-e", measure, index, name, tempFile(`small-${name}`, small), tempFile(`large-${name}`, large)], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`the measuring process failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { small: number; large: number };
}

const cases: [string, string, (n: number) => Buffer, number][] = [
  ["a pretty-printed Responses body", "body.json", prettyBody, 300],
  ["a session followed by junk lines", "junk.jsonl", sessionThenJunk, 4_000],
  ["a file of open brackets", "brackets.json", openBrackets, 30_000],
  ["many records on one line", "one-line.jsonl", manyOnOneLine, 1_000],
];

describe("lint time grows linearly", () => {
  for (const [what, name, make, n] of cases) {
    // Linear is 8×; the collector's work on the larger heap adds some. A quadratic path gives 64×.
    it(`${what}: 8× the size takes less than 15× the CPU time`, () => {
      const small = make(n);
      const large = make(8 * n);
      const least = leastOfFive(name, small, large);
      const ratio = least.large / Math.max(least.small, 1);
      expect(ratio, `${what}: ${small.length} → ${large.length} bytes took ${ratio.toFixed(1)}× the CPU time`).toBeLessThan(15);
      // The backstop: the quadratic reader took tens of seconds on these sizes.
      expect(least.large).toBeLessThan(5_000);
    }, 120_000);
  }
});
