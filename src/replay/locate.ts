// Points a provider's refusal at the line of the history it is about: the array index the error
// names (`input[3]`, `messages.3.content`), else the last element holding an id the message quotes.
import { stringifyJson } from "../read/index.js";
import type { Item } from "../history/index.js";
import type { WireUnit } from "./wire.js";

export interface Refusal {
  message: string;
  type?: string;
  code?: string;
  param?: string;
}

/** The error of an OpenAI or Anthropic error body, or the body's text when it has another shape. */
export function refusalOf(body: unknown): Refusal {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === "object" && error !== null) {
    const { message, type, code, param } = error as Record<string, unknown>;
    return {
      message: typeof message === "string" ? message : stringifyJson(error),
      ...(typeof type === "string" ? { type } : {}),
      ...(typeof code === "string" ? { code } : {}),
      ...(typeof param === "string" ? { param } : {}),
    };
  }
  const text = typeof body === "string" ? body : stringifyJson(body);
  return { message: text.length > 300 ? `${text.slice(0, 300)}…` : text };
}

const INDEX_PATTERNS = [/(?:input|messages)\.?\[(\d+)\]/, /messages\.(\d+)/];

/** The array index a refusal names (`input[3]`, `messages.3.content`), or undefined when it names none. */
export function refusalIndex(refusal: Refusal): number | undefined {
  for (const text of [refusal.param, refusal.message]) {
    for (const pattern of INDEX_PATTERNS) {
      const match = text === undefined ? null : pattern.exec(text);
      if (match) return Number(match[1]);
    }
  }
  return undefined;
}

/** The ids a refusal quotes, and which items it can be about. */
export interface QuotedIds {
  words: ReadonlySet<string>;
  /** Whether the item holds a quoted id, of the kind the message is about. */
  about(item: Item): boolean;
}

/**
 * The call that has no output, the output that has no call, else any item quoting an id (a late
 * tool message, a second copy): the last unit holding one is the one refused.
 */
export function quotedIds(refusal: Refusal): QuotedIds {
  const words = new Set(refusal.message.match(/[A-Za-z0-9_-]{4,}/g) ?? []);
  const kind = /no tool call found/i.test(refusal.message) ? "tool_output" : /no tool output found/i.test(refusal.message) ? "tool_call" : undefined;
  const quotes = (item: Item) => (item.id !== undefined && words.has(item.id)) || ("callId" in item && item.callId !== undefined && words.has(item.callId));
  return { words, about: (item) => quotes(item) && (kind === undefined || item.type === kind) };
}

/** The unit the refusal is about, or undefined when nothing in it says. */
export function refusedUnit(refusal: Refusal, units: readonly WireUnit[]): WireUnit | undefined {
  const index = refusalIndex(refusal);
  if (index !== undefined) return units[index];
  const quoted = quotedIds(refusal);
  return [...units].reverse().find((unit) => unit.items.some(quoted.about));
}
