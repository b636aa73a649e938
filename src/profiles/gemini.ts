// The Gemini API (`POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent`); Gemini CLI sends to it.
import { geminiError, type ProviderError } from "./provider-error.js";
import type { Profile, Violation, ViolationName } from "./profile.js";

const COUNT = "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
const RESPONSE_AFTER_CALL = "Please ensure that function response turn comes immediately after a function call turn.";
const CALL_AFTER_USER = "Please ensure that function call turn comes immediately after a user turn or after a function response turn.";

/**
 * Gemini's messages name no index, except the parts check (`contents[N].parts`) and the thought signature
 * (`position N`, the 1-based place of the content in `contents`). Sources: ../shared/PROVIDERS.md and
 * docs/provider-texts.md.
 */
export function geminiApiError(violation: ViolationName, f: Violation): ProviderError | undefined {
  switch (violation) {
    case "call-without-output":
    case "surplus-output":
    case "duplicate-tool-result":
      return geminiError(COUNT);
    case "output-without-call":
    case "output-not-after-call":
      return geminiError(RESPONSE_AFTER_CALL);
    case "call-turn-misplaced":
      return geminiError(CALL_AFTER_USER);
    case "role-not-allowed":
      return geminiError("Please use a valid role: user, model.");
    case "empty-text":
      // Only a content with no parts at all: an empty text part is not reported refused by anyone.
      return f.part === undefined ? geminiError(`* GenerateContentRequest.contents[${f.index ?? 0}].parts: contents.parts must not be empty.\n`) : undefined;
    case "missing-thought-signature":
      return geminiError(
        `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${f.value}\` , position ${(f.index ?? 0) + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
      );
    case "empty-history":
      return geminiError("* GenerateContentRequest.contents: contents is not specified\n");
    default:
      return undefined;
  }
}

export const geminiProfile: Profile = {
  name: "gemini",
  api: "gemini",
  description: "the Gemini API",
  roles: ["user", "model"],
  translatedRoles: ["assistant", "system", "developer"],
  contentTypes: {},
  outputPlacement: "next-user-message",
  refusedParameters: [],
  // What Gemini CLI records as the result of a call the user cancelled.
  cancelText: "[Operation Cancelled] User cancelled tool execution.",
  error: geminiApiError,
};
