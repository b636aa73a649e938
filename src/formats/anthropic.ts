// Anthropic Messages requests: `system` at the top, `messages` of content blocks.
import type { HistoryEvent } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { FormatAdapter, HistoryContext, HistoryStream } from "./adapter.js";
import { anthropicMessageItems } from "./anthropic-blocks.js";
import { applyDocumentEdits, documentArray, elementPositions } from "./document-units.js";
import { arrayField, isObject, type JsonObject } from "./json-shape.js";
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
  return hasAnthropicBlocks(messages) ? 0.95 : bodyMarkers ? 0.7 : 0.45;
}

function history(records: Iterable<RawRecord>, context: HistoryContext): HistoryStream {
  const all = [...records];
  const array = documentArray(all, "messages");
  const body = all.length === 1 && isObject(all[0]?.value) ? (all[0]?.value as JsonObject) : undefined;
  function* events(): Generator<HistoryEvent> {
    if (!array) return;
    const positions = elementPositions(array, context.bytes);
    for (const [i, value] of array.values.entries()) {
      const at = positions[i] as { line: number; column: number };
      const base = { record: array.record.index, line: at.line, column: at.column };
      const message = isObject(value) ? value : {};
      yield* anthropicMessageItems(message, i, (block) => ({
        ...base,
        pointer: block === undefined ? `${array.pointer}/${i}` : `${array.pointer}/${i}/content/${block}`,
      }));
    }
  }
  return { events: events(), request: () => (body ? requestContext(body, "system") : undefined) };
}

export const anthropic: FormatAdapter = {
  name: "anthropic",
  layout: "document",
  detect,
  history,
  applyEdits: (bytes, records, edits) => applyDocumentEdits(bytes, records, edits, "messages"),
};
