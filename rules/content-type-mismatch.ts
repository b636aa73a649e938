// A content part of a type the message's role may not carry (input_text in an assistant message…).
import { defineRule, describe, rewriteItem } from "../src/rule-kit/index.js";

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
  create(context) {
    return {
      item(item, position) {
        if (item.type !== "message" || item.plainText) return;
        const allowed = context.profile.contentTypes[item.role];
        if (!allowed) return;
        const part = item.content.findIndex((p) => !allowed.includes(p.wireType));
        if (part === -1) return;
        const wireType = item.content[part]?.wireType as string;
        const quoted = item.role === "assistant" ? context.profile.error("content-type-mismatch", { index: item.message ?? position.index, part, value: wireType }) : undefined;
        const expected = allowed.map((t) => `"${t}"`).join(", ");
        // Text parts are renamed to the text type the role takes; any other part needs a person.
        const textType = allowed.find((t) => TEXT_TYPES.includes(t));
        const fix = rewriteItem(item, (value) => {
          if (!Array.isArray(value.content) || !textType) return undefined;
          const parts = value.content.map((p: unknown) => {
            const type = typeof p === "object" && p !== null ? (p as { type?: unknown }).type : undefined;
            if (typeof type !== "string" || allowed.includes(type)) return p;
            return TEXT_TYPES.includes(type) ? { ...(p as object), type: textType } : undefined;
          });
          return parts.includes(undefined) ? undefined : { ...value, content: parts };
        });
        context.report({ at: item.source, ...describe(`part ${part} of this ${item.role} message is ${JSON.stringify(wireType)}; ${context.profile.description} takes ${expected} there`, quoted, "change the part type"), fix });
      },
    };
  },
});
