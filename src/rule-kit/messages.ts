// Message helpers in actionlint's voice: what is wrong (quoting the value), what the API answers, the remedy.
import { stringifyJson } from "../read/index.js";
import type { Item, ToolCallItem, ToolOutputItem } from "../history/index.js";
import type { ProviderError } from "../profiles/index.js";

/** A finding's message, and the provider's answer to it when the profile's API has one (the mock server sends it). */
export interface Described {
  message: string;
  error?: ProviderError;
  /** The two halves of the message, so a client model can say what really happens in between. */
  problem: string;
  remedy: string;
}

/** `problem; the API answers 400 "text": remedy` — the answer only when the profile's API has one. */
export function describe(problem: string, error: ProviderError | undefined, remedy: string): Described {
  if (!error) return { message: `${problem}: ${remedy}`, problem, remedy };
  return { message: `${problem}; the API answers ${error.status} "${error.message}": ${remedy}`, error, problem, remedy };
}

export function quote(value: string | undefined): string {
  return stringifyJson(value ?? "");
}

/** `function_call call_id "call_9x"`, `tool_use id "toolu_1"`: the call as its own format names it. */
export function callName(item: ToolCallItem | ToolOutputItem): string {
  const idField = item.wireType === "tool_use" || item.wireType === "tool_result" ? (item.wireType === "tool_use" ? "id" : "tool_use_id") : item.wireType === "tool_calls" || item.wireType === "tool" ? "id" : "call_id";
  return `${item.wireType} ${idField} ${quote(item.callId)}`;
}

export function isCall(item: Item): item is ToolCallItem {
  return item.type === "tool_call";
}

/** Calls whose protocol wants an output item (a web search or an MCP call carries its result inline). */
export function needsOutput(item: ToolCallItem): boolean {
  return item.kind === "function" || item.kind === "custom" || item.kind === "local_shell" || item.kind === "computer";
}

/** The content index of a block from its pointer (`/messages/3/content/1` → 1). */
export function partOf(pointer: string): number | undefined {
  const match = /\/(?:content|parts)\/(\d+)$/.exec(pointer);
  return match ? Number(match[1]) : undefined;
}
