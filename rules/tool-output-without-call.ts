// A tool output whose call is nowhere in the history: compacted away, or deleted by hand.
import type { Item, ToolOutputItem } from "../src/history/index.js";
import { blockIndex, requestIndex } from "../src/profiles/index.js";
import { callName, defineRule, describe, removeItem, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "tool-output-without-call",
    description: "a tool output whose call is nowhere in the history",
    severity: "error",
    fixable: "safe",
    docs: "An output answers a call by its id; when the call is gone (a compaction dropped it, an editor deleted its line, it sat on a line the client skipped) the API refuses the request: Responses answers 400 \"No tool call found for function call output with call_id call_X.\", Chat \"Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.\", Anthropic \"messages.N.content.M: unexpected `tool_use_id` found in `tool_result` blocks: toolu_X. …\". Codex drops such outputs itself when it builds a prompt; `histlint fix` removes them from the file.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"function_call_output","call_id":"call_1","output":"a.txt"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"message","role":"user","content":"list"}\n{"type":"function_call_output","call_id":"call_9","output":"a.txt"}\n', lines: [2], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"list\"}\n" }, { format: "anthropic", text: "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"tools\":[{\"name\":\"ls\",\"input_schema\":{\"type\":\"object\"}}],\"messages\":[\n{\"role\":\"user\",\"content\":\"list\"},\n{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"ls\",\"input\":{}}]},\n{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"a\"},{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_9\",\"content\":\"stray\"},{\"type\":\"text\",\"text\":\"thanks\"}]}\n]}", lines: [4], output: "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"tools\":[{\"name\":\"ls\",\"input_schema\":{\"type\":\"object\"}}],\"messages\":[\n{\"role\":\"user\",\"content\":\"list\"},\n{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"ls\",\"input\":{}}]},\n{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"a\"},{\"type\":\"text\",\"text\":\"thanks\"}]}\n]}" }],
    },
  },
  create: (context) => new Orphans(context),
});

/** One file's check: the hooks are methods, one function for every file. */
class Orphans implements RuleVisitor {
  private readonly orphans = new Map<string, { output: ToolOutputItem; index: number }>();

  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_call", "tool_output"];

  item(item: Item, position: ItemPosition): void {
    if (item.type === "tool_call" && item.callId) {
      this.orphans.delete(item.callId); // it came after its output: tool-output-before-call says so
    } else if (item.type === "tool_output" && item.callId && this.context.seen.callLine(item.callId) === undefined && !this.orphans.has(item.callId)) {
      // The index of the message holding the output (Anthropic: the user message, not the block's place among items).
      // Kept till the end without its text: the report and the removal need its place and id, and an
      // output can be megabytes.
      this.orphans.set(item.callId, { output: { ...item, output: "" }, index: requestIndex(item, position) });
    }
  }

  end(): void {
    const context = this.context;
    for (const { output, index } of this.orphans.values()) {
      const error = context.profile.error("output-without-call", { index, part: blockIndex(output.source.pointer), callId: output.callId });
      context.report({ at: output.source, ...describe(`${callName(output)} answers no call in this history`, error, "remove the output, or restore its call"), fix: removeItem(output) });
    }
  }
}

