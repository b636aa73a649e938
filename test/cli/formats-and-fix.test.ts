// Formats told and forced, lint --fix as ESLint's, and fix's messages for stdin, -o, --profile and --max-tokens (issue 13).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/index.js";
import { histlint } from "../support/cli.js";
import { tempDir, tempFile } from "../support/files.js";

const killed = "fixtures/codex/real-killed-mid-tool.jsonl";

describe("formats", () => {
  it("a forced --input-format that does not fit the file is an error that names the format it is", () => {
    const { code, stdout } = histlint(["lint", "--input-format", "chat", "fixtures/codex/real-one-tool-call.jsonl"]);
    expect(code).toBe(2);
    expect(stdout).toContain("error: the input format is forced to chat, but this is a Codex rollout: drop --input-format (or the configuration's inputFormat) to detect it, or name codex [input-format-mismatch]");
    expect(histlint(["lint", "--input-format", "codex", "fixtures/codex/real-one-tool-call.jsonl"]).code).toBe(0);
  });

  it("an Anthropic body (a claude- model, max_tokens) is Anthropic, even with a system message inside messages", () => {
    const body = { model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "system", content: "be brief" }, { role: "user", content: "hi" }] };
    expect(detectFormat([body])?.name).toBe("anthropic");
    const chat = { model: "gpt-5.5", max_tokens: 1024, messages: [{ role: "system", content: "be brief" }, { role: "user", content: "hi" }] };
    expect(detectFormat([chat])?.name).toBe("chat");
    const proxied = { model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: "ls" }, { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "ls", arguments: "{}" } }] }, { role: "tool", tool_call_id: "c1", content: "a" }] };
    expect(detectFormat([proxied])?.name).toBe("chat");
  });
});

describe("lint --fix", () => {
  it("prints the report in --format, and --dry-run shows the diff and writes nothing", () => {
    const file = tempFile("rollout.jsonl", readFileSync(killed));
    const dry = histlint(["lint", "--fix", "--dry-run", file]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^\+.*"output":"aborted"/m);
    expect(readFileSync(file)).toEqual(readFileSync(killed));
    const json = histlint(["lint", "--fix", "--format", "json", file]);
    expect(JSON.parse(json.stdout)).toMatchObject([{ filePath: file, errorCount: 0, warningCount: 0 }]);
    expect(histlint(["lint", "--dry-run", file])).toMatchObject({ code: 2, stderr: "histlint: --dry-run goes with --fix (or use `histlint fix --dry-run`)\n" });
    const report = join(tempDir(), "report.json");
    expect(histlint(["lint", "--fix", "--format", "json", "-o", report, file])).toMatchObject({ code: 0, stdout: "" });
    expect(JSON.parse(readFileSync(report, "utf8"))).toMatchObject([{ filePath: file }]);
  });
});

describe("histlint fix says what it did, where", () => {
  it("from stdin: the repair on stdout, no .bak mentioned", () => {
    const { code, stdout, stderr } = histlint(["fix", "-"], { input: readFileSync(killed, "utf8") });
    expect(code).toBe(0);
    expect(stdout).toContain('"output":"aborted"');
    expect(stderr).toContain("<stdin>: repaired 1 (tool-call-without-output)\n");
    expect(stderr).not.toContain(".bak");
  });

  it("with -o: names the file written, and reports what remains there", () => {
    const out = join(tempDir(), "repaired.jsonl");
    const { code, stdout, stderr } = histlint(["fix", "-o", out, killed]);
    expect(code).toBe(0);
    expect(stderr).toBe(`${killed}: repaired 1 (tool-call-without-output), written to ${out}\n`);
    expect(stdout).toBe("1 file checked, no problems\n");
    expect(readFileSync(out, "utf8")).toContain('"output":"aborted"');
  });

  it("--profile of another endpoint on a Codex rollout checks it there and keeps Codex's shapes", () => {
    const file = tempFile("rollout.jsonl", readFileSync("fixtures/codex/real-one-tool-call.jsonl"));
    const before = readFileSync(file, "utf8");
    const { stdout, stderr } = histlint(["fix", "--profile", "openai-chat", "--format", "json", file]);
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(readFileSync(file, "utf8")).toContain('"input_text"');
    expect(JSON.parse(stdout)).toMatchObject([{ profile: "openai-chat" }]);
    expect(stderr).toContain("the profile openai-chat checks whether the history would be accepted there; a Codex rollout is repaired for its own client, never rewritten into another's shape");
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  it("--max-tokens that cannot be met writes nothing and exits 1, with --dry-run or without, and says so last", () => {
    for (const dryRun of [["--dry-run"], []]) {
      const file = tempFile("rollout.jsonl", readFileSync(killed));
      const { code, stdout, stderr } = histlint(["fix", ...dryRun, "--max-tokens", "100", file]);
      expect(code).toBe(1);
      expect(readFileSync(file)).toEqual(readFileSync(killed));
      expect(stdout).not.toMatch(/^\+/m);
      expect(stderr.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: cannot fit --max-tokens 100: .*; nothing ${dryRun.length ? "would be " : ""}written$`));
    }
  });

  it("--max-tokens that drops calls does not say 'nothing to repair', and exits alike with --dry-run", () => {
    const file = tempFile("items.jsonl", readFileSync("fixtures/responses/one-item-a-line.jsonl"));
    const dry = histlint(["fix", "--dry-run", "--max-tokens", "40", file]);
    const real = histlint(["fix", "--max-tokens", "40", file]);
    expect(real.code).toBe(dry.code);
    expect(real.stderr).not.toContain("nothing to repair");
    expect(real.stderr).toContain(`${file}: dropped 1 tool call group(s) to fit --max-tokens 40: 58 → 34 tokens; dropped call_1 (line 4, 24 tokens); the original is in ${file}.bak`);
  });

  it("walks folders as lint does: other tools' files are passed over", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "package.json"), "{}");
    writeFileSync(join(dir, "rollout.jsonl"), readFileSync(killed));
    const { code, stderr } = histlint(["fix", "."], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toContain("histlint: skipped 1 file in folders that are not histories (package.json)");
  });
});

describe("a forced format", () => {
  it("wins over detection for a broken body of its sibling shape (Chat and Anthropic share role/content messages)", () => {
    const body = JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: "ls" }, { role: "tool", tool_call_id: "call_1", content: "a Chat-style tool message" }] });
    const { code, stdout } = histlint(["lint", "-", "--input-format", "anthropic", "--format", "json"], { input: body });
    expect(code).toBe(1);
    const [result] = JSON.parse(stdout) as { inputFormat: string; messages: { ruleId: string }[] }[];
    expect(result?.inputFormat).toBe("anthropic");
    expect(result?.messages.map((m) => m.ruleId)).not.toContain("input-format-mismatch");
  });

  it("is refused for a file of another shape: a Responses body forced as Chat", () => {
    expect(histlint(["lint", "--input-format", "chat", "fixtures/responses/request-body.json"]).stdout).toContain("but this is a Responses request");
  });
});
