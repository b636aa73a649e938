// Maps OpenAI Responses API items (the `input` array, Codex `response_item` payloads) to canonical items.
import type { ContentPart, Item, Source, ToolKind } from "../history/index.js";
import { arrayField, flattenText, isObject, stringField, type JsonObject } from "./json-shape.js";

const CALL_KINDS: Record<string, ToolKind> = {
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
};

const OUTPUT_KINDS: Record<string, ToolKind> = {
  function_call_output: "function",
  custom_tool_call_output: "custom",
  local_shell_call_output: "local_shell",
  tool_search_output: "tool_search",
  computer_call_output: "computer",
  mcp_call_output: "mcp",
};

/** Keys that Chat Completions messages carry and a Responses input message must not. */
const CHAT_ONLY_KEYS = ["tool_call_id", "tool_calls", "function_call", "name"];

const PART_KINDS: Record<string, ContentPart["kind"]> = {
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
};

export function contentParts(content: unknown, defaultWireType: string): ContentPart[] {
  if (typeof content === "string") return [{ kind: "text", wireType: defaultWireType, text: content }];
  if (!Array.isArray(content)) return [];
  return content.map((part): ContentPart => {
    if (!isObject(part)) return { kind: "other", wireType: typeof part };
    const wireType = stringField(part, "type") ?? "unknown";
    const text = stringField(part, "text") ?? stringField(part, "refusal");
    return { kind: PART_KINDS[wireType] ?? "other", wireType, ...(text !== undefined ? { text } : {}) };
  });
}

/** One Responses item as a canonical item. A value that is not an object becomes an `other` item. */
export function responsesItem(value: unknown, source: Source): Item {
  if (!isObject(value)) return { type: "other", wireType: typeof value, source };
  const wireType = stringField(value, "type") ?? (value.role !== undefined ? "message" : "unknown");
  const id = stringField(value, "id");
  const common = { source, ...(id !== undefined ? { id } : {}) };
  if (wireType === "message") return messageItem(value, common);
  if (wireType === "reasoning") return reasoningItem(value, common);
  if (wireType === "compaction" || wireType === "compaction_summary") {
    const encrypted = stringField(value, "encrypted_content");
    return { type: "compaction", ...common, ...(encrypted !== undefined ? { encrypted } : {}) };
  }
  const callKind = CALL_KINDS[wireType];
  if (callKind) return callItem(value, wireType, callKind, common);
  const outputKind = OUTPUT_KINDS[wireType];
  if (outputKind) {
    const callId = stringField(value, "call_id");
    return {
      type: "tool_output",
      kind: outputKind,
      wireType,
      output: flattenText(value.output),
      ...(callId !== undefined ? { callId } : {}),
      ...common,
    };
  }
  return { type: "other", wireType, ...common };
}

function messageItem(value: JsonObject, common: { source: Source; id?: string }): Item {
  const role = stringField(value, "role") ?? "unknown";
  const defaultWireType = role === "assistant" ? "output_text" : "input_text";
  const foreignKeys = CHAT_ONLY_KEYS.filter((key) => key in value);
  return {
    type: "message",
    role,
    content: contentParts(value.content, defaultWireType),
    ...(typeof value.content === "string" ? { plainText: true } : {}),
    ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
    ...common,
  };
}

function reasoningItem(value: JsonObject, common: { source: Source; id?: string }): Item {
  const summary = (arrayField(value, "summary") ?? []).map((part) => (isObject(part) ? stringField(part, "text") ?? "" : ""));
  const content = arrayField(value, "content");
  const encrypted = stringField(value, "encrypted_content");
  return {
    type: "reasoning",
    wireType: "reasoning",
    summary,
    ...(content && content.length > 0 ? { text: flattenText(content) } : {}),
    ...(encrypted !== undefined ? { encrypted } : {}),
    ...common,
  };
}

function callItem(value: JsonObject, wireType: string, kind: ToolKind, common: { source: Source; id?: string }): Item {
  const callId = stringField(value, "call_id");
  const name = stringField(value, "name") ?? (kind === "local_shell" ? "local_shell" : undefined);
  const args = stringField(value, "arguments") ?? stringField(value, "input");
  const status = stringField(value, "status");
  const action = isObject(value.action) ? stringField(value.action, "type") : undefined;
  return {
    type: "tool_call",
    kind,
    wireType,
    ...(callId !== undefined ? { callId } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(args !== undefined ? { arguments: args } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(action !== undefined ? { actionType: action } : {}),
    ...common,
  };
}
