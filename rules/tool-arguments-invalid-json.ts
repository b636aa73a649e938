// Function call arguments that are not a JSON object.
import type { Item } from "../src/history/index.js";
import { callName, defineRule, describe, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

function parsesToObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

export default defineRule({
  meta: {
    id: "tool-arguments-invalid-json",
    description: "function call arguments that are not a JSON object",
    severity: "warning",
    fixable: false,
    docs: "A function call's `arguments` is a JSON object serialised as a string. A model cut off by `max_output_tokens`, or a stream cut mid-call, leaves half of it; sent back, some providers refuse the request and the rest show the model a call it cannot make sense of. Custom tool calls (free text, such as `apply_patch`) are not checked. Re-run the call, or replace the arguments with the JSON the tool really received.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{\\"path\\":\\".\\"}"}\n{"type":"function_call_output","call_id":"call_1","output":"a"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{\\"path\\":"}\n{"type":"function_call_output","call_id":"call_1","output":"a"}\n', lines: [1] }],
    },
  },
  create: (context) => new UnparsedArguments(context),
});

/** One file's check: the hook is a method, one function for every file. */
class UnparsedArguments implements RuleVisitor {
  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_call"];

  item(item: Item): void {
    if (item.type !== "tool_call" || item.kind !== "function" || item.arguments === undefined || parsesToObject(item.arguments)) return;
    const shown = item.arguments.length > 40 ? `${item.arguments.slice(0, 40)}…` : item.arguments;
    this.context.report({ at: item.source, ...describe(`${callName(item)} has arguments ${JSON.stringify(shown)}, which are not a JSON object`, undefined, "re-run the call or give it the arguments the tool received") });
  }
}
