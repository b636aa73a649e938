// `histlint convert --to`: a history written as another API's request body, which lints clean as that API's.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { histlint } from "../support/cli.js";
import { tempDir, tempFile } from "../support/files.js";

const FORMAT = { responses: "responses", chat: "chat", anthropic: "anthropic" } as const;

describe("histlint convert", () => {
  it.each(["responses", "chat", "anthropic"] as const)("writes a Codex rollout and a Claude Code session as a %s body that lints clean there", (to) => {
    for (const source of ["fixtures/codex/real-parallel-calls.jsonl", "fixtures/claude-code/real-parallel-calls.jsonl"]) {
      const out = join(tempDir(), "body.json");
      const before = readFileSync(source, "utf8");
      const converted = histlint(["convert", source, "--to", to, "-o", out]);
      expect(converted.code).toBe(0);
      expect(converted.stderr.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^${source}: (codex|claude-code) history written as an? .+ request body to ${out}$`));
      expect(readFileSync(source, "utf8")).toBe(before);
      const lint = histlint(["lint", "--format", "json", out]);
      expect(lint.code).toBe(0);
      expect(JSON.parse(lint.stdout)).toMatchObject([{ inputFormat: FORMAT[to], errorCount: 0, warningCount: 0 }]);
    }
  });

  it("carries calls and outputs across, the call with no output given the client's own, and no reasoning", () => {
    const body = JSON.parse(histlint(["convert", "fixtures/codex/real-killed-mid-tool.jsonl", "--to", "anthropic"]).stdout) as { model: string; max_tokens: number; messages: { role: string; content: { type: string; content?: string }[] }[] };
    expect(body).toMatchObject({ model: "claude-sonnet-4-5", max_tokens: 1024 });
    const blocks = body.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : []));
    expect(blocks.filter((b) => b.type === "tool_use")).toHaveLength(1);
    expect(blocks.find((b) => b.type === "tool_result")?.content).toBe("aborted");
    expect(blocks.some((b) => b.type === "thinking")).toBe(false);
  });

  it("reads stdin, takes --model, and exits 2 with one line for what is not a history", () => {
    const chat = histlint(["convert", "-", "--to", "chat", "--model", "gpt-4.1-mini"], { input: readFileSync("fixtures/anthropic/request-body.json", "utf8") });
    expect(chat.code).toBe(0);
    expect(JSON.parse(chat.stdout)).toMatchObject({ model: "gpt-4.1-mini" });
    const odd = tempFile("odd.json", '{"hello":"world"}');
    expect(histlint(["convert", odd, "--to", "chat"])).toMatchObject({ code: 2, stdout: "", stderr: expect.stringMatching(/^histlint: .*odd\.json: cannot convert it: cannot tell which history format this is.*\n$/) });
    expect(histlint(["convert", odd])).toMatchObject({ code: 2, stderr: expect.stringContaining("required option '--to <api>' not specified") });
  });
});
