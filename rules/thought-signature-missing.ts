// A Gemini 3 function call of the current turn sent back without the thoughtSignature the model gave it.
import type { Item, ToolCallItem } from "../src/history/index.js";
import { defineRule, describe, rewriteItem, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

/** The models that check signatures: Gemini 3 (and `thinkingLevel`, a Gemini 3 parameter, when no model is named). */
const SIGNING_MODEL = /^gemini-3/;

/**
 * Gemini CLI's own bypass value: the API accepts it in place of a lost signature (Gemini CLI 0.61 writes it
 * on the first call of each model turn of the current turn, `ensureActiveLoopHasThoughtSignatures`).
 */
export const SYNTHETIC_THOUGHT_SIGNATURE = "skip_thought_signature_validator";

export default defineRule({
  meta: {
    id: "thought-signature-missing",
    description: "a Gemini 3 function call of the current turn without its thoughtSignature",
    severity: { default: "off", gemini: "error" },
    fixable: "safe",
    docs: [
      "Gemini 3 models sign their function calls, and the first `functionCall` part of each model turn since the last user prompt must go back with its `thoughtSignature`. Without it the API answers 400",
      '"Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:NAME` , position N. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details."',
      "(N: the content's 1-based place in `contents`). It happens after a switch from another provider, and to every client that does not store signatures. Earlier turns need none; Gemini CLI 0.61, which never stores them, sends the bypass value itself, so its sessions are not reported.",
      `\`histlint fix\` writes the value Gemini CLI sends in place of a lost signature, \`${SYNTHETIC_THOUGHT_SIGNATURE}\`.`,
    ].join(" "),
    examples: {
      valid: [{ format: "gemini", text: '{"model":"gemini-3-pro-preview","contents":[{"role":"user","parts":[{"text":"ls"}]},{"role":"model","parts":[{"functionCall":{"name":"ls","args":{}},"thoughtSignature":"c2ln"}]}]}' }],
      invalid: [
        {
          format: "gemini",
          text: '{"model":"gemini-3-pro-preview","contents":[\n{"role":"user","parts":[{"text":"ls"}]},\n{"role":"model","parts":[{"functionCall":{"name":"ls","args":{}}}]}\n]}',
          lines: [3],
          output: '{"model":"gemini-3-pro-preview","contents":[\n{"role":"user","parts":[{"text":"ls"}]},\n{"role":"model","parts":[{"functionCall":{"name":"ls","args":{}},"thoughtSignature":"skip_thought_signature_validator"}]}\n]}',
        },
      ],
    },
  },
  create: (context) => new UnsignedCalls(context),
});

/** One file's check: the hooks are methods, one function for every file. */
class UnsignedCalls implements RuleVisitor {
  /** First calls of each model content since the last user prompt; a new prompt starts the turn afresh. */
  private firstCalls: { call: ToolCallItem; index: number }[] = [];
  private lastContent = -1;

  constructor(private readonly context: RuleContext) {}

  item(item: Item, position: ItemPosition): void {
    const index = item.message ?? position.index;
    if (item.type === "message" && item.role === "user" && item.content.some((part) => part.kind === "text")) this.firstCalls = [];
    if (item.type !== "tool_call" || index === this.lastContent) return;
    this.lastContent = index;
    this.firstCalls.push({ call: item, index });
  }

  end(): void {
    const context = this.context;
    // Gemini CLI gives every such call the bypass value itself before it sends (measured on 0.61).
    if (context.format === "gemini-cli") return;
    const request = context.request();
    const signing = request?.model !== undefined ? SIGNING_MODEL.test(request.model) : request?.thinkingEnabled === true && request.parameters?.includes("thinkingLevel") === true;
    if (!signing) return;
    for (const { call, index } of this.firstCalls) {
      if (call.thoughtSignature !== undefined && call.thoughtSignature !== "") continue;
      const error = context.profile.error("missing-thought-signature", { index, value: call.name ?? "" });
      const part = Number(/\/parts\/(\d+)$/.exec(call.source.pointer)?.[1] ?? -1);
      const fix = rewriteItem(call, (content) => {
        const parts = Array.isArray(content.parts) ? [...(content.parts as Record<string, unknown>[])] : undefined;
        if (!parts || !parts[part]) return undefined;
        parts[part] = { ...parts[part], thoughtSignature: SYNTHETIC_THOUGHT_SIGNATURE };
        return { ...content, parts };
      });
      context.report({ at: call.source, ...describe(`function call ${JSON.stringify(call.name ?? "")} of the current turn has no thoughtSignature`, error, `give it its signature, or "${SYNTHETIC_THOUGHT_SIGNATURE}" as Gemini CLI does`), fix: { ...fix, edits: (fixing) => fix.edits({ ...fixing, unitOf: () => fixing.containerOf(call) }) } });
    }
  }
}
