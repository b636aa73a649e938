// The OpenAI Responses endpoint (`POST /v1/responses`), and Codex's use of it.
import { own } from "../history/index.js";
import { openAiError, supportedValues, type ProviderError } from "./provider-error.js";
import type { Profile, Violation, ViolationName } from "./profile.js";

/** Every content part type the Responses API knows, in the order its refusal lists them (docs/provider-texts.md). */
const KNOWN_PART_TYPES = ["input_text", "input_image", "output_text", "refusal", "input_file", "computer_screenshot", "summary_text", "tether_browsing_display"];

const CALL_NAMES: Record<string, string> = { function: "function call", local_shell: "local shell call", custom: "custom tool call" };

/** Exact texts from PROVIDERS.md; `input[N]` paths name the offending element. */
export function responsesError(violation: ViolationName, f: Violation): ProviderError | undefined {
  const at = `input[${f.index ?? 0}]`;
  switch (violation) {
    case "call-without-output":
      return openAiError(`No tool output found for ${own(CALL_NAMES, f.kind ?? "function") ?? "function call"} ${f.callId}.`, "input");
    case "output-without-call":
      return openAiError(`No tool call found for function call output with call_id ${f.callId}.`, "input");
    case "role-not-allowed":
      return openAiError(`Invalid value: '${f.value}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.`, `${at}.role`, "invalid_value");
    case "foreign-key":
      return openAiError(`Unknown parameter: '${at}.${f.value}'.`, `${at}.${f.value}`, "unknown_parameter");
    case "content-type-mismatch":
      return contentTypeError(at, f);
    case "reasoning-without-following-item":
      return openAiError(`Item '${f.itemId}' of type 'reasoning' was provided without its required following item.`, "input");
    case "duplicate-item-id":
      return openAiError(`Duplicate item found with id ${f.itemId}. Remove duplicate items from your input and try again.`, "input");
    case "item-id-prefix":
      return openAiError(`Invalid '${at}.id': '${f.itemId}'. Expected an ID that begins with '${f.expectedPrefix}'.`, `${at}.id`, "invalid_value");
    case "web-search-action-invalid":
      return openAiError(`Invalid value: '${f.value}'. Supported values are: 'search', 'open_page', and 'find_in_page'.`, `${at}.action.type`, "invalid_value");
    case "unsupported-parameter":
      return openAiError(`Unsupported parameter: '${f.parameter}' is not supported with this model.`, f.parameter ?? null, "unsupported_parameter");
    case "duplicate-call-id":
      // No public text found: histlint's own wording, in the API's envelope (docs/provider-texts.md).
      return openAiError(`Invalid '${at}.call_id': '${f.callId}' is already the call_id of input[${f.earlier ?? 0}]. Each tool call needs a call_id of its own.`, `${at}.call_id`);
    case "empty-call-id":
      return f.missing
        ? openAiError(`Missing required parameter: '${at}.call_id'.`, `${at}.call_id`, "missing_required_parameter")
        : openAiError(`Invalid '${at}.call_id': empty string. Expected a string with minimum length 1, but got an empty string instead.`, `${at}.call_id`, "empty_string");
    case "empty-history":
      return openAiError("Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead.", "input", "empty_array");
    default:
      return undefined;
  }
}

/** An assistant part gets the assistant's list; a type the API does not know at all gets the list of every type. */
function contentTypeError(at: string, f: Violation): ProviderError {
  const part = `${at}.content[${f.part ?? 0}]`;
  const value = f.value ?? "";
  if (f.role === undefined || f.role === "assistant") return openAiError(`Invalid value: '${value}'. Supported values are: 'output_text' and 'refusal'.`, part, "invalid_value");
  if (!KNOWN_PART_TYPES.includes(value)) return openAiError(`Invalid value: '${value}'. Supported values are: ${supportedValues(KNOWN_PART_TYPES)}.`, `${part}.type`, "invalid_value");
  // A type the API knows, in a role that does not take it: no public text, histlint's wording.
  return openAiError(`Invalid value: '${value}'. Supported values for a ${f.role} message are: ${supportedValues(USER_PARTS)}.`, `${part}.type`, "invalid_value");
}

const USER_PARTS = ["input_text", "input_image", "input_file", "input_audio"];
const RESPONSES_CONTENT = { user: USER_PARTS, system: USER_PARTS, developer: USER_PARTS, assistant: ["output_text", "refusal"] };

export const openAiResponses: Profile = {
  name: "openai-responses",
  api: "responses",
  description: "the OpenAI Responses API",
  roles: ["user", "assistant", "system", "developer"],
  contentTypes: RESPONSES_CONTENT,
  outputPlacement: "after-call",
  refusedParameters: [],
  cancelText: "The tool call was interrupted before it returned a result.",
  error: responsesError,
};

/** The Responses endpoint as Codex uses it: reasoning models refuse `temperature`, and a cancel writes "aborted". */
export const codexProfile: Profile = {
  ...openAiResponses,
  name: "codex",
  description: "Codex's Responses endpoint",
  refusedParameters: ["temperature", "top_p"],
  cancelText: "aborted",
};
