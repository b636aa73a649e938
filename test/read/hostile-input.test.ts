// The reproductions of issue 12: each once lost data, crashed or hung; each now has its answer here.
import { spawnSync } from "node:child_process";
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixBytes, lintSource, type LintResult } from "../../src/index.js";
import { MAX_LINE_BYTES } from "../../src/read/lines.js";
import { tempDir } from "../support/files.js";

const lint = (text: string | Buffer, name = "h.jsonl"): LintResult => lintSource(name, { buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
const fix = (text: string | Buffer, name = "h.jsonl", unsafe = false) => fixBytes(name, Buffer.isBuffer(text) ? text : Buffer.from(text), unsafe ? { unsafe } : {});

const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("fix keeps what it did not mean to remove", () => {
  it("keeps an unparseable record that shares a line with an orphan output it removes", () => {
    const kept = '{"type":"message","role":"user","content":"IMPORTANT TEXT","x":tru}';
    const outcome = fix(`{"type":"function_call_output","call_id":"gone","output":"o"}${kept}\n`);
    expect(outcome.applied.map((a) => a.ruleId)).toEqual(["tool-output-without-call"]);
    expect(outcome.output.toString("utf8")).toBe(`${kept}\n`);
    // Only --unsafe drops the line that did not parse.
    expect(outcome.needUnsafe.map((d) => d.ruleId)).toEqual(["invalid-json"]);
  });

  it("cuts a removed element exactly when invalid UTF-8 sits in it, so the body still parses", () => {
    const head = Buffer.from('{"model":"m","max_tokens":9,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"","x');
    const body = Buffer.concat([head, Buffer.from([0xff, 0xff, 0xff]), Buffer.from('":1}]}')]);
    const outcome = fix(body, "b.json");
    expect(outcome.applied.map((a) => a.ruleId)).toEqual(["empty-message"]);
    expect(outcome.output.toString("utf8")).toBe('{"model":"m","max_tokens":9,"messages":[{"role":"user","content":"hi"}]}');
  });

  it("keeps invalid UTF-8 in the records it does not touch, byte for byte", () => {
    const odd = Buffer.concat([Buffer.from('{"type":"message","role":"user","content":"caf'), Buffer.from([0xe9, 0xc3]), Buffer.from('"}')]);
    const orphan = Buffer.from('{"type":"function_call_output","call_id":"gone","output":"o"}');
    const input = Buffer.concat([odd, orphan, Buffer.from("\n"), odd, Buffer.from("\n")]);
    const outcome = fix(input);
    expect(outcome.output.equals(Buffer.concat([odd, Buffer.from("\n"), odd, Buffer.from("\n")]))).toBe(true);
  });
});

describe("values nested deeper than the stack", () => {
  const cases: [string, string][] = [
    ["a Responses body", `{"model":"m","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"x"}]},{"type":"function_call","call_id":"c","name":"f","arguments":"{}","extra":${deep(6000)}}]}`],
    ["a Codex rollout", `{"timestamp":"2026-11-01T00:00:00Z","type":"session_meta","payload":{"id":"s","timestamp":"2026-11-01T00:00:00Z","cwd":"/","originator":"codex_cli_rs","cli_version":"0.169.0"}}\n{"timestamp":"t","type":"response_item","payload":{"type":"function_call","call_id":"c","name":"f","arguments":"{}","x":${deep(6000)}}}\n`],
    ["a line that is only nesting", `${deep(6000)}\n`],
  ];
  for (const [what, text] of cases) {
    it(`lints and repairs ${what} without an internal error`, () => {
      const name = text.startsWith('{"model"') ? "d.json" : "d.jsonl";
      const result = lint(text, name);
      expect(result.messages.filter((d) => /internal error/.test(d.message))).toEqual([]);
      const outcome = fix(text, name, true);
      expect(outcome.remaining.messages.filter((d) => /internal error/.test(d.message))).toEqual([]);
      if (outcome.changed) expect(lint(outcome.output, name).messages.map((d) => d.ruleId)).not.toContain("invalid-json");
    });
  }
});

describe("keys that are names of Object.prototype", () => {
  const names = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];
  for (const name of names) {
    it(`"${name}" as a role, a type, a part type and an id is data, never a lookup`, () => {
      const records = [
        { type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] },
        { type: "message", role: name, content: [{ type: name, text: "x" }] },
        { type: name, id: name },
        { type: "function_call", call_id: name, name, arguments: "{}" },
        { type: "function_call_output", call_id: `${name}x`, output: "o" },
      ];
      const result = lint(JSON.stringify({ model: name, input: records }, null, 2), "h.json");
      expect(result.inputFormat).toBe("responses");
      for (const d of result.messages) {
        expect(d.message).not.toMatch(/internal error|undefined|\[object Object\]|native code/);
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
      }
      expect(result.messages.find((d) => d.ruleId === "role-not-allowed")?.message).toContain(`role "${name}"`);
    });
  }
});

describe("a line longer than histlint reads", () => {
  it("is reported and skipped without being held in memory", () => {
    const path = join(tempDir(), "one-long-line.jsonl");
    const fd = openSync(path, "w");
    const block = Buffer.alloc(16 * 1024 * 1024, "x");
    // Three times the limit: a reader that held the whole line would peak far above the bound below.
    for (let written = 0; written < 3 * MAX_LINE_BYTES; written += block.length) writeSync(fd, block);
    writeSync(fd, '\n{"type":"message","role":"user","content":"after"}\n');
    closeSync(fd);
    // The child's own peak (VmHWM): its maxRSS would also count the test process's memory at the fork,
    // since Linux carries the high-water mark across exec.
    const peak = `const { readFileSync } = await import("node:fs"); const peakKb = () => Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]);`;
    const script = `${peak} const { lintFile } = await import(${JSON.stringify(join(process.cwd(), "dist/src/index.js"))}); const r = lintFile(${JSON.stringify(path)}); console.log(JSON.stringify({ messages: r.messages.map((d) => d.line + ":" + d.message), rss: peakKb() }));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    const { messages, rss } = JSON.parse(child.stdout) as { messages: string[]; rss: number };
    const megabytes = MAX_LINE_BYTES / (1024 * 1024);
    expect(messages[0]).toBe(`1:line 1 is ${3 * megabytes} MB long, more than the ${megabytes} MB histlint reads in one line; it is skipped`);
    expect(messages).toHaveLength(1);
    // Streamed in chunks, the line is let go at the limit: a read holds at most the limit of it. The file
    // is read twice (its line has a fix, checked in a second read), and the first read's pieces may not be
    // collected yet when the second holds its own: two limits' worth, never the whole line (VmHWM is in KB).
    expect(rss / 1024).toBeLessThan(2 * megabytes + 100);
    rmSync(path);
  }, 120_000);
});
