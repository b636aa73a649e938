// A strict rule tester (ESLint's RuleTester): an example produces exactly the diagnostics it declares.
import { RULES } from "../../rules/index.js";
import { adapterFor, fixBytes, lintSource, type LintResult, type Rule, type RuleExample } from "../../src/index.js";

/** Lints an example with only `rule` enabled, at error level, under the example's profile. */
export function runExample(rule: Rule, example: RuleExample): LintResult {
  const adapter = adapterFor(example.format);
  return lintSource(`example.${adapter.layout === "lines" ? "jsonl" : "json"}`, { buffer: Buffer.from(example.text) }, {
    inputFormat: example.format,
    ...(example.profile ? { profile: example.profile } : {}),
    rules: Object.fromEntries([[rule.meta.id, "error"]]),
  });
}

/** The lines at which `rule` reported, in order. */
export function linesOf(rule: Rule, result: LintResult): number[] {
  return result.messages.filter((d) => d.ruleId === rule.meta.id).map((d) => d.line);
}

/** Applies only `rule`'s fixes (safe and unsafe) to an example, as the strict tester checks them. */
export function fixExample(rule: Rule, example: RuleExample, text = example.text): Buffer {
  const only = Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.id === rule.meta.id ? "error" : "off"] as const));
  const options = { inputFormat: example.format, ...(example.profile ? { profile: example.profile } : {}), rules: only, unsafe: true };
  return fixBytes("example", Buffer.from(text), options).output;
}
