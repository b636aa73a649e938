// OpenAI Chat Completions requests: a body with `messages`, or the bare `messages` array.
import type { Item, Source } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { FormatAdapter, HistoryContext, HistoryStream } from "./adapter.js";
import { chatCancelledOutput } from "./cancelled-output.js";
import { applyDocumentEdits, documentHistory } from "./document-units.js";
import { ANTHROPIC_ONLY_BLOCKS } from "./anthropic.js";
import { arrayField, flattenText, isObject, stringField, type JsonObject } from "./json-shape.js";
import { requestContext } from "./responses.js";
import { contentParts } from "./responses-items.js";

const CHAT_ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);

function isChatMessage(value: unknown): boolean {
  return isObject(value) && CHAT_ROLES.has(stringField(value, "role") ?? "");
}

/** Markers only Chat has: tool role, `tool_calls`, system inside messages, `image_url` parts. */
function chatMarkers(messages: unknown[]): boolean {
  return messages.some((m) => isObject(m) && (m.role === "tool" || m.role === "system" || m.role === "developer" || "tool_calls" in m || "tool_call_id" in m));
}

function detect(sample: readonly unknown[]): number {
  const first = sample[0];
  if (sample.length !== 1) return 0;
  const messages = isObject(first) ? arrayField(first, "messages") : Array.isArray(first) ? first : undefined;
  if (!messages || !messages.every(isChatMessage)) return 0;
  const anthropicBlocks = messages.some((m) => isObject(m) && Array.isArray(m.content) && m.content.some((b) => isObject(b) && ANTHROPIC_ONLY_BLOCKS.has(String(b.type))));
  if (anthropicBlocks) return 0;
  return chatMarkers(messages) ? 0.9 : 0.5;
}

function messageItems(value: unknown, index: number, source: Source): Item[] {
  if (!isObject(value)) return [{ type: "other", wireType: typeof value, message: index, source }];
  const role = stringField(value, "role") ?? "unknown";
  if (role === "tool" || role === "function") return [toolOutput(value, role, index, source)];
  const items: Item[] = [];
  const calls = arrayField(value, "tool_calls") ?? [];
  if (value.content !== null && value.content !== undefined || calls.length === 0) {
    const content = contentParts(value.content, "text");
    items.push({ type: "message", role, content, ...(typeof value.content === "string" ? { plainText: true } : {}), message: index, source });
  }
  calls.forEach((call, j) => items.push(toolCall(call, index, { ...source, pointer: `${source.pointer}/tool_calls/${j}` })));
  if (isObject(value.function_call)) items.push(toolCall({ function: value.function_call }, index, { ...source, pointer: `${source.pointer}/function_call` }));
  return items;
}

function toolCall(call: unknown, index: number, source: Source): Item {
  const fields = isObject(call) ? call : {};
  const fn = isObject(fields.function) ? fields.function : {};
  const callId = stringField(fields, "id");
  const name = stringField(fn, "name");
  const args = stringField(fn, "arguments");
  return {
    type: "tool_call",
    kind: "function",
    wireType: "tool_calls",
    ...(callId !== undefined ? { callId } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(args !== undefined ? { arguments: args } : {}),
    message: index,
    source,
  };
}

function toolOutput(value: JsonObject, role: string, index: number, source: Source): Item {
  const callId = stringField(value, "tool_call_id");
  return { type: "tool_output", kind: "function", wireType: role, output: flattenText(value.content), ...(callId !== undefined ? { callId } : {}), message: index, source };
}

function history(records: Iterable<RawRecord>, context: HistoryContext): HistoryStream {
  return documentHistory(records, context, { key: "messages", itemsOf: messageItems, request: (body) => requestContext(body, "instructions") });
}

export const chat: FormatAdapter = {
  name: "chat",
  layout: "document",
  detect,
  history,
  applyEdits: (bytes, records, edits) => applyDocumentEdits(bytes, records, edits, "messages"),
  cancelledOutput: chatCancelledOutput,
};
