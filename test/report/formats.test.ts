// Reporters as CI systems read them: SARIF against its schema, GitHub annotations, JUnit XML.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { formatResults, lintFile, type LintResult } from "../../src/index.js";

const require = createRequire(import.meta.url);
type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const Ajv = (require("ajv-draft-04") as { default: new (options: object) => { compile(schema: unknown): Validator } }).default;
const files = ["fixtures/read/multi-record-line.jsonl", "fixtures/codex/real-killed-mid-tool.jsonl", "fixtures/responses/request-body.json", "fixtures/rules/consecutive-same-role.json", "fixtures/rules/duplicate-item-id.jsonl"];
const results: LintResult[] = files.map((file) => lintFile(file));
const options = { color: false, rules: RULES.map((rule) => rule.meta), version: "0.0.0-test" };

describe("sarif", () => {
  const log = JSON.parse(formatResults("sarif", results, options)) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string }[] }[] };

  it("validates against the SARIF 2.1.0 schema", () => {
    const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    // The published schema has a pattern that is not valid in unicode mode.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it("has one run with every rule and a result per diagnostic, each pointing at its rule", () => {
    const [run] = log.runs;
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    expect(run?.results).toHaveLength(results.reduce((n, r) => n + r.messages.length, 0));
    for (const result of run?.results ?? []) expect(run?.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(new Set(run?.results.map((r) => r.level))).toEqual(new Set(["error", "warning"]));
  });
});

describe("github", () => {
  it("writes one annotation a diagnostic, with escaped properties and data", () => {
    const lines = formatResults("github", results, options).trimEnd().split("\n");
    expect(lines).toHaveLength(results.reduce((n, r) => n + r.messages.length, 0));
    expect(lines.find((line) => line.includes("real-killed-mid-tool"))).toBe(
      "::warning file=fixtures/codex/real-killed-mid-tool.jsonl,line=10,col=1,endLine=10,endColumn=2,title=histlint tool-call-without-output::lost: function_call call_id \"call_1_0\" has no output; on resume Codex CLI 0.169.0 sends \"aborted\" as the output, so the model is told the call never finished, without telling anyone: insert its output after the call",
    );
    const line = formatResults("github", [{ ...results[0]!, filePath: "a,b:c.jsonl", messages: [{ ...results[0]!.messages[0]!, message: "50% done\nnext" }] }], options);
    expect(line).toContain("file=a%2Cb%3Ac.jsonl,");
    expect(line).toContain("::50%25 done%0Anext");
  });
});

describe("junit", () => {
  it("writes a test case a file, failing with its diagnostics, escaped", () => {
    const xml = formatResults("junit", results, options);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="histlint" tests="5" failures="4">')).toBe(true);
    expect(xml).toContain('<testcase classname="histlint" name="fixtures/responses/request-body.json"/>');
    expect(xml).toContain("sends &quot;aborted&quot; as the output");
    expect(xml.match(/<failure /g)).toHaveLength(4);
    for (const [, value] of xml.matchAll(/="([^"]*)"/g)) expect(value).not.toMatch(/[<>&]/);
  });
});
