// A content part of a type the message's role may not carry (input_text in an assistant message…).
import { own } from "../src/history/index.js";
import type { Item } from "../src/history/index.js";
import { blockIndex, requestIndex } from "../src/profiles/index.js";
import { defineRule, describe, rewriteMessageOf, type Fix, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

const TEXT_TYPES = ["input_text", "output_text", "text"];

export default defineRule({
  meta: {
    id: "content-type-mismatch",
    description: "a content part type the message's role does not take (`input_text` in an assistant message…)",
    severity: "error",
    fixable: "safe",
    docs: "Responses types content by who wrote it: user, system and developer messages carry `input_text`, `input_image`, `input_file`; assistant messages carry `output_text` and `refusal`. An assistant message rebuilt with `input_text` (a common converter bug) is refused with 400 \"Invalid value: 'input_text'. Supported values are: 'output_text' and 'refusal'.\". Chat and Anthropic have their own part types (`image_url` is Chat's, `image` Anthropic's). `histlint fix` renames text parts to the type the role takes; other parts need converting by hand.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}\n{"type":"message","role":"assistant","content":[{"type":"output_text","text":"hello"}]}\n' }],
      invalid: [{ format: "responses", text: '{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}\n{"type":"message","role":"assistant","content":[{"type":"input_text","text":"hello"}]}\n', lines: [2], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}\n{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hello\"}]}\n" }],
    },
  },
  create: (context) => new PartTypes(context),
});

/** One file's check: the hook is a method, one function for every file. */
class PartTypes implements RuleVisitor {
  private readonly anthropicBlocks: boolean;

  constructor(private readonly context: RuleContext) {
    this.anthropicBlocks = context.format === "anthropic" || context.format === "claude-code";
  }

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["message", "other"];

  item(item: Item, position: ItemPosition): void {
    const context = this.context;
    // Anthropic reads an `input_text` or `output_text` block as a block of its own, not as a part of a message.
    const strayBlock = this.anthropicBlocks && item.type === "other" && item.message !== undefined && TEXT_TYPES.includes(item.wireType) && item.wireType !== "text";
    if (!strayBlock && (item.type !== "message" || item.plainText)) return;
    const role = item.type === "message" ? item.role : undefined;
    const allowed = role === undefined ? undefined : own(context.profile.contentTypes, role);
    if (role !== undefined && !allowed) return;
    const part = item.type === "message" ? item.content.findIndex((p) => !allowed?.includes(p.wireType)) : 0;
    if (part === -1) return;
    const wireType = item.type === "message" ? (item.content[part]?.wireType as string) : item.type === "other" ? item.wireType : "";
    const at = item.type === "message" ? (item.message === undefined ? part : (blockIndex(item.source.pointer) ?? 0) + part) : blockIndex(item.source.pointer);
    const error = context.profile.error("content-type-mismatch", { index: requestIndex(item, position), part: at, value: wireType, ...(role !== undefined ? { role } : {}) });
    const takes = allowed ? `${context.profile.description} takes ${allowed.map((t) => `"${t}"`).join(", ")} there` : `${context.profile.description} has no such block`;
    const where = role === undefined ? `block ${at ?? 0} of message ${item.message}` : `part ${part} of this ${role} message`;
    const fix = TEXT_TYPES.includes(wireType) ? renameTextParts(item, context.profile.contentTypes) : undefined;
    context.report({ at: item.source, ...describe(`${where} is ${JSON.stringify(wireType)}; ${takes}`, error, "change the part type"), ...(fix ? { fix } : {}) });
  }
}

/**
 * Text parts of a type the message's role does not take are renamed to the text type it takes; other
 * parts stay. The message is rewritten, not the item: a stray block is one of several in it.
 */
function renameTextParts(item: Item, contentTypes: Readonly<Record<string, readonly string[]>>): Fix {
  return rewriteMessageOf(item, (value) => {
    const allowed = typeof value.role === "string" ? own(contentTypes, value.role) : undefined;
    const textType = allowed?.find((t) => TEXT_TYPES.includes(t));
    if (!Array.isArray(value.content) || !allowed || !textType) return undefined;
    const content = value.content.map((p: unknown) => {
      const type = typeof p === "object" && p !== null ? (p as { type?: unknown }).type : undefined;
      return typeof type === "string" && TEXT_TYPES.includes(type) && !allowed.includes(type) ? { ...(p as object), type: textType } : p;
    });
    return { ...value, content };
  });
}
