// How Gemini CLI 0.61 loads a session file (`loadConversationRecord`): a log of records replayed into the
// list of messages, or (before 0.60) one JSON document. What it keeps, and why a file does not load.
import { isObject, stringField, type JsonObject } from "../formats/json-shape.js";
import type { RawRecord } from "../read/index.js";

/** A message record of the session as the CLI holds it after the replay, and where it was read from. */
export interface SessionMessage {
  value: JsonObject;
  record: RawRecord;
  /** Pointer of the message inside its record (`""`, `/$set/messages/3`, `/messages/3`). */
  pointer: string;
}

export interface LoadedSession {
  messages: SessionMessage[];
  /** Why the CLI will not load the file as a session (its retention then deletes it), or undefined. */
  unloadable?: string;
  /** A `$rewindTo` naming no message: the CLI clears the whole history without a word. */
  unknownRewinds: RawRecord[];
  /** Record ids written again: the later record replaces the earlier in place. */
  updates: RawRecord[];
}

const isMessage = (value: JsonObject) => typeof value.id === "string";
const isRewind = (value: JsonObject) => typeof value.$rewindTo === "string";
const isSet = (value: JsonObject) => isObject(value.$set);
const isHeader = (value: JsonObject) => typeof value.sessionId === "string" && typeof value.projectHash === "string";

/**
 * The replay of 0.61: a message record is keyed by `id` (a later one with the same id replaces it where it
 * stands), `$set.messages` replaces the whole list, `$rewindTo` drops the named message and all after it (all
 * of them when it names none), a header may carry `messages` (the legacy document). A line that does not parse
 * is skipped by the caller, as the CLI skips it. No `sessionId` and `projectHash` at all: not a session.
 */
export function loadSession(records: readonly RawRecord[]): LoadedSession {
  const messages = new Map<string, SessionMessage>();
  const loaded: LoadedSession = { messages: [], unknownRewinds: [], updates: [] };
  let sessionId: unknown;
  let projectHash: unknown;
  const take = (list: unknown[], record: RawRecord, base: string) => {
    list.forEach((message, k) => {
      if (isObject(message) && isMessage(message)) messages.set(message.id as string, { value: message, record, pointer: `${base}/${k}` });
    });
  };
  for (const record of records) {
    const value = record.value;
    if (!isObject(value)) continue;
    if (isRewind(value)) {
      const ids = [...messages.keys()];
      const at = ids.indexOf(value.$rewindTo as string);
      if (at === -1) loaded.unknownRewinds.push(record);
      for (const id of at === -1 ? ids : ids.slice(at)) messages.delete(id);
    } else if (isMessage(value)) {
      if (messages.has(value.id as string)) loaded.updates.push(record);
      messages.set(value.id as string, { value, record, pointer: "" });
    } else if (isSet(value)) {
      const set = value.$set as JsonObject;
      if (Array.isArray(set.messages)) {
        messages.clear();
        take(set.messages, record, "/$set/messages");
      }
      sessionId = set.sessionId ?? sessionId;
      projectHash = set.projectHash ?? projectHash;
    } else if (isHeader(value)) {
      sessionId = value.sessionId;
      projectHash = value.projectHash;
      if (Array.isArray(value.messages)) take(value.messages, record, "/messages");
    }
  }
  loaded.messages = [...messages.values()];
  // Measured: a session left with no message (an empty `$set.messages`, a rewind naming none) still resumes, empty.
  if (typeof sessionId !== "string" || typeof projectHash !== "string") loaded.unloadable = "no record gives the session's sessionId and projectHash";
  return loaded;
}

/** User text the CLI does not send back: empty, a slash or `?` command, its own injected context. */
export function isIgnoredUserText(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length === 0 || trimmed.startsWith("/") || trimmed.startsWith("?") || trimmed.startsWith("<session_context>") || trimmed.startsWith("<hook_context>");
}

/** `partListUnionToString`: a content as the CLI flattens it, non-text parts named (`[Function Response: ls]`). */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map(contentText).join("");
  if (!isObject(content)) return "";
  const named: [string, (part: JsonObject) => string][] = [
    ["videoMetadata", () => "[Video Metadata]"],
    ["thought", (part) => `[Thought: ${String(part.thought)}]`],
    ["codeExecutionResult", () => "[Code Execution Result]"],
    ["executableCode", () => "[Executable Code]"],
    ["fileData", () => "[File Data]"],
    ["functionCall", (part) => `[Function Call: ${String((part.functionCall as JsonObject | undefined)?.name)}]`],
    ["functionResponse", (part) => `[Function Response: ${String((part.functionResponse as JsonObject | undefined)?.name)}]`],
    ["inlineData", () => "[Media]"],
  ];
  const found = named.find(([key]) => content[key] !== undefined);
  return found ? found[1](content) : typeof content.text === "string" ? content.text : "";
}

/** A message the CLI counts as conversation (`isResumableMessageRecord`). */
export function resumable(message: SessionMessage): boolean {
  const value = message.value;
  const text = value.content === undefined ? "" : contentText(value.content);
  if (value.type === "user") return !isIgnoredUserText(text);
  if (value.type === "gemini") return text.trim().length > 0 || (Array.isArray(value.toolCalls) && value.toolCalls.length > 0) || (Array.isArray(value.thoughts) && value.thoughts.length > 0);
  return false;
}

export const messageType = (message: SessionMessage) => stringField(message.value, "type");
