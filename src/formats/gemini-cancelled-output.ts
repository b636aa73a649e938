// The function response a Gemini request needs for a call that was never answered: in the very next content.
import type { ToolCallItem } from "../history/index.js";
import type { Edit, RepairContext } from "./adapter.js";
import { isObject } from "./json-shape.js";

/** The content an item's pointer names (`/contents/3/parts/1` → 3). */
export function contentOf(pointer: string): number | undefined {
  const match = /^\/contents\/(\d+)/.exec(pointer) ?? /^\/(\d+)/.exec(pointer);
  return match ? Number(match[1]) : undefined;
}

/** A `functionResponse` part answering `call` with an error, carrying the call's id when it had one of its own. */
export function geminiErrorResponse(call: ToolCallItem, text: string): Record<string, unknown> {
  const ownId = call.callId !== undefined && !call.callId.includes("@") ? { id: call.callId } : {};
  return { functionResponse: { ...ownId, name: call.name ?? "", response: { error: text } } };
}

/** Added to the response turn right after the call's content, made when there is none. */
export function geminiCancelledOutput(call: ToolCallItem, context: RepairContext): Edit[] | undefined {
  const content = contentOf(call.source.pointer);
  if (content === undefined) return undefined;
  const part = geminiErrorResponse(call, context.cancelText);
  const next = context.unitValue(content + 1);
  const isResponseTurn = isObject(next) && next.role === "user" && Array.isArray(next.parts) && next.parts.some((p) => isObject(p) && isObject(p.functionResponse));
  if (isResponseTurn) return [{ op: "replace", record: content + 1, value: { ...next, parts: [...(next.parts as unknown[]), part] } }];
  return [{ op: "insert", after: content, value: { role: "user", parts: [part] } }];
}
