// Maps one Anthropic message (role + content blocks) to canonical items, block by block.
import { own } from "../history/index.js";
import { stringifyJson } from "../read/index.js";
import type { ContentPart, Item, Source } from "../history/index.js";
import { flattenText, isObject, stringField, type JsonObject } from "./json-shape.js";

const PART_KINDS: Record<string, ContentPart["kind"]> = { text: "text", image: "image", document: "file" };

/** Where block `index` of the message came from (a Claude Code message is spread over several records). */
export type BlockSource = (index: number | undefined) => Source;

/**
 * Consecutive text, image and document blocks become one message item; `tool_use`, `tool_result`,
 * `thinking` and `redacted_thinking` blocks become items of their own, in block order.
 */
export function anthropicMessageItems(message: JsonObject, messageIndex: number, sourceOf: BlockSource): Item[] {
  const role = stringField(message, "role") ?? "unknown";
  const content = message.content;
  if (typeof content === "string") {
    return [{ type: "message", role, content: [{ kind: "text", wireType: "text", text: content }], plainText: true, message: messageIndex, source: sourceOf(undefined) }];
  }
  if (!Array.isArray(content)) return [{ type: "message", role, content: [], message: messageIndex, source: sourceOf(undefined) }];
  const items: Item[] = [];
  let open: Extract<Item, { type: "message" }> | undefined;
  content.forEach((block, index) => {
    const source = sourceOf(index);
    const type = isObject(block) ? stringField(block, "type") ?? "unknown" : typeof block;
    const partKind = own(PART_KINDS, type);
    if (partKind && isObject(block)) {
      const text = stringField(block, "text");
      const part: ContentPart = { kind: partKind, wireType: type, ...(text !== undefined ? { text } : {}) };
      if (open) open.content.push(part);
      else items.push((open = { type: "message", role, content: [part], message: messageIndex, source }));
      return;
    }
    open = undefined;
    items.push(blockItem(isObject(block) ? block : {}, type, messageIndex, source));
  });
  if (items.length === 0) items.push({ type: "message", role, content: [], message: messageIndex, source: sourceOf(undefined) });
  return items;
}

function blockItem(block: JsonObject, type: string, message: number, source: Source): Item {
  if (type === "tool_use" || type === "server_tool_use" || type === "mcp_tool_use") {
    const callId = stringField(block, "id");
    const name = stringField(block, "name");
    return {
      type: "tool_call",
      kind: type === "tool_use" ? "function" : type === "mcp_tool_use" ? "mcp" : "other",
      wireType: type,
      ...(callId !== undefined ? { callId } : {}),
      ...(name !== undefined ? { name } : {}),
      arguments: stringifyJson(block.input ?? {}),
      message,
      source,
    };
  }
  if (type === "tool_result" || type === "mcp_tool_result" || type.endsWith("_tool_result")) {
    const callId = stringField(block, "tool_use_id");
    return {
      type: "tool_output",
      kind: type === "tool_result" ? "function" : "other",
      wireType: type,
      output: flattenText(block.content),
      ...(callId !== undefined ? { callId } : {}),
      ...(block.is_error === true ? { isError: true } : {}),
      message,
      source,
    };
  }
  if (type === "thinking" || type === "redacted_thinking") {
    const text = stringField(block, "thinking");
    const encrypted = stringField(block, "signature") ?? stringField(block, "data");
    return { type: "reasoning", wireType: type, summary: [], ...(text !== undefined ? { text } : {}), ...(encrypted !== undefined ? { encrypted } : {}), message, source };
  }
  return { type: "other", wireType: type, message, source };
}
