// The catalogue commands and the lint options a CI job sets: --profile, --max-warnings, -o.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { tempDir } from "../support/files.js";
import { histlint } from "../support/cli.js";

describe("histlint rules and explain", () => {
  it("lists every rule once with its level and fixability", () => {
    const { code, stdout } = histlint(["rules", "--profile", "openai-chat"]);
    expect(code).toBe(0);
    for (const rule of RULES) expect(stdout).toMatch(new RegExp(`^${rule.meta.id} +\\S+ +\\S+ +${rule.meta.description.slice(0, 20).replace(/[.*+?^${}()|[\]\\`]/g, "\\$&")}`, "m"));
    expect(stdout).toMatch(/^tool-output-not-adjacent +error +safe/m);
    expect(histlint(["rules", "--profile", "openai-responses"]).stdout).toMatch(/^tool-output-not-adjacent +off +safe/m);
    expect(stdout).toMatch(/^tool-call-without-output +error +safe/m);
    expect((JSON.parse(histlint(["rules", "--format", "json"]).stdout) as unknown[]).length).toBe(RULES.length);
  });

  it("explains a rule with its provider error, levels and examples", () => {
    const { code, stdout } = histlint(["explain", "tool-call-without-output"]);
    expect(code).toBe(0);
    expect(stdout).toContain('"No tool output found for function call call_X."');
    expect(stdout).toContain("levels: codex=warning openai-responses=error openai-chat=error anthropic=error");
    expect(stdout).toContain("invalid (responses):\n    {\"type\":\"message\"");
  });
});

describe("lint options", () => {
  const file = "fixtures/codex/real-killed-mid-tool.jsonl";

  it("--profile checks a history against another provider before switching", () => {
    expect(histlint(["lint", file]).code).toBe(0);
    const chat = histlint(["lint", file, "--profile", "openai-chat"]);
    expect(chat.code).toBe(1);
    expect(chat.stdout).toContain("An assistant message with 'tool_calls' must be followed by tool messages");
  });

  it("--max-warnings turns too many warnings into exit 1", () => {
    expect(histlint(["lint", file, "--max-warnings", "1"]).code).toBe(0);
    // ESLint's habits: say why it exits 1, and -1 is no limit.
    expect(histlint(["lint", file, "--max-warnings", "0"])).toMatchObject({ code: 1, stderr: "histlint found too many warnings (1; --max-warnings 0)\n" });
    expect(histlint(["lint", file, "--max-warnings", "-1"])).toMatchObject({ code: 0, stderr: "" });
    expect(histlint(["lint", file, "--max-warnings", "-2"])).toMatchObject({ code: 2, stderr: "histlint: --max-warnings -2: give a whole number, 0 or more (-1: no limit)\n" });
  });

  it("-o writes the report to a file and nothing to standard output", () => {
    const out = join(tempDir(), "report.sarif");
    const { code, stdout } = histlint(["lint", file, "--format", "sarif", "-o", out]);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).version).toBe("2.1.0");
  });

  it("--rule with an unknown id is a usage error", () => {
    expect(histlint(["lint", file, "--rule", "no-such-rule=off"])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown rule "no-such-rule"') });
  });

  it("--jobs gives the same results, in the same order, as one thread", () => {
    const one = histlint(["lint", "fixtures", "--format", "json", "--jobs", "1"]);
    const two = histlint(["lint", "fixtures", "--format", "json", "--jobs", "2"]);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect((JSON.parse(one.stdout) as unknown[]).length).toBeGreaterThan(20);
  });

  it("--shard splits the file list into disjoint parts that cover it", () => {
    const all = (JSON.parse(histlint(["lint", "fixtures", "--format", "json"]).stdout) as { filePath: string }[]).map((r) => r.filePath);
    const parts = [1, 2, 3].map((i) => (JSON.parse(histlint(["lint", "fixtures", "--format", "json", "--shard", `${i}/3`]).stdout) as { filePath: string }[]).map((r) => r.filePath));
    expect(parts.flat().sort()).toEqual([...all].sort());
    expect(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length))).toBeLessThanOrEqual(1);
    expect(histlint(["lint", "fixtures", "--shard", "0/3"])).toMatchObject({ code: 2, stderr: "histlint: --shard 0/3: write it as i/n with 1 <= i <= n, e.g. 2/4\n" });
  });
});
