// An output written before its call: the API reads the input in order and refuses it.
import type { Item, ToolOutputItem } from "../src/history/index.js";
import { blockIndex, requestIndex } from "../src/profiles/index.js";
import { callName, defineRule, describe, type Fix, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "tool-output-before-call",
    description: "a tool output that stands before its call",
    severity: "error",
    fixable: "safe",
    docs: "Outputs must follow their calls. An output written first (two writers racing, lines reordered by hand) is refused as if it had no call: Responses answers 400 \"No tool call found for function call output with call_id call_X.\", and the Chat and Anthropic APIs refuse it the same way. Codex records the error in `task_complete.error` and every later resume fails again until the file is repaired. `histlint fix` moves the output right after its call.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"function_call_output","call_id":"call_1","output":"a.txt"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"function_call_output","call_id":"call_1","output":"a.txt"}\n{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n', lines: [1], output: "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"ls\",\"arguments\":\"{}\"}\n{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"a.txt\"}\n" }],
    },
  },
  create: (context) => new EarlyOutputs(context),
});

/** One file's check: the hook is a method, one function for every file. */
class EarlyOutputs implements RuleVisitor {
  private readonly early = new Map<string, { output: ToolOutputItem; index: number }>();

  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_call", "tool_output"];

  item(item: Item, position: ItemPosition): void {
    const { context, early } = this;
    if (item.type === "tool_output" && item.callId && context.seen.callLine(item.callId) === undefined && !early.has(item.callId)) {
      early.set(item.callId, { output: item, index: requestIndex(item, position) });
    } else if (item.type === "tool_call" && item.callId) {
      const found = early.get(item.callId);
      if (!found) return;
      early.delete(item.callId);
      const error = context.profile.error("output-without-call", { index: found.index, part: blockIndex(found.output.source.pointer), callId: item.callId });
      const call = item;
      const fix: Fix = {
        safety: "safe",
        edits: (fixing) => {
          const output = fixing.unitOf(found.output);
          const target = fixing.unitOf(call);
          return output === undefined || target === undefined ? undefined : [{ op: "move", record: output, after: target }];
        },
      };
      context.report({ at: found.output.source, ...describe(`${callName(found.output)} stands before its call on line ${item.source.line}`, error, "move it after the call"), fix });
    }
  }
}
