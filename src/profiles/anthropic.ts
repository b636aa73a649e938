// The Anthropic Messages endpoint (`POST /v1/messages`); Claude Code sessions are sent to it.
import { own } from "../history/index.js";
import { anthropicError, type ProviderError } from "./provider-error.js";
import type { Profile, Violation, ViolationName } from "./profile.js";

/** Anthropic's messages start with the JSON path of the offending element. */
export function anthropicMessagesError(violation: ViolationName, f: Violation): ProviderError | undefined {
  const n = f.index ?? 0;
  const m = f.part ?? 0;
  switch (violation) {
    case "call-without-output":
      return anthropicError(
        `messages.${n}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${f.callId}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    case "output-without-call":
      return anthropicError(
        `messages.${n}.content.${m}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${f.callId}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      );
    case "duplicate-tool-result":
      return anthropicError(`messages.${n}.content.${m}: each tool_use must have a single result. Found multiple \`tool_result\` blocks with id: ${f.callId}`);
    case "empty-text":
      return anthropicError("messages: text content blocks must be non-empty");
    case "whitespace-text":
      return anthropicError("messages: text content blocks must contain non-whitespace text");
    case "tool-id-pattern":
      return anthropicError(`messages.${n}.content.${m}.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
    case "tools-required":
      return anthropicError("Requests which include `tool_use` or `tool_result` blocks must define tools.");
    case "thinking-not-first":
      return anthropicError(
        `messages.${n}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${f.value}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
      );
    case "thinking-last":
      return anthropicError(`messages.${n}: The final block in an assistant message cannot be \`thinking\`.`);
    case "duplicate-call-id":
      return anthropicError(`messages.${n}.content.${m}: tool_use ids must be unique`);
    case "empty-call-id": {
      const field = f.side === "output" ? "tool_result.tool_use_id" : "tool_use.id";
      return anthropicError(f.missing ? `messages.${n}.content.${m}.${field}: Field required` : `messages.${n}.content.${m}.${field}: String should match pattern '^[a-zA-Z0-9_-]+$'`);
    }
    case "content-type-mismatch": {
      // No public text found: histlint's wording, naming the block and what the role takes (docs/provider-texts.md).
      const allowed = f.role === undefined ? undefined : own(anthropicProfile.contentTypes, f.role);
      const takes = allowed ? `the \`${f.role}\` role takes (${allowed.map((t) => `\`${t}\``).join(", ")})` : "the Messages API takes";
      return anthropicError(`messages.${n}.content.${m}.type: \`${f.value}\` is not a content block type ${takes}`);
    }
    case "empty-history":
      return anthropicError("messages: at least one message is required");
    default:
      return undefined;
  }
}

export const anthropicProfile: Profile = {
  name: "anthropic",
  api: "anthropic",
  description: "the Anthropic Messages API",
  // Claude Code sends `system` messages inside `messages` (a newer beta); plain requests use user and assistant.
  roles: ["user", "assistant", "system"],
  contentTypes: { user: ["text", "image", "document"], assistant: ["text"], system: ["text"] },
  outputPlacement: "next-user-message",
  refusedParameters: [],
  cancelText: "[Tool call interrupted: the session ended before this call's result was recorded, so its outcome is unknown. Check whether it took effect before relying on it or running it again.]",
  error: anthropicMessagesError,
};
