// A tool call that never got its output: the user pressed Esc, or the process died mid-call.
import { requestIndex } from "../src/profiles/index.js";
import { callName, cancelCall, defineRule, describe, needsOutput, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";
import type { Item, ToolCallItem } from "../src/history/index.js";

export default defineRule({
  meta: {
    id: "tool-call-without-output",
    description: "a tool call with no output at all",
    severity: { default: "error", codex: "warning" },
    fixable: "safe",
    docs: "Every function, custom and local shell call needs its output in the next request. Without one the Responses API answers 400 \"No tool output found for function call call_X.\" (\"… for custom tool call …\", \"… for local shell call …\"), Chat Completions \"An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. …\", and Anthropic \"messages.N: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_X. …\". It happens when a process is killed mid-call. Codex inserts an `aborted` output itself when it builds a prompt, and Claude Code drops the call (or, when the session ended inside it, sends an interrupted result): for their own files the finding is **lost** (a warning: the client resumes, but the model never learns what the call did), while a request body sent elsewhere is refused. `histlint fix` inserts the output the client itself would write (`aborted` for Codex, Claude Code's interruption text for its sessions).",
    examples: {
      valid: [{ format: "responses", text: '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"function_call_output","call_id":"call_1","output":"a.txt"}\n' }],
      invalid: [
        { format: "responses", text: '{"type":"message","role":"user","content":"list"}\n{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n', lines: [2], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"list\"}\n{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"ls\",\"arguments\":\"{}\"}\n{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"The tool call was interrupted before it returned a result.\"}\n" },
        { format: "anthropic", text: '{"messages":[{"role":"user","content":"list"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"ls","input":{}}]}]}', lines: [1] },
      ],
    },
  },
  create: (context) => new UnansweredCalls(context),
});

/** One file's check: the hooks are methods, one function for every file. */
class UnansweredCalls implements RuleVisitor {
  private readonly open = new Map<string, { call: ToolCallItem; index: number }>();

  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_call", "tool_output"];

  item(item: Item, position: ItemPosition): void {
    // An output written before its call is tool-output-before-call's finding; inserting a second one would duplicate it.
    const answeredEarlier = item.type === "tool_call" && item.callId !== undefined && this.context.seen.outputLine(item.callId) !== undefined;
    if (item.type === "tool_call" && item.callId && needsOutput(item) && !this.open.has(item.callId) && !answeredEarlier) this.open.set(item.callId, { call: item, index: requestIndex(item, position) });
    else if (item.type === "tool_output" && item.callId) this.open.delete(item.callId);
  }

  end(): void {
    const context = this.context;
    for (const { call, index } of this.open.values()) {
      const error = context.profile.error("call-without-output", { index, callId: call.callId, kind: call.kind });
      context.report({ at: call.source, ...describe(`${callName(call)} has no output`, error, "insert its output after the call"), fix: cancelCall(call) });
    }
  }
}
