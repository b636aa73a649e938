// Reasoning separated from the message or call it belongs to.
import { defineRule, describe, ReasoningWatch, removeItem, type DanglingReasoning, type RuleContext } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "reasoning-without-following-item",
    description: "a reasoning item not followed by the message or tool call it belongs to",
    severity: { default: "error", anthropic: "off", "openai-chat": "off" },
    fixable: "safe",
    docs: "The Responses API ties a reasoning item to the item that follows it. When that item is missing or was moved (an output written between them, a message deleted by hand) it answers 400 \"Item 'rs_X' of type 'reasoning' was provided without its required following item.\". A turn that produced only reasoning is `reasoning-only-turn`'s finding. `histlint fix` drops the orphaned reasoning.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"function_call_output","call_id":"call_1","output":"a"}\n' }],
      invalid: [
        {
          format: "responses",
          text: '{"type":"message","role":"user","content":"hi"}\n{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"function_call_output","call_id":"call_1","output":"a"}\n{"type":"message","role":"assistant","content":"done"}\n',
          lines: [3], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}\n{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"ls\",\"arguments\":\"{}\"}\n{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"a\"}\n{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"done\"}\n",
        },
      ],
    },
  },
  create: (context) => new DanglingReasonings(context),
});

/** One file's watch: its hooks are methods, one function for every file. */
class DanglingReasonings extends ReasoningWatch {
  constructor(private readonly context: RuleContext) {
    super(context.seen);
  }

  protected override dangling({ reasoning, index, onlyReasoning }: DanglingReasoning): void {
    if (onlyReasoning) return;
    const context = this.context;
    const error = reasoning.id ? context.profile.error("reasoning-without-following-item", { index, itemId: reasoning.id }) : undefined;
    context.report({ at: reasoning.source, ...describe(`reasoning${reasoning.id ? ` ${JSON.stringify(reasoning.id)}` : ""} is not followed by the message or tool call it belongs to`, error, "drop it, or put it back before its item"), fix: removeItem(reasoning) });
  }
}
