// The output each client writes for a call it never answered, as record-level edits in its format.
import { createHash } from "../lazy-crypto.js";
import type { ToolCallItem } from "../history/index.js";
import type { Edit, RepairContext } from "./adapter.js";
import { isObject, stringField } from "./json-shape.js";

/** A Responses output item answering `call` (custom tools have their own output type). */
export function responsesOutput(call: ToolCallItem, text: string): Record<string, unknown> {
  return { type: call.kind === "custom" ? "custom_tool_call_output" : "function_call_output", call_id: call.callId, output: text };
}

/** The unit an item's pointer names inside a body (`/input/3`, `/messages/2/content/1` → 3, 2). */
export function elementOf(pointer: string): number | undefined {
  const match = /^\/(?:input|messages|contents)\/(\d+)/.exec(pointer);
  return match ? Number(match[1]) : undefined;
}

/** Codex inserts an output right after the call; the new record copies the call's timestamp. */
export function codexCancelledOutput(call: ToolCallItem, context: RepairContext): Edit[] | undefined {
  const record = context.records[call.source.record];
  if (!record || !isObject(record.value)) return undefined;
  if (call.source.pointer === "") return [{ op: "insert", after: call.source.record, value: responsesOutput(call, context.cancelText) }];
  if (call.source.pointer !== "/payload") return undefined; // inside a compaction's replacement history
  const value = { timestamp: record.value.timestamp, type: "response_item", payload: responsesOutput(call, context.cancelText) };
  return [{ op: "insert", after: call.source.record, value }];
}

export function responsesCancelledOutput(call: ToolCallItem, context: RepairContext): Edit[] | undefined {
  const unit = call.source.pointer === "" ? call.source.record : elementOf(call.source.pointer);
  return unit === undefined ? undefined : [{ op: "insert", after: unit, value: responsesOutput(call, context.cancelText) }];
}

/** A uuid derived from the call, so the same repair always writes the same record. */
function derivedUuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Claude Code writes an `is_error` tool result record whose parent is the call's record, after the reply. */
export function claudeCodeCancelledOutput(call: ToolCallItem, context: RepairContext): Edit[] | undefined {
  const record = context.records[call.source.record];
  if (!record || !isObject(record.value) || !call.callId) return undefined;
  const parent = record.value;
  const copied = Object.fromEntries(["isSidechain", "userType", "cwd", "sessionId", "version", "gitBranch"].filter((key) => key in parent).map((key) => [key, parent[key]]));
  const value = {
    parentUuid: stringField(parent, "uuid") ?? null,
    ...copied,
    type: "user",
    message: { role: "user", content: [{ type: "tool_result", content: context.cancelText, is_error: true, tool_use_id: call.callId }] },
    uuid: derivedUuid(`histlint:${stringField(parent, "sessionId") ?? ""}:${call.callId}`),
    timestamp: parent.timestamp,
    toolUseResult: `Error: ${context.cancelText}`,
    sourceToolAssistantUUID: stringField(parent, "uuid"),
  };
  return [{ op: "insert", after: lastBlockOfReply(context, call.source.record), value }];
}

/**
 * The last record of the reply that holds the call: Claude Code writes parallel calls one record a
 * block and their results after all of them, so a result goes after the reply, not inside it.
 */
function lastBlockOfReply(context: RepairContext, callRecord: number): number {
  const replyId = (index: number) => {
    const value = context.records[index]?.value;
    return isObject(value) && value.type === "assistant" && isObject(value.message) ? stringField(value.message, "id") : undefined;
  };
  const id = replyId(callRecord);
  let last = callRecord;
  while (id !== undefined && replyId(last + 1) === id) last += 1;
  return last;
}

/** Chat wants a tool message among those right after the assistant message that made the call. */
export function chatCancelledOutput(call: ToolCallItem, context: RepairContext): Edit[] | undefined {
  const message = elementOf(call.source.pointer);
  if (message === undefined) return undefined;
  let after = message;
  while (isObject(context.unitValue(after + 1)) && (context.unitValue(after + 1) as { role?: unknown }).role === "tool") after += 1;
  return [{ op: "insert", after, value: { role: "tool", tool_call_id: call.callId, content: context.cancelText } }];
}

/** Anthropic wants an `is_error` tool_result at the head of the next user message, made if there is none. */
export function anthropicCancelledOutput(call: ToolCallItem, context: RepairContext): Edit[] | undefined {
  const message = elementOf(call.source.pointer);
  if (message === undefined || !call.callId) return undefined;
  const block = { type: "tool_result", tool_use_id: call.callId, content: context.cancelText, is_error: true };
  const next = context.unitValue(message + 1);
  if (isObject(next) && next.role === "user") {
    const content = typeof next.content === "string" ? [{ type: "text", text: next.content }] : Array.isArray(next.content) ? next.content : [];
    return [{ op: "replace", record: message + 1, value: { ...next, content: [block, ...content] } }];
  }
  return [{ op: "insert", after: message, value: { role: "user", content: [block] } }];
}
