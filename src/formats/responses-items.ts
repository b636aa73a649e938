// Maps OpenAI Responses API items (the `input` array, Codex `response_item` payloads) to canonical items.
import type { CompactionItem, ContentPart, Item, MessageItem, ReasoningItem, Source, ToolCallItem, ToolKind, ToolOutputItem } from "../history/index.js";
import { arrayField, flattenText, isObject, stringField, type JsonObject } from "./json-shape.js";

// Maps, not object tables: a type read from the file is a fresh string, and a map answers it without
// looking it up among the property names (and finds nothing for "constructor").
const CALL_KINDS = tableOf<ToolKind>({
  function_call: "function",
  custom_tool_call: "custom",
  local_shell_call: "local_shell",
  web_search_call: "web_search",
  mcp_call: "mcp",
  tool_search_call: "tool_search",
  image_generation_call: "image_generation",
  computer_call: "computer",
  file_search_call: "other",
  code_interpreter_call: "other",
});

const OUTPUT_KINDS = tableOf<ToolKind>({
  function_call_output: "function",
  custom_tool_call_output: "custom",
  local_shell_call_output: "local_shell",
  tool_search_output: "tool_search",
  computer_call_output: "computer",
  mcp_call_output: "mcp",
});

/** Keys that Chat Completions messages carry and a Responses input message must not. */
const CHAT_ONLY_KEYS = ["tool_call_id", "tool_calls", "function_call", "name"];

const PART_KINDS = tableOf<ContentPart["kind"]>({
  input_text: "text",
  output_text: "text",
  text: "text",
  summary_text: "text",
  reasoning_text: "text",
  refusal: "refusal",
  input_image: "image",
  image_url: "image",
  input_file: "file",
  input_audio: "audio",
});

function tableOf<T>(entries: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(entries));
}

export function contentParts(content: unknown, defaultWireType: string): ContentPart[] {
  if (typeof content === "string") return [{ kind: "text", wireType: defaultWireType, text: content }];
  if (!Array.isArray(content)) return [];
  return content.map((part): ContentPart => {
    if (!isObject(part)) return { kind: "other", wireType: typeof part };
    const wireType = stringField(part, "type") ?? "unknown";
    const text = stringField(part, "text") ?? stringField(part, "refusal");
    return { kind: PART_KINDS.get(wireType) ?? "other", wireType, ...(text !== undefined ? { text } : {}) };
  });
}

/**
 * One Responses item as a canonical item. A value that is not an object becomes an `other` item.
 * Optional fields are assigned, not spread: this runs once a record on the hot path, and each
 * conditional spread allocates a temporary object.
 */
export function responsesItem(value: unknown, source: Source): Item {
  if (!isObject(value)) return { type: "other", wireType: typeof value, source };
  const wireType = stringField(value, "type") ?? (value.role !== undefined ? "message" : "unknown");
  const item = buildItem(value, wireType, source);
  const id = stringField(value, "id");
  if (id !== undefined) item.id = id;
  return item;
}

function buildItem(value: JsonObject, wireType: string, source: Source): Item {
  if (wireType === "message") return messageItem(value, source);
  if (wireType === "reasoning") return reasoningItem(value, source);
  if (wireType === "compaction" || wireType === "compaction_summary") {
    const item: CompactionItem = { type: "compaction", source };
    const encrypted = stringField(value, "encrypted_content");
    if (encrypted !== undefined) item.encrypted = encrypted;
    return item;
  }
  const callKind = CALL_KINDS.get(wireType);
  if (callKind) return callItem(value, wireType, callKind, source);
  const outputKind = OUTPUT_KINDS.get(wireType);
  if (outputKind) {
    const item: ToolOutputItem = { type: "tool_output", kind: outputKind, wireType, output: flattenText(value.output), source };
    const callId = stringField(value, "call_id");
    if (callId !== undefined) item.callId = callId;
    return item;
  }
  return { type: "other", wireType, source };
}

function messageItem(value: JsonObject, source: Source): MessageItem {
  const role = stringField(value, "role") ?? "unknown";
  const item: MessageItem = { type: "message", role, content: contentParts(value.content, role === "assistant" ? "output_text" : "input_text"), source };
  if (typeof value.content === "string") item.plainText = true;
  const foreignKeys = CHAT_ONLY_KEYS.filter((key) => key in value);
  if (foreignKeys.length > 0) item.foreignKeys = foreignKeys;
  return item;
}

function reasoningItem(value: JsonObject, source: Source): ReasoningItem {
  const summary = (arrayField(value, "summary") ?? []).map((part) => (isObject(part) ? stringField(part, "text") ?? "" : ""));
  const item: ReasoningItem = { type: "reasoning", wireType: "reasoning", summary, source };
  const content = arrayField(value, "content");
  if (content && content.length > 0) item.text = flattenText(content);
  const encrypted = stringField(value, "encrypted_content");
  if (encrypted !== undefined) item.encrypted = encrypted;
  return item;
}

function callItem(value: JsonObject, wireType: string, kind: ToolKind, source: Source): ToolCallItem {
  const item: ToolCallItem = { type: "tool_call", kind, wireType, source };
  const callId = stringField(value, "call_id");
  if (callId !== undefined) item.callId = callId;
  const name = stringField(value, "name") ?? (kind === "local_shell" ? "local_shell" : undefined);
  if (name !== undefined) item.name = name;
  const args = stringField(value, "arguments") ?? stringField(value, "input");
  if (args !== undefined) item.arguments = args;
  const status = stringField(value, "status");
  if (status !== undefined) item.status = status;
  const action = isObject(value.action) ? stringField(value.action, "type") : undefined;
  if (action !== undefined) item.actionType = action;
  return item;
}
