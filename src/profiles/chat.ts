// The OpenAI Chat Completions endpoint (`POST /v1/chat/completions`).
import { openAiError, type ProviderError } from "./provider-error.js";
import type { Profile, Violation, ViolationName } from "./profile.js";

export function chatError(violation: ViolationName, f: Violation): ProviderError | undefined {
  const param = `messages.[${f.index ?? 0}].role`;
  switch (violation) {
    case "call-without-output":
      return openAiError(
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${f.callId}`,
        param,
      );
    case "output-without-call":
      return openAiError("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", param);
    default:
      return undefined;
  }
}

const PARTS = ["text", "image_url", "input_audio", "file"];

export const openAiChat: Profile = {
  name: "openai-chat",
  api: "chat",
  description: "OpenAI Chat Completions",
  roles: ["system", "developer", "user", "assistant", "tool", "function"],
  contentTypes: { system: ["text"], developer: ["text"], user: PARTS, assistant: ["text", "refusal"] },
  outputPlacement: "tool-messages-after",
  refusedParameters: [],
  cancelText: "The tool call was interrupted before it returned a result.",
  error: chatError,
};
