// One rule's crash is that rule's internal error for that file; the other rules still report.
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { adapterFor, defineRule, PROFILES, readRecords, RuleRunner } from "../../src/index.js";

const crashing = defineRule({
  meta: { ...RULES[0]!.meta, id: "crashes-on-calls" },
  create: () => ({
    item(item) {
      if (item.type === "tool_call") throw new Error("boom");
    },
  }),
});

describe("RuleRunner", () => {
  it("reports a crashing rule once and keeps the others running", () => {
    const text = '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"function_call","call_id":"call_2","name":"ls","arguments":"{}"}\n';
    const withoutOutput = RULES.find((rule) => rule.meta.id === "tool-call-without-output")!;
    const runner = new RuleRunner({ rules: [{ rule: crashing, severity: "error" }, { rule: withoutOutput, severity: "error" }], profile: PROFILES["openai-responses"], format: "responses", layout: "lines", request: () => undefined });
    const records = [...readRecords({ buffer: Buffer.from(text) })].flatMap((e) => (e.record ? [e.record] : []));
    let index = 0;
    for (const event of adapterFor("responses").history!(records, {}).events) if (event.type !== "reset" && event.type !== "rollback") runner.item(event, index++);
    const found = runner.finish();
    expect(found.filter((d) => d.ruleId === "crashes-on-calls").map((d) => d.message)).toEqual(["internal error in rule crashes-on-calls: boom; the other rules still ran. Please report it with this file"]);
    expect(found.filter((d) => d.ruleId === "tool-call-without-output").map((d) => d.line)).toEqual([1, 2]);
  });
});
