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

/** A call still without an output, and its request's index. */
interface OpenCall {
  callId: string;
  call: ToolCallItem;
  index: number;
}

/** One file's check: the hooks are methods, one function for every file. */
class UnansweredCalls implements RuleVisitor {
  /** The calls without an output so far, in order, but for the latest. */
  private readonly open = new Map<string, OpenCall>();
  /**
   * The latest call without an output, kept out of the map: its output nearly always comes next, and then
   * the call never enters it (a set and a delete for every call of a rollout were this rule's whole cost).
   */
  private latest: OpenCall | undefined;

  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_call", "tool_output"];

  item(item: Item, position: ItemPosition): void {
    if (item.type === "tool_output") {
      if (item.callId) this.answered(item.callId);
      return;
    }
    if (item.type !== "tool_call" || !item.callId || !needsOutput(item) || this.isOpen(item.callId)) return;
    const callId = item.callId;
    // An output written before its call is tool-output-before-call's finding; inserting a second one would duplicate it.
    if (this.context.seen.outputLine(callId) !== undefined) return;
    if (this.latest) this.open.set(this.latest.callId, this.latest);
    this.latest = { callId, call: item, index: requestIndex(item, position) };
  }

  end(): void {
    const context = this.context;
    const open = [...this.open.values(), ...(this.latest ? [this.latest] : [])];
    for (const { call, index } of open) {
      const error = context.profile.error("call-without-output", { index, callId: call.callId, kind: call.kind });
      context.report({ at: call.source, ...describe(`${callName(call)} has no output`, error, "insert its output after the call"), fix: cancelCall(call) });
    }
  }

  private isOpen(callId: string): boolean {
    return this.latest?.callId === callId || this.open.has(callId);
  }

  private answered(callId: string): void {
    if (this.latest?.callId === callId) this.latest = undefined;
    else this.open.delete(callId);
  }
}
