// What replay sends: the wire APIs, and a history cut into the elements of a request's array.
import type { FormatName, Item } from "../history/index.js";
import type { ProfileName } from "../profiles/index.js";

/** The wire APIs a request can go to. */
export type WireApi = "responses" | "chat" | "messages" | "gemini";

export const WIRE_APIS: readonly WireApi[] = ["responses", "chat", "messages", "gemini"];

/**
 * One element of the request's array (`input` or `messages`) with the items it carries, where in the
 * file it came from, and whether the model wrote it (a request is cut before each run of those).
 */
export interface WireUnit {
  value: unknown;
  items: Item[];
  line: number;
  column: number;
  modelOutput: boolean;
  /** Put there by replay (a client's own repair, the resume message), not read from the file. */
  synthetic?: string;
}

/** The API a format's requests go to when nothing is translated. */
export const NATIVE_API: Record<FormatName, WireApi> = {
  codex: "responses",
  responses: "responses",
  chat: "chat",
  anthropic: "messages",
  "claude-code": "messages",
  "openai-agents-state": "responses",
  gemini: "gemini",
  "gemini-cli": "gemini",
};

/** The profile an embedded mock validates an API with, for a history of `format` sent there. */
export function profileFor(api: WireApi, format: FormatName): ProfileName {
  if (api === "chat") return "openai-chat";
  if (api === "messages") return "anthropic";
  if (api === "gemini") return "gemini";
  return format === "codex" ? "codex" : "openai-responses";
}

/** The key of the body that holds the conversation. */
export function arrayKey(api: WireApi): "input" | "messages" | "contents" {
  return api === "responses" ? "input" : api === "gemini" ? "contents" : "messages";
}

/** An item the model wrote: text or calls of the assistant, reasoning. */
export function isModelOutput(item: Item): boolean {
  return item.type === "tool_call" || item.type === "reasoning" || (item.type === "message" && item.role === "assistant");
}
