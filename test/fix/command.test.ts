// `histlint fix` as a user runs it: in place with a backup, dry run, elsewhere, and never half a file.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChangedOnDisk, fixBytes, replaceFile } from "../../src/index.js";
import { tempDir } from "../support/files.js";
import { histlint } from "../support/cli.js";

function copyOf(fixture: string): string {
  const path = join(tempDir(), fixture.split("/").pop() as string);
  copyFileSync(fixture, path);
  return path;
}

const killed = "fixtures/codex/real-killed-mid-tool.jsonl";

describe("histlint fix", () => {
  it("repairs in place, keeps the original as .bak, and exits 0 when nothing remains", () => {
    const path = copyOf(killed);
    const { code, stdout, stderr } = histlint(["fix", path]);
    expect(code).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(readFileSync("fixtures/codex/real-killed-mid-tool.fixed.jsonl", "utf8"));
    expect(readFileSync(`${path}.bak`).equals(readFileSync(killed))).toBe(true);
    expect(stderr).toBe(`${path}: repaired 1 (tool-call-without-output); the original is in ${path}.bak\n`);
    expect(stdout).toContain("1 file checked, no problems");
    expect(readdirSync(join(path, "..")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("leaves a valid file alone: same bytes, no backup, exit 0", () => {
    const path = copyOf("fixtures/codex/real-parallel-calls.jsonl");
    const { code, stderr } = histlint(["fix", path]);
    expect(code).toBe(0);
    expect(readFileSync(path).equals(readFileSync("fixtures/codex/real-parallel-calls.jsonl"))).toBe(true);
    expect(existsSync(`${path}.bak`)).toBe(false);
    expect(stderr).toBe(`${path}: nothing to repair\n`);
  });

  it("--no-backup keeps no .bak; lint --fix is the same command", () => {
    const path = copyOf(killed);
    expect(histlint(["fix", "--no-backup", path]).code).toBe(0);
    expect(existsSync(`${path}.bak`)).toBe(false);
    const again = copyOf("fixtures/read/byte-order-mark.jsonl");
    expect(histlint(["lint", "--fix", again]).code).toBe(0);
    expect(readFileSync(again)[0]).toBe("{".charCodeAt(0));
  });

  it("--dry-run prints a unified diff and touches nothing", () => {
    const path = copyOf(killed);
    const { code, stdout } = histlint(["fix", "--dry-run", path]);
    expect(code).toBe(0);
    expect(stdout).toContain(`--- ${path}\n+++ ${path}\n@@ -8,4 +8,5 @@\n`);
    expect(stdout).toContain('+{"timestamp":"2026-11-21T18:39:31.946Z","ordinal":10,"type":"response_item","payload":{"type":"function_call_output","call_id":"call_1_0","output":"aborted"}}\n');
    expect(readFileSync(path).equals(readFileSync(killed))).toBe(true);
    expect(existsSync(`${path}.bak`)).toBe(false);
  });

  it("-o and --stdout write elsewhere, for one input only", () => {
    const out = join(tempDir(), "repaired.jsonl");
    expect(histlint(["fix", killed, "-o", out]).code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync("fixtures/codex/real-killed-mid-tool.fixed.jsonl", "utf8"));
    expect(histlint(["fix", killed, "--stdout"]).stdout).toBe(readFileSync("fixtures/codex/real-killed-mid-tool.fixed.jsonl", "utf8"));
    expect(histlint(["fix", "fixtures/codex", "--stdout"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--stdout takes exactly one input") });
  });

  it("takes its files by name: with none it rewrites nothing and exits 2", () => {
    const { code, stderr } = histlint(["fix"]);
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument 'paths'");
  });

  it("--cancel-text overrides the client's own text", () => {
    expect(histlint(["fix", killed, "--stdout", "--cancel-text", "stopped by the operator"]).stdout).toContain('"output":"stopped by the operator"');
  });

  it("leaves what only --unsafe repairs and says so; a line Codex skips is lost, a warning, not an error", () => {
    const path = copyOf("fixtures/read/invalid-line-in-middle.jsonl");
    const safe = histlint(["fix", path]);
    expect(safe.code).toBe(0);
    expect(safe.stderr).toContain("1 more can be repaired with --unsafe (invalid-json), which may drop data");
    expect(histlint(["fix", "--unsafe", path]).code).toBe(0);
  });
});

describe("histlint fix --max-tokens", () => {
  it("drops the oldest tool calls to fit, says what it dropped, and exits 1 when it cannot fit", () => {
    const fits = histlint(["fix", "--stdout", "--max-tokens", "40", "fixtures/responses/one-item-a-line.jsonl"]);
    expect(fits.code).toBe(0);
    expect(fits.stdout).not.toContain("call_1");
    expect(fits.stdout).toContain('"text":"You are terse."');
    expect(fits.stderr).toContain("dropped 1 tool call group(s) to fit --max-tokens 40: 58 → 34 tokens; dropped call_1 (line 4, 24 tokens)");
    const short = histlint(["fix", "--stdout", "--max-tokens", "10", "fixtures/responses/one-item-a-line.jsonl"]);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("cannot fit --max-tokens 10: the history still needs 34 tokens once every tool call is dropped");
    expect(histlint(["fix", "--stdout", "--max-tokens", "100", "fixtures/claude-code/real-parallel-calls.jsonl"]).stderr).toContain("within --max-tokens 100");
    expect(histlint(["fix", "--stdout", "--max-tokens", "5", "fixtures/claude-code/real-parallel-calls.jsonl"]).stderr).toContain("would break its parentUuid chain");
    expect(histlint(["fix", "--max-tokens", "0", "fixtures/chat"])).toMatchObject({ code: 2, stderr: "histlint: --max-tokens 0: give a whole number of tokens, 1 or more\n" });
  });
});

describe("writing the repair", () => {
  it("writes nothing when the file changed since it was read other than at its end", () => {
    const path = copyOf(killed);
    const original = readFileSync(path);
    const edited = Buffer.from(original);
    edited[10] = 0x20;
    writeFileSync(path, edited);
    expect(() => replaceFile(path, Buffer.from("repaired\n"), original, { backup: true, appendable: true })).toThrow(ChangedOnDisk);
    expect(readFileSync(path).equals(edited)).toBe(true);
    expect(existsSync(`${path}.bak`)).toBe(false);
    expect(readdirSync(join(path, "..")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps what was appended to JSONL since it was read, after the repair, and in the backup", () => {
    const path = copyOf(killed);
    const original = readFileSync(path);
    const appended = '{"appended":"by codex"}\n';
    writeFileSync(path, Buffer.concat([original, Buffer.from(appended)]));
    const outcome = replaceFile(path, Buffer.from("repaired\n"), original, { backup: true, appendable: true });
    expect(outcome.appendedMeanwhile).toBe(appended.length);
    expect(readFileSync(path, "utf8")).toBe(`repaired\n${appended}`);
    expect(readFileSync(`${path}.bak`, "utf8")).toBe(original.toString("utf8") + appended);
  });

  it("writes nothing when a JSON document grew since it was read", () => {
    const path = join(tempDir(), "body.json");
    writeFileSync(path, '{"model":"m","input":[]}\n');
    const original = readFileSync(path);
    writeFileSync(path, '{"model":"m","input":[]}\n{"more":1}\n');
    expect(() => replaceFile(path, Buffer.from("{}"), original, { backup: false, appendable: false })).toThrow(/\(it is one JSON document\); nothing was written/);
  });

  it("leaves the original or the whole repair when the process is killed (-9) while writing", async () => {
    // A rollout large enough that writing it takes a while, with calls that lack outputs.
    const lines = [JSON.stringify({ timestamp: "t", ordinal: 0, type: "session_meta", payload: { id: "s" } })];
    for (let i = 1; i < 60_000; i += 1) {
      const call = { timestamp: "t", ordinal: i, type: "response_item", payload: { type: "function_call", name: "ls", arguments: "{}", call_id: `call_${i}`, padding: "x".repeat(400) } };
      lines.push(JSON.stringify(call));
    }
    const original = Buffer.from(lines.join("\n") + "\n");
    const repaired = fixBytes("big.jsonl", original).output;
    expect(repaired.equals(original)).toBe(false);
    for (const delay of [150, 300, 450, 600, 900]) {
      const dir = tempDir();
      const path = join(dir, "big.jsonl");
      writeFileSync(path, original);
      const child = spawn(process.execPath, [join(process.cwd(), "bin/histlint.js"), "fix", path], { stdio: "ignore" });
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill("SIGKILL");
      await new Promise((resolve) => child.on("exit", resolve));
      const now = readFileSync(path);
      expect(now.equals(original) || now.equals(repaired), `after a kill at ${delay} ms the file is neither the original nor the repair`).toBe(true);
    }
  }, 120_000);
});
