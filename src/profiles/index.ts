// The profiles layer: one profile per endpoint a history is sent to.
import type { FormatName } from "../history/index.js";
import { anthropicProfile } from "./anthropic.js";
import { openAiChat } from "./chat.js";
import { geminiProfile } from "./gemini.js";
import type { Profile, ProfileName } from "./profile.js";
import { codexProfile, openAiResponses } from "./responses.js";

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  codex: codexProfile,
  "openai-responses": openAiResponses,
  "openai-chat": openAiChat,
  anthropic: anthropicProfile,
  gemini: geminiProfile,
};

/** The endpoint each format is sent to when no profile is named. */
export const DEFAULT_PROFILE: Readonly<Record<FormatName, ProfileName>> = {
  codex: "codex",
  "claude-code": "anthropic",
  responses: "openai-responses",
  chat: "openai-chat",
  anthropic: "anthropic",
  "openai-agents-state": "openai-responses",
  gemini: "gemini",
  "gemini-cli": "gemini",
};

export * from "./profile.js";
export * from "./provider-error.js";
export { codexProfile, openAiResponses, openAiChat, anthropicProfile, geminiProfile };
export * from "./tokens.js";
