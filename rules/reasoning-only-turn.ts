// A model turn that produced reasoning and nothing else.
import { defineRule, describe, ReasoningWatch, removeItem, type DanglingReasoning, type RuleContext } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "reasoning-only-turn",
    description: "a model turn that ends with reasoning and no message or tool call",
    severity: { default: "error", anthropic: "off", "openai-chat": "off" },
    fixable: "safe",
    docs: "A response cut off after its reasoning (interrupted, `max_output_tokens`, a stream that dropped) leaves a reasoning item with nothing after it. Sent back, the Responses API answers 400 \"Item 'rs_X' of type 'reasoning' was provided without its required following item.\". The reasoning is partial and can be dropped without loss: `histlint fix` removes it.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"message","role":"assistant","content":"hello"}\n' }],
      invalid: [
        { format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"reasoning","id":"rs_1","summary":[]}\n{"type":"message","role":"user","content":"hello?"}\n', lines: [2], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}\n{\"type\":\"message\",\"role\":\"user\",\"content\":\"hello?\"}\n" },
        { format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"reasoning","id":"rs_1","summary":[]}\n', lines: [2] },
      ],
    },
  },
  create: (context) => new ReasoningOnlyTurns(context),
});

/** One file's watch: its hooks are methods, one function for every file. */
class ReasoningOnlyTurns extends ReasoningWatch {
  constructor(private readonly context: RuleContext) {
    super(context.seen);
  }

  protected override dangling({ reasoning, index, onlyReasoning }: DanglingReasoning): void {
    if (!onlyReasoning) return;
    const context = this.context;
    const error = reasoning.id ? context.profile.error("reasoning-without-following-item", { index, itemId: reasoning.id }) : undefined;
    context.report({ at: reasoning.source, ...describe(`the model's turn ends with reasoning${reasoning.id ? ` ${JSON.stringify(reasoning.id)}` : ""} and no message or tool call`, error, "drop the partial reasoning"), fix: removeItem(reasoning) });
  }
}
