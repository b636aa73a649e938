// `histlint gen` as a user runs it: files that lint as promised, the same files for the same seed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/files.js";
import { histlint } from "../support/cli.js";

describe("histlint gen", () => {
  it("writes valid histories that histlint lint passes, the same ones for the same seed", () => {
    const [first, second] = [tempDir(), tempDir()];
    expect(histlint(["gen", "--profile", "anthropic", "--input-format", "claude-code", "--count", "5", "--seed", "42", "-o", first as string]).stdout).toBe(`wrote 5 valid claude-code histories for anthropic to ${first} (seed 42)\n`);
    histlint(["gen", "--profile", "anthropic", "--input-format", "claude-code", "--count", "5", "--seed", "42", "-o", second as string]);
    const files = readdirSync(first as string).sort();
    expect(files).toHaveLength(5);
    for (const file of files) expect(readFileSync(join(first as string, file), "utf8")).toBe(readFileSync(join(second as string, file), "utf8"));
    const linted = histlint(["lint", "--profile", "anthropic", first as string]);
    expect([linted.code, linted.stdout.trim()]).toEqual([0, "5 files checked, no problems"]);
  });

  it("--broken writes beside each history the fault, the rule that finds it and what histlint reports", () => {
    const dir = tempDir();
    expect(histlint(["gen", "--profile", "openai-chat", "--broken", "--count", "6", "--seed", "3", "-o", dir]).code).toBe(0);
    const expectations = readdirSync(dir).filter((file) => file.endsWith(".expected.json"));
    expect(expectations).toHaveLength(6);
    for (const file of expectations) {
      const expected = JSON.parse(readFileSync(join(dir, file), "utf8")) as { rule: string; diagnostics: { ruleId: string }[] };
      expect(expected.diagnostics.map((d) => d.ruleId)).toContain(expected.rule);
      const linted = JSON.parse(histlint(["lint", "--profile", "openai-chat", "-f", "json", join(dir, file.replace(".expected.json", ".json"))]).stdout) as { messages: { ruleId: string }[] }[];
      expect(linted[0]?.messages.map((d) => d.ruleId)).toEqual(expected.diagnostics.map((d) => d.ruleId));
    }
  });

  it("refuses a format the profile's histories cannot be written in", () => {
    const { code, stderr } = histlint(["gen", "--profile", "codex", "--input-format", "chat", "-o", tempDir()]);
    expect([code, stderr]).toEqual([2, "histlint: --input-format: a codex history cannot be written as chat: use codex or responses\n"]);
  });
});
