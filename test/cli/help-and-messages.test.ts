// Help that says what the options take, messages that explain themselves, a diff `patch` applies (issue 13).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startMockServer } from "../../src/index.js";
import { histlint } from "../support/cli.js";
import { tempDir } from "../support/files.js";

describe("help", () => {
  it("serve --max-body gives its default in MB", () => {
    const { stdout } = histlint(["serve", "--help"]);
    expect(stdout.replace(/\s+/g, " ")).toContain("--max-body <MB> the largest request body, in MB; larger ones get 413 (default: 50)");
    expect(stdout).not.toContain("52428800");
  });

  it("gen marks the options it requires", () => {
    const { stdout } = histlint(["gen", "--help"]);
    expect(stdout).toContain("Usage: histlint gen --profile <profile> -o <dir> [options]");
    expect(stdout).toMatch(/--profile <profile> +required: /);
    expect(stdout).toMatch(/-o, --output <dir> +required: /);
  });
});

describe("messages", () => {
  it("a 429 fault names the wait its retry-after header gives", async () => {
    const mock = await startMockServer({});
    try {
      for (const [fault, wait] of [["429:2", "2s"], ["429:0.5", "500ms"], ["429", "1s"]] as const) {
        const response = await fetch(`${mock.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json", "x-histlint-fault": fault }, body: JSON.stringify({ model: "gpt-5.5", input: "hi" }) });
        expect(((await response.json()) as { error: { message: string } }).error.message).toBe(`Rate limit reached for requests. Please try again in ${wait}.`);
      }
    } finally {
      await mock.close();
    }
  });

  it("replay to a port on the Fetch standard's blocked list connects like any other (no \"bad port\")", () => {
    const { code, stdout } = histlint(["replay", "--target", "http://127.0.0.1:1", "fixtures/chat/request-body.json"]);
    expect(code).toBe(2);
    expect(stdout).toContain("cannot reach http://127.0.0.1:1/v1/chat/completions: connection refused");
    expect(stdout).not.toMatch(/bad port/);
  });
});

describe("replay", () => {
  it("reads stdin for -, named <stdin> in the report", () => {
    const { code, stdout } = histlint(["replay", "-"], { input: readFileSync("fixtures/chat/request-body.json", "utf8") });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<stdin>: chat history, 3 of 3 request\(s\) to the embedded mock/m);
  });

  it("says ok: false in JSON for a file with a refused request, and replayed: true", () => {
    const { code, stdout } = histlint(["replay", "--format", "json", "--raw", "fixtures/codex/real-killed-mid-tool.jsonl", "fixtures/codex/real-one-tool-call.jsonl"]);
    expect(code).toBe(1);
    const files = (JSON.parse(stdout) as { files: { ok: boolean; replayed: boolean; requests: { accepted: boolean }[] }[] }).files;
    expect(files.map((f) => [f.ok, f.replayed, f.requests.some((r) => !r.accepted)])).toEqual([
      [false, true, true],
      [true, true, false],
    ]);
  });
});

describe("fix --dry-run", () => {
  it("prints the real lines, however long, so `patch` applies the diff without fuzz", () => {
    const dir = tempDir();
    const file = join(dir, "rollout.jsonl");
    const long = readFileSync("fixtures/codex/real-killed-mid-tool.jsonl", "utf8");
    expect(Math.max(...long.split("\n").map((l) => l.length))).toBeGreaterThan(400);
    writeFileSync(file, long);
    const diff = histlint(["fix", "--dry-run", "rollout.jsonl"], { cwd: dir }).stdout;
    expect(diff).not.toContain("characters)");
    const patched = spawnSync("patch", ["-p1", "-F0", "--no-backup-if-mismatch"], { cwd: dir, input: diff, encoding: "utf8" });
    expect(patched.status, patched.stdout + patched.stderr).toBe(0);
    const fixed = histlint(["fix", "--stdout", "-"], { input: long }).stdout;
    expect(readFileSync(file, "utf8")).toBe(fixed);
  });
});
