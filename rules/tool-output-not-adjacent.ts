// Chat and Anthropic want outputs right after the message that made the calls, not merely later.
import type { Item, ToolCallItem } from "../src/history/index.js";
import { callName, defineRule, describe, type Fix, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "tool-output-not-adjacent",
    description: "a tool output that comes later than its API allows (Chat, Anthropic)",
    severity: { default: "error", codex: "off", "openai-responses": "off" },
    fixable: "safe",
    docs: "Responses takes an output anywhere after its call. Chat Completions wants the tool messages right after the assistant message with `tool_calls` (else 400 \"An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_X\"), and Anthropic wants the `tool_result` blocks at the head of the very next user message (else 400 \"messages.N: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_X. …\"). A history that moves from Responses to Chat or Anthropic trips on this first. `histlint fix` moves the output into place.",
    examples: {
      valid: [{ format: "chat", text: '{"messages":[{"role":"user","content":"ls"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"ls","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"a.txt"}]}' }],
      invalid: [
        {
          format: "chat",
          text: '{"messages":[\n{"role":"user","content":"ls"},\n{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"ls","arguments":"{}"}}]},\n{"role":"user","content":"hurry"},\n{"role":"tool","tool_call_id":"call_1","content":"a.txt"}\n]}',
          lines: [5], output: "{\"messages\":[\n{\"role\":\"user\",\"content\":\"ls\"},\n{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"}}]},\n{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"a.txt\"},\n{\"role\":\"user\",\"content\":\"hurry\"}\n]}",
        },
        {
          format: "responses",
          profile: "anthropic",
          text: '{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"message","role":"assistant","content":"wait"}\n{"type":"function_call_output","call_id":"call_1","output":"a.txt"}\n',
          lines: [3],
        },
      ],
    },
  },
  create: (context) => new OutputPlaces(context),
});

const messageOf = (item: Item, index: number) => item.message ?? index;

/** One file's check: the hook is a method, one function for every file. */
class OutputPlaces implements RuleVisitor {
  private readonly nextMessage: boolean;
  /** The calls of the last message that made calls, and whether only their outputs came since. */
  private calls = { message: -1, index: -1, ids: new Set<string>() };
  private onlyOutputsSince = false;
  private current = { message: -1, onlyOutputs: true };

  constructor(private readonly context: RuleContext) {
    this.nextMessage = context.profile.outputPlacement === "next-user-message";
  }

  item(item: Item, position: ItemPosition): void {
    const { context, nextMessage } = this;
    const message = messageOf(item, position.index);
    if (message !== this.current.message) this.current = { message, onlyOutputs: true };
    if (item.type === "tool_call" && item.callId) {
      if (this.calls.message !== message) this.calls = { message, index: position.index, ids: new Set() };
      this.calls.ids.add(item.callId);
      this.onlyOutputsSince = true;
      return;
    }
    const { calls, current } = this;
    if (item.type !== "tool_output") {
      if (message !== calls.message) this.onlyOutputsSince = false;
      current.onlyOutputs = false;
      return;
    }
    if (!item.callId || context.seen.callLine(item.callId) === undefined) return;
    const inPlace = nextMessage ? message === calls.message + 1 && current.onlyOutputs && calls.ids.has(item.callId) : this.onlyOutputsSince && calls.ids.has(item.callId);
    if (inPlace) return;
    const error = context.profile.error("call-without-output", { index: calls.ids.has(item.callId) ? calls.message : messageOf(item, position.index), callId: item.callId });
    const where = nextMessage ? "at the head of the message right after its call" : "among the tool messages right after its call";
    // Chat: the tool message moves among those right after its call's message. An Anthropic block
    // would have to move between messages: that one is left to a person.
    const output = item;
    const callMessage = calls.ids.has(item.callId) ? calls.message : undefined;
    const fix: Fix | undefined =
      nextMessage || callMessage === undefined
        ? undefined
        : {
            safety: "safe",
            edits: (fixing) => {
              const from = fixing.unitOf(output);
              if (from === undefined) return undefined;
              let after = callMessage;
              const isTool = (unit: number) => (fixing.unitValue(unit) as { role?: unknown } | undefined)?.role === "tool";
              while (after + 1 !== from && isTool(after + 1)) after += 1;
              return [{ op: "move", record: from, after }];
            },
          };
    context.report({ at: item.source, ...describe(`${callName(item)} is not ${where}`, error, "move it there"), ...(fix ? { fix } : {}) });
  }
}
