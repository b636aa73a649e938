// Every rule's docs are tests: invalid examples report exactly the declared lines, valid ones nothing.
// And the catalogue stays honest: one file a rule, named by its id, with docs, examples and a fixture.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { fixExample, linesOf, runExample } from "../support/rule-tester.js";

const ruleFiles = readdirSync("rules").filter((file) => file.endsWith(".ts") && file !== "index.ts");
const expectedFiles = ["codex", "claude-code", "responses", "chat", "anthropic", "openai-agents", "read", "rules"].flatMap((folder) =>
  readdirSync(join("fixtures", folder))
    .filter((file) => file.endsWith(".expected.txt"))
    .map((file) => readFileSync(join("fixtures", folder, file), "utf8")),
);

describe("rule examples", () => {
  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      rule.meta.examples.valid.forEach((example, i) => {
        it(`valid example ${i + 1} reports nothing`, () => {
          const result = runExample(rule, example);
          expect(result.fatal).toBe(false);
          expect(linesOf(rule, result)).toEqual([]);
        });
      });
      rule.meta.examples.invalid.forEach((example, i) => {
        it(`invalid example ${i + 1} reports at lines ${example.lines?.join(", ")}`, () => {
          const result = runExample(rule, example);
          expect(linesOf(rule, result)).toEqual(example.lines);
          for (const d of result.messages.filter((m) => m.ruleId === rule.meta.id)) {
            expect(d.message).toMatch(/^[a-z`"'0-9]/);
            expect(d.message).not.toMatch(/\.$/);
          }
        });
        if (example.output === undefined) return;
        const output = example.output;
        it(`invalid example ${i + 1} is fixed to exactly its output, which lints clean, and a second fix changes nothing`, () => {
          const fixed = fixExample(rule, example).toString("utf8");
          expect(fixed).toBe(output);
          expect(linesOf(rule, runExample(rule, { ...example, text: fixed }))).toEqual([]);
          expect(fixExample(rule, example, fixed).toString("utf8")).toBe(fixed);
        });
      });
    });
  }
});

describe("the catalogue", () => {
  it("has one file a rule, named by the rule's id, and every file is registered", () => {
    expect(RULES.map((rule) => `${rule.meta.id}.ts`).sort()).toEqual([...ruleFiles].sort());
  });

  it("gives every rule kebab-case id, a one-line description, docs and both kinds of example", () => {
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(meta.description).not.toContain("\n");
      expect(meta.docs.length).toBeGreaterThan(120);
      expect(meta.examples.valid.length).toBeGreaterThan(0);
      expect(meta.examples.invalid.length).toBeGreaterThan(0);
      for (const example of meta.examples.invalid) expect(example.lines?.length).toBeGreaterThan(0);
    }
  });

  it("quotes, in a rule's docs, the provider error its diagnostics quote", () => {
    for (const rule of RULES) {
      for (const example of rule.meta.examples.invalid) {
        for (const d of runExample(rule, example).messages.filter((m) => m.ruleId === rule.meta.id)) {
          // The words the provider's text opens with, before the first id, number or quote in it.
          const opening = /answers \d{3} "([A-Za-z ,:]{4,})/.exec(d.message)?.[1];
          if (opening) expect(rule.meta.docs).toContain(opening.replace(/ \S*$/, ""));
        }
      }
    }
  });

  it("declares fixable exactly when the rule fixes, and shows the fix in an example", () => {
    for (const rule of RULES) {
      const fixes = rule.meta.examples.invalid.some((example) => runExample(rule, example).messages.some((d) => d.ruleId === rule.meta.id && d.fixable));
      expect(fixes, rule.meta.id).toBe(rule.meta.fixable !== false);
      expect(rule.meta.examples.invalid.some((example) => example.output !== undefined), rule.meta.id).toBe(rule.meta.fixable !== false);
    }
  });

  it("has a fixture whose expected output shows every rule", () => {
    const missing = RULES.map((rule) => rule.meta.id).filter((id) => !expectedFiles.some((text) => text.includes(`[${id}]`)));
    expect(missing).toEqual([]);
  });
});
