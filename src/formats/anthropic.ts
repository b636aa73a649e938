// Anthropic Messages requests: `system` at the top, `messages` of content blocks.
import type { Item, Source } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { FormatAdapter, HistoryContext, HistoryStream } from "./adapter.js";
import { anthropicMessageItems } from "./anthropic-blocks.js";
import { anthropicCancelledOutput } from "./cancelled-output.js";
import { applyDocumentEdits, documentHistory } from "./document-units.js";
import { arrayField, isObject } from "./json-shape.js";
import { requestContext } from "./responses.js";

/** Block types only Anthropic uses (`text` and `image` exist in Chat parts too). */
export const ANTHROPIC_ONLY_BLOCKS = new Set(["document", "tool_use", "tool_result", "thinking", "redacted_thinking", "server_tool_use", "web_search_tool_result"]);

function hasAnthropicBlocks(messages: unknown[]): boolean {
  return messages.some((m) => isObject(m) && Array.isArray(m.content) && m.content.some((b) => isObject(b) && ANTHROPIC_ONLY_BLOCKS.has(String(b.type))));
}

function detect(sample: readonly unknown[]): number {
  const first = sample[0];
  if (sample.length !== 1) return 0;
  const messages = isObject(first) ? arrayField(first, "messages") : Array.isArray(first) ? first : undefined;
  if (!messages || messages.length === 0) return isObject(first) && "max_tokens" in first && "messages" in first ? 0.6 : 0;
  // Claude Code sends `system` messages inside `messages` (a newer beta); plain requests only user and assistant.
  const roles = messages.every((m) => isObject(m) && (m.role === "user" || m.role === "assistant" || m.role === "system"));
  if (!roles) return 0;
  const bodyMarkers = isObject(first) && ("max_tokens" in first || "system" in first || "thinking" in first);
  if (hasAnthropicBlocks(messages)) return 0.95;
  // A Claude model with `max_tokens` (required by Messages) and nothing only Chat has: an Anthropic body,
  // even with a `system` message inside `messages` (which Chat's detection takes for its own).
  const chatOnly = messages.some((m) => isObject(m) && ("tool_calls" in m || "tool_call_id" in m || "function_call" in m));
  if (isObject(first) && /^claude-/.test(String(first.model)) && "max_tokens" in first && !chatOnly) return 0.92;
  return bodyMarkers ? 0.7 : 0.45;
}

/** A message's items; each block points at `/messages/N/content/M`. */
function messageItems(value: unknown, index: number, source: Source): Item[] {
  const message = isObject(value) ? value : {};
  return anthropicMessageItems(message, index, (block) => ({ ...source, pointer: block === undefined ? source.pointer : `${source.pointer}/content/${block}` }));
}

function history(records: Iterable<RawRecord>, context: HistoryContext): HistoryStream {
  return documentHistory(records, context, { key: "messages", itemsOf: messageItems, request: (body) => requestContext(body, "system") });
}

export const anthropic: FormatAdapter = {
  name: "anthropic",
  layout: "document",
  detect,
  history,
  applyEdits: (bytes, records, edits) => applyDocumentEdits(bytes, records, edits, "messages"),
  cancelledOutput: anthropicCancelledOutput,
};
