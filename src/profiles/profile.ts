// What one provider endpoint accepts and what it answers when it does not: data more than code.
import type { ToolKind } from "../history/index.js";
import type { ProviderError } from "./provider-error.js";

/** The endpoints, as plain data (the zod schema `ProfileName` is in schema.ts, for the library). */
export const PROFILE_NAMES = ["codex", "openai-responses", "openai-chat", "anthropic", "gemini"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Where an API wants a tool's output to stand. */
export type OutputPlacement =
  /** Responses: anywhere after its call. */
  | "after-call"
  /** Chat: in the tool messages right after the assistant message that made the call. */
  | "tool-messages-after"
  /** Anthropic: a leading `tool_result` block of the very next (user) message. */
  | "next-user-message";

/** The facts a violation's error text needs; each API words them its own way. */
export interface Violation {
  /** Index of the offending element in the request's `input`/`messages` array. */
  index?: number;
  /** Index of the content part or block inside that element. */
  part?: number;
  callId?: string;
  kind?: ToolKind;
  itemId?: string;
  value?: string;
  expectedPrefix?: string;
  parameter?: string;
  /** The role of the message the violation is in (a part type is refused per role). */
  role?: string;
  /** Index of the earlier element the offending one repeats (a duplicate id). */
  earlier?: number;
  /** Which side of a pairing the offending id is on: the call's own id, or the output's reference to it. */
  side?: "call" | "output";
  /** The value is absent rather than empty. */
  missing?: boolean;
}

/**
 * Where an item stands in the request, as the APIs count: the index of the wire message that holds
 * it in `messages` (Chat, Anthropic: one message holds several items), else its own index in `input`.
 * Every `messages.N` / `input[N]` a profile writes comes from this, never from the item's own place in
 * the history (a message with text and two tool_use blocks is three items but one message).
 */
export function requestIndex(item: { message?: number | undefined }, position: { index: number }): number {
  return item.message ?? position.index;
}

/** The block's index inside its message, from its pointer (`/messages/3/content/1`, `/messages/2/tool_calls/0` → 1, 0). */
export function blockIndex(pointer: string): number | undefined {
  const match = /\/(?:content|tool_calls|parts)\/(\d+)$/.exec(pointer);
  return match ? Number(match[1]) : undefined;
}

/** Every refusal histlint knows the exact text of; a profile answers the ones its API has. */
export type ViolationName =
  | "call-without-output"
  | "output-without-call"
  | "role-not-allowed"
  | "foreign-key"
  | "content-type-mismatch"
  | "reasoning-without-following-item"
  | "duplicate-item-id"
  | "item-id-prefix"
  | "web-search-action-invalid"
  | "unsupported-parameter"
  | "duplicate-tool-result"
  | "empty-text"
  | "whitespace-text"
  | "tool-id-pattern"
  | "tools-required"
  | "thinking-not-first"
  | "thinking-last"
  | "duplicate-call-id"
  | "empty-call-id"
  | "empty-history"
  | "output-not-after-call"
  | "surplus-output"
  | "call-turn-misplaced"
  | "missing-thought-signature";

export interface Profile {
  name: ProfileName;
  /** The wire API the endpoint speaks. */
  api: "responses" | "chat" | "anthropic" | "gemini";
  description: string;
  roles: readonly string[];
  /** Content part (or block) types each role may carry. */
  contentTypes: Readonly<Record<string, readonly string[]>>;
  outputPlacement: OutputPlacement;
  /** Request parameters the endpoint refuses. */
  refusedParameters: readonly string[];
  /**
   * Roles a history of another format may hold that a move to this endpoint translates (Gemini's
   * `assistant` becomes `model`); checked literally only on the endpoint's own wire format.
   */
  translatedRoles?: readonly string[];
  /** The output text this client writes for a call it cancelled. */
  cancelText: string;
  /** The provider's answer to a violation, or undefined when this API accepts it. */
  error(violation: ViolationName, facts: Violation): ProviderError | undefined;
}
