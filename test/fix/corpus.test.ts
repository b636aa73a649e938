// fix over the whole fixture corpus: exact repairs (<case>.fixed.*), idempotent, valid files untouched.
// HISTLINT_UPDATE_FIXTURES=1 rewrites the .fixed files; read the diff before committing it.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixBytes } from "../../src/index.js";

const folders = ["codex", "claude-code", "responses", "chat", "anthropic", "openai-agents", "gemini", "gemini-cli", "read", "rules"];
const update = process.env.HISTLINT_UPDATE_FIXTURES === "1";
const cases = folders.flatMap((folder) =>
  readdirSync(join("fixtures", folder))
    .filter((file) => /\.jsonl?$/.test(file) && !file.includes(".fixed."))
    .map((file) => join("fixtures", folder, file)),
);

const fixedPath = (file: string) => file.replace(/\.(jsonl?)$/, ".fixed.$1");

describe("fix over the fixtures", () => {
  for (const file of cases) {
    it(`${file}: repaired exactly as its .fixed file says, once and for all`, () => {
      const input = readFileSync(file);
      const outcome = fixBytes(file, input);
      if (update) {
        if (outcome.changed) writeFileSync(fixedPath(file), outcome.output);
        else rmSync(fixedPath(file), { force: true });
      }
      if (!outcome.changed) {
        expect(outcome.output.equals(input)).toBe(true);
        expect(existsSync(fixedPath(file)), `${fixedPath(file)} should not exist: nothing to repair`).toBe(false);
        return;
      }
      expect(outcome.output.toString("utf8")).toBe(readFileSync(fixedPath(file), "utf8"));
      const again = fixBytes(file, outcome.output);
      expect(again.changed).toBe(false);
      // What remains fixable needs --unsafe, or has no repair in this format.
      const unsafeOnly = new Set(outcome.needUnsafe.map((d) => d.ruleId));
      expect(outcome.remaining.messages.filter((d) => d.fixable && !unsafeOnly.has(d.ruleId))).toEqual([]);
    });
  }

  it("leaves every clean fixture byte for byte as it is", () => {
    const clean = cases.filter((file) => readFileSync(file.replace(/\.(jsonl?)$/, ".expected.txt"), "utf8") === "");
    expect(clean.length).toBeGreaterThan(15);
    for (const file of clean) expect(fixBytes(file, readFileSync(file)).changed, file).toBe(false);
  });
});
