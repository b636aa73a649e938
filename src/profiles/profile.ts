// What one provider endpoint accepts and what it answers when it does not: data more than code.
import { z } from "zod";
import type { ToolKind } from "../history/index.js";
import type { ProviderError } from "./provider-error.js";

export const ProfileName = z.enum(["codex", "openai-responses", "openai-chat", "anthropic"]);
export type ProfileName = z.infer<typeof ProfileName>;

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
  | "thinking-last";

export interface Profile {
  name: ProfileName;
  /** The wire API the endpoint speaks. */
  api: "responses" | "chat" | "anthropic";
  description: string;
  roles: readonly string[];
  /** Content part (or block) types each role may carry. */
  contentTypes: Readonly<Record<string, readonly string[]>>;
  outputPlacement: OutputPlacement;
  /** Request parameters the endpoint refuses. */
  refusedParameters: readonly string[];
  /** The output text this client writes for a call it cancelled. */
  cancelText: string;
  /** The provider's answer to a violation, or undefined when this API accepts it. */
  error(violation: ViolationName, facts: Violation): ProviderError | undefined;
}
