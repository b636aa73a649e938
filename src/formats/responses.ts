// OpenAI Responses requests: a body with `input`, a bare `input` array, or one item a line.
import type { Item, RequestContext } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { FormatAdapter, HistoryContext, HistoryStream } from "./adapter.js";
import { applyDocumentEdits, documentArray, documentBody, documentHistory } from "./document-units.js";
import { arrayField, isObject, stringField, type JsonObject } from "./json-shape.js";
import { responsesCancelledOutput } from "./cancelled-output.js";
import { responsesItem } from "./responses-items.js";

const ITEM_TYPES = new Set(["message", "reasoning", "function_call", "function_call_output", "custom_tool_call", "custom_tool_call_output", "local_shell_call", "local_shell_call_output", "web_search_call", "compaction", "item_reference", "mcp_call"]);

function looksLikeItem(value: unknown): boolean {
  if (!isObject(value)) return false;
  const type = stringField(value, "type");
  if (type !== undefined) return ITEM_TYPES.has(type);
  return typeof value.role === "string" && (typeof value.content === "string" || Array.isArray(value.content)) && !("tool_calls" in value);
}

function detect(sample: readonly unknown[]): number {
  const first = sample[0];
  if (sample.length === 1 && isObject(first) && "input" in first) return 0.95;
  if (sample.length === 1 && Array.isArray(first) && first.length > 0 && first.every(looksLikeItem)) {
    return first.some((item) => isObject(item) && "type" in item) ? 0.8 : 0.4;
  }
  if (sample.length > 0 && sample.every(looksLikeItem)) return 0.7;
  return 0;
}

export function requestContext(body: JsonObject, promptKey: "instructions" | "system"): RequestContext {
  const tools = arrayField(body, "tools") ?? [];
  const toolNames = tools.flatMap((tool) => {
    if (!isObject(tool)) return [];
    const name = stringField(tool, "name") ?? (isObject(tool.function) ? stringField(tool.function, "name") : undefined) ?? stringField(tool, "type");
    return name === undefined ? [] : [name];
  });
  const model = stringField(body, "model");
  const prompt = body[promptKey];
  const system = typeof prompt === "string" ? prompt : Array.isArray(prompt) ? prompt.map((p) => (isObject(p) ? stringField(p, "text") ?? "" : "")).join("\n") : undefined;
  const thinking = isObject(body.thinking) ? stringField(body.thinking, "type") : undefined;
  return {
    ...(model !== undefined ? { model } : {}),
    ...(system !== undefined ? { system } : {}),
    ...("tools" in body ? { toolNames } : {}),
    parameters: Object.keys(body),
    // Only `enabled` obliges the final assistant message to start with thinking; other modes leave it to the model.
    ...(thinking !== undefined ? { thinkingEnabled: thinking === "enabled" } : {}),
  };
}

function history(records: Iterable<RawRecord>, context: HistoryContext): HistoryStream {
  const all = [...records];
  const body = documentBody(all);
  let asked: RequestContext | undefined;
  const request = () => (body ? (asked ??= requestContext(body, "instructions")) : undefined);
  if (body && typeof body.input === "string") {
    const source = { record: 0, pointer: "/input", line: all[0]?.span.line ?? 1, column: all[0]?.span.column ?? 1 };
    const item: Item = { type: "message", role: "user", content: [{ kind: "text", wireType: "input_text", text: body.input }], plainText: true, source };
    return { events: [item], request };
  }
  if (!documentArray(all, "input")) {
    const items = all.map((record) => responsesItem(record.value, { record: record.index, pointer: "", line: record.span.line, column: record.span.column }));
    return { events: items, request };
  }
  return documentHistory(all, context, { key: "input", itemsOf: (value, _index, source) => [responsesItem(value, source)], request: (b) => requestContext(b, "instructions") });
}

export const responses: FormatAdapter = {
  name: "responses",
  layout: "document",
  detect,
  history,
  applyEdits: (bytes, records, edits) => applyDocumentEdits(bytes, records, edits, "input"),
  cancelledOutput: responsesCancelledOutput,
};
