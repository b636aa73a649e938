// A Gemini function response whose name is not the name of the call it answers.
import type { Item, ToolCallItem } from "../src/history/index.js";
import { defineRule, rewriteItem, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "function-response-name-mismatch",
    description: "a Gemini functionResponse whose name differs from its functionCall's",
    severity: { default: "off", gemini: "warning" },
    fixable: "safe",
    docs: `Gemini pairs a function response with its call by \`id\` when both carry one, else by \`name\` and order, and shows the
model the response under its own \`name\`. One that names another function than its call (a tool renamed, a response copied
from another call) is at best read as the answer to the wrong function. No public report of the API refusing it was found, so
it is a warning and the mock accepts it. \`histlint fix\` gives the response its call's name.`,
    examples: {
      valid: [{ format: "gemini", text: '{"contents":[{"role":"user","parts":[{"text":"ls"}]},{"role":"model","parts":[{"functionCall":{"id":"c1","name":"ls","args":{}}}]},{"role":"user","parts":[{"functionResponse":{"id":"c1","name":"ls","response":{"output":"a"}}}]}]}' }],
      invalid: [
        {
          format: "gemini",
          text: '{"contents":[\n{"role":"user","parts":[{"text":"ls"}]},\n{"role":"model","parts":[{"functionCall":{"id":"c1","name":"ls","args":{}}}]},\n{"role":"user","parts":[{"functionResponse":{"id":"c1","name":"list","response":{"output":"a"}}}]}\n]}',
          lines: [4],
          output: '{"contents":[\n{"role":"user","parts":[{"text":"ls"}]},\n{"role":"model","parts":[{"functionCall":{"id":"c1","name":"ls","args":{}}}]},\n{"role":"user","parts":[{"functionResponse":{"id":"c1","name":"ls","response":{"output":"a"}}}]}\n]}',
        },
      ],
    },
  },
  create: (context) => new ResponseNames(context),
});

/** One file's check: the hook is a method, one function for every file. */
class ResponseNames implements RuleVisitor {
  private readonly calls = new Map<string, ToolCallItem>();

  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["tool_call", "tool_output"];

  item(item: Item): void {
    if (item.type === "tool_call" && item.callId) this.calls.set(item.callId, item);
    if (item.type !== "tool_output" || item.wireType !== "functionResponse" || !item.callId || item.name === undefined) return;
    const call = this.calls.get(item.callId);
    if (!call?.name || call.name === item.name) return;
    const part = Number(/\/parts\/(\d+)$/.exec(item.source.pointer)?.[1] ?? -1);
    const name = call.name;
    const fix = rewriteItem(item, (content) => {
      const parts = Array.isArray(content.parts) ? [...(content.parts as Record<string, unknown>[])] : undefined;
      const target = parts?.[part];
      if (!parts || !target || typeof target.functionResponse !== "object") return undefined;
      parts[part] = { ...target, functionResponse: { ...(target.functionResponse as object), name } };
      return { ...content, parts };
    });
    this.context.report({
      at: item.source,
      message: `function response ${JSON.stringify(item.name)} answers call ${JSON.stringify(item.callId)} of ${JSON.stringify(name)}; the model reads it as another function's answer: give it the call's name`,
      fix: { ...fix, edits: (fixing) => fix.edits({ ...fixing, unitOf: () => fixing.containerOf(item) }) },
    });
  }
}
