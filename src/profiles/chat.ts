// The OpenAI Chat Completions endpoint (`POST /v1/chat/completions`).
import { openAiError, supportedValues, type ProviderError } from "./provider-error.js";
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
    case "duplicate-call-id":
      // Chat names the two tool messages that answer one id; for the calls themselves no public text was found.
      return f.side === "output"
        ? openAiError(`Invalid parameter: Duplicate value for 'tool_call_id' of '${f.callId}', in messages[${f.earlier ?? 0}] and messages[${f.index ?? 0}].`, `messages.[${f.index ?? 0}].tool_call_id`)
        : openAiError(`Invalid '${callPath(f)}': '${f.callId}' is already the id of a tool call in messages[${f.earlier ?? 0}]. Each tool call needs an id of its own.`, callPath(f));
    case "empty-call-id": {
      const path = f.side === "output" ? `messages[${f.index ?? 0}].tool_call_id` : callPath(f);
      return f.missing
        ? openAiError(`Missing required parameter: '${path}'.`, path, "missing_required_parameter")
        : openAiError(`Invalid '${path}': empty string. Expected a string with minimum length 1, but got an empty string instead.`, path, "empty_string");
    }
    case "content-type-mismatch": {
      const allowed = openAiChat.contentTypes[f.role ?? "user"] ?? PARTS;
      return openAiError(`Invalid value: '${f.value}'. Supported values for a ${f.role ?? "user"} message are: ${supportedValues(allowed)}.`, `messages[${f.index ?? 0}].content[${f.part ?? 0}].type`, "invalid_value");
    }
    case "empty-history":
      return openAiError("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array");
    default:
      return undefined;
  }
}

/** `messages[N].tool_calls[M].id`: a call's id as OpenAI's validation names it. */
function callPath(f: Violation): string {
  return `messages[${f.index ?? 0}].tool_calls[${f.part ?? 0}].id`;
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
