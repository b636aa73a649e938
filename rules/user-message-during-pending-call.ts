// A user message that arrived while tool calls were still running, written before their outputs.
import type { Item, MessageItem } from "../src/history/index.js";
import { requestIndex } from "../src/profiles/index.js";
import { defineRule, describe, needsOutput, type Fix, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "user-message-during-pending-call",
    description: "a user message between a tool call and its output",
    severity: { default: "error", codex: "off", "openai-responses": "off" },
    fixable: "safe",
    docs: "The user typed while a tool ran and the client wrote the message at once, before the tool's output. Responses accepts that order; Chat Completions and Anthropic do not: the outputs must come right after the calls, so the request fails with 400 \"An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. …\" or \"messages.N: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_X. …\". The fix, and the right way to write a sequencer, is buffer-and-flush: hold user input that arrives while calls are pending and write it after their outputs. `histlint fix` moves the message there.",
    examples: {
      valid: [{ format: "chat", text: '{"messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"ls","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"a"},{"role":"user","content":"thanks"}]}' }],
      invalid: [
        {
          format: "chat",
          text: '{"messages":[\n{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"ls","arguments":"{}"}}]},\n{"role":"user","content":"also check b"},\n{"role":"tool","tool_call_id":"call_1","content":"a"}\n]}',
          lines: [3], output: "{\"messages\":[\n{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"}}]},\n{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"a\"},\n{\"role\":\"user\",\"content\":\"also check b\"}\n]}",
        },
      ],
    },
  },
  create: (context) => new InterruptingMessages(context),
});

/** One file's check: the hook is a method, one function for every file. */
class InterruptingMessages implements RuleVisitor {
  private readonly pending = new Map<string, number>();
  private readonly waiting: { message: MessageItem; index: number; calls: Set<string>; reported: boolean }[] = [];

  constructor(private readonly context: RuleContext) {}

  item(item: Item, position: ItemPosition): void {
    const { context, pending, waiting } = this;
    if (item.type === "tool_call" && item.callId && needsOutput(item)) pending.set(item.callId, requestIndex(item, position));
    else if (item.type === "message" && item.role === "user" && pending.size > 0) {
      waiting.push({ message: item, index: requestIndex(item, position), calls: new Set(pending.keys()), reported: false });
    } else if (item.type === "tool_output" && item.callId) {
      pending.delete(item.callId);
      for (const entry of waiting) {
        if (entry.reported || !entry.calls.has(item.callId) || entry.message.message === item.message) continue;
        entry.reported = true;
        const error = context.profile.error("call-without-output", { index: pending.get(item.callId) ?? entry.index - 1, callId: item.callId });
        const { message } = entry;
        const output = item;
        // Buffer-and-flush, after the fact: the message moves to just after the output it preceded.
        const fix: Fix = {
          safety: "safe",
          edits: (fixing) => {
            const from = fixing.unitOf(message);
            const to = fixing.containerOf(output);
            return from === undefined || to === undefined || to <= from ? undefined : [{ op: "move", record: from, after: to }];
          },
        };
        context.report({ at: entry.message.source, ...describe(`this user message stands between call_id ${JSON.stringify(item.callId)} and its output on line ${item.source.line}`, error, "move it after the outputs of the calls it interrupted"), fix });
      }
      if (pending.size === 0) waiting.length = 0;
    }
  }
}
