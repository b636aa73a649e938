// Reasoning state written by another provider, which this endpoint cannot take back.
import type { Item, ReasoningItem } from "../src/history/index.js";
import { defineRule, describe, rewriteItem, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

/** OpenAI's encrypted reasoning is a Fernet token: base64 of version byte 0x80 and a timestamp (a prefix test, not a regular expression: it runs on every reasoning). */
const OPENAI_ENCRYPTED = "gAAAAA";

function foreignTo(api: string, reasoning: ReasoningItem): string | undefined {
  if (api === "responses") {
    if (reasoning.wireType !== "reasoning") return `an Anthropic ${reasoning.wireType} block`;
    if (reasoning.text !== undefined) return "raw reasoning `content`, which OpenAI never returns (another provider or a local model wrote it)";
    if (reasoning.encrypted !== undefined && !reasoning.encrypted.startsWith(OPENAI_ENCRYPTED)) return "`encrypted_content` that is not OpenAI's";
    return undefined;
  }
  if (api === "anthropic" && (reasoning.wireType === "reasoning" || (reasoning.encrypted !== undefined && reasoning.encrypted.startsWith(OPENAI_ENCRYPTED)))) {
    return "OpenAI reasoning, which Anthropic cannot verify";
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: "reasoning-not-replayable",
    description: "reasoning (encrypted content, raw reasoning text) written by another provider",
    severity: { default: "warning", "openai-chat": "off" },
    fixable: "safe",
    docs: "Reasoning carries provider state: OpenAI's `encrypted_content` (a Fernet token starting `gAAAAA`) and Anthropic's thinking `signature` can only be verified by the provider that wrote them, and OpenAI never returns raw reasoning `content`. After a provider switch, or a proxy that rewrote items, sending them back makes the provider refuse the request or silently drop the reasoning. `histlint fix` strips the foreign fields and keeps readable summaries; when the foreign text is the only copy it asks for `--unsafe`.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAAABopaque"}\n{"type":"message","role":"assistant","content":"hello"}\n' }],
      invalid: [
        { format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"reasoning","id":"rs_1","summary":[],"content":[{"type":"reasoning_text","text":"think"}]}\n{"type":"message","role":"assistant","content":"hello"}\n', lines: [2], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}\n{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]}\n{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"hello\"}\n" },
        { format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"EqQBCgIYAhIM"}\n{"type":"message","role":"assistant","content":"hello"}\n', lines: [2] },
      ],
    },
  },
  create: (context) => new ForeignReasoning(context),
});

/** One file's check: the hook is a method, one function for every file. */
class ForeignReasoning implements RuleVisitor {
  constructor(private readonly context: RuleContext) {}

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["reasoning"];

  item(item: Item): void {
    const context = this.context;
    if (item.type !== "reasoning") return;
    const foreign = foreignTo(context.profile.api, item);
    if (!foreign) return;
    // Stripping loses nothing readable while a summary stays; raw text that is the only copy is a judgement.
    const onlyCopy = item.text !== undefined && item.summary.every((s) => s === "");
    const fix = rewriteItem(item, (value) => (value.type === "reasoning" ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== "encrypted_content" && key !== "content")) : undefined), onlyCopy ? "unsafe" : "safe");
    context.report({ at: item.source, ...describe(`this reasoning holds ${foreign}`, undefined, `strip it before sending it to ${context.profile.description}`), fix });
  }
}
