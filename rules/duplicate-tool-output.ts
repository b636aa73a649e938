// Two outputs for one call.
import { geminiCliDuplicateRepair, geminiCliRemoveResponse } from "../src/formats/gemini-cli.js";
import type { Item, ToolOutputItem } from "../src/history/index.js";
import { callName, defineRule, describe, partOf, removeItem, type FixContext, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

/**
 * Gemini CLI sends a call's stored result and the user record's copy: the repair keeps one, in the shape that
 * survives resumes. A copy in a second user record (one the CLI wrote back on an earlier resume) just goes.
 */
function geminiCliRepair(fixing: FixContext, later: ToolOutputItem) {
  const first = fixing.items().find((i): i is ToolOutputItem => i.type === "tool_output" && i.callId === later.callId);
  if (!first) return undefined;
  return /\/toolCalls\/\d+\/result/.test(first.source.pointer) ? geminiCliDuplicateRepair(first, fixing) : geminiCliRemoveResponse(later, fixing);
}

export default defineRule({
  meta: {
    id: "duplicate-tool-output",
    description: "two outputs for the same call",
    severity: { default: "warning", anthropic: "error", gemini: "error" },
    fixable: "safe",
    docs: "A call has one output. Anthropic refuses a second one with 400 \"messages.N.content.M: each tool_use must have a single result. Found multiple `tool_result` blocks with id: toolu_X\"; Gemini counts the responses of a turn against its calls: \"Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.\" (Gemini CLI 0.61 sends every earlier tool result twice on resume, gemini-cli #29365); OpenAI takes it but the model sees the call answered twice. It comes from a client that wrote the output, crashed, and wrote it again on resume. `histlint fix` drops the later copy when both say the same (in a Gemini CLI session it keeps the user record's copy and drops the call's stored `result`, the one shape the CLI does not double again on the next resume); when they differ it keeps the first only with `--unsafe`.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"function_call_output","call_id":"call_1","output":"a"}\n' }],
      invalid: [{ format: "responses", text: '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"function_call_output","call_id":"call_1","output":"a"}\n{"type":"function_call_output","call_id":"call_1","output":"a"}\n', lines: [3], output: "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"ls\",\"arguments\":\"{}\"}\n{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"a\"}\n" }],
    },
  },
  create: (context) => new RepeatedOutputs(context),
});

/** One file's check: the hook is a method, one function for every file. */
class RepeatedOutputs implements RuleVisitor {
  constructor(private readonly context: RuleContext) {}

  // Only lines are compared: keeping every output's text would hold most of the file in memory.
  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_output"];

  item(item: Item, position: ItemPosition): void {
    const context = this.context;
    if (item.type !== "tool_output" || !item.callId) return;
    const seen = context.seen.outputLine(item.callId);
    if (seen === undefined) return;
    const error = context.profile.error("duplicate-tool-result", { index: item.message ?? position.index, part: partOf(item.source.pointer), callId: item.callId });
    const later = item;
    // The copy goes safely when it says what the first output said; otherwise keeping the first is a judgement.
    const same = (fixing: FixContext) => {
      const first = fixing.items().find((i) => i.type === "tool_output" && i.callId === later.callId);
      return first?.type === "tool_output" && first.output === later.output;
    };
    const fix =
      context.format === "gemini-cli"
        ? { safety: "safe" as const, edits: (fixing: FixContext) => geminiCliRepair(fixing, later) }
        : { ...removeItem(later), safety: (fixing: FixContext) => (same(fixing) ? ("safe" as const) : ("unsafe" as const)) };
    context.report({ at: item.source, ...describe(`${callName(item)} was already answered on line ${seen}`, error, "remove this copy"), fix });
  }
}
