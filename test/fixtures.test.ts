// The fixture corpus: every history under fixtures/ reports exactly the diagnostics in its .expected.txt.
// Set HISTLINT_UPDATE_FIXTURES=1 to rewrite the expected files, then read the diff before committing it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFile } from "../src/index.js";

const folders = ["codex", "claude-code", "responses", "chat", "anthropic", "openai-agents", "gemini", "gemini-cli", "read", "rules"];
const update = process.env.HISTLINT_UPDATE_FIXTURES === "1";

function expectedPath(file: string): string {
  return file.replace(/\.(jsonl|json)$/, ".expected.txt");
}

function render(file: string): string {
  return lintFile(file)
    .messages.map((d) => `${file}:${d.line}:${d.column}: ${d.message} [${d.ruleId}]\n`)
    .join("");
}

describe("fixture corpus", () => {
  for (const folder of folders) {
    for (const name of readdirSync(join("fixtures", folder)).filter((f) => /\.jsonl?$/.test(f))) {
      const file = join("fixtures", folder, name);
      it(`${file} reports what ${name.replace(/\.(jsonl|json)$/, ".expected.txt")} says`, () => {
        const actual = render(file);
        if (update) writeFileSync(expectedPath(file), actual);
        expect(existsSync(expectedPath(file)), `missing ${expectedPath(file)}`).toBe(true);
        expect(actual).toBe(readFileSync(expectedPath(file), "utf8"));
      });
    }
  }
});

describe("npx histlint lint fixtures", () => {
  it("reports every fixture's expected diagnostics and nothing else", () => {
    const run = spawnSync(process.execPath, ["bin/histlint.js", "lint", "fixtures", "--format", "json"], { encoding: "utf8" });
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { line: number; column: number; message: string; ruleId: string }[] }[];
    const linted = results.map((result) => result.filePath);
    const fixtures = folders.flatMap((folder) => readdirSync(join("fixtures", folder)).filter((f) => /\.jsonl?$/.test(f)).map((f) => join("fixtures", folder, f)));
    expect([...linted].sort()).toEqual([...fixtures].sort());
    for (const result of results) {
      const actual = result.messages.map((d) => `${result.filePath}:${d.line}:${d.column}: ${d.message} [${d.ruleId}]\n`).join("");
      expect(actual, result.filePath).toBe(readFileSync(expectedPath(result.filePath), "utf8"));
    }
  });
});
