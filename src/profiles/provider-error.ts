// The exact answer a provider gives when it refuses a request: status and body, as PROVIDERS.md records.
import { randomUUID } from "../lazy-crypto.js";

export interface ProviderError {
  status: number;
  /** The provider's own message text, quoted in diagnostics. */
  message: string;
  /** The response body the provider sends, byte for byte what the mock server will answer. */
  body: unknown;
}

/** OpenAI (Responses and Chat Completions): `{"error":{"message","type","param","code"}}`. */
export function openAiError(message: string, param: string | null, code: string | null = null, status = 400): ProviderError {
  return { status, message, body: { error: { message, type: "invalid_request_error", param, code } } };
}

/** Anthropic Messages: `{"type":"error","error":{"type","message"},"request_id"}`. */
export function anthropicError(message: string, status = 400): ProviderError {
  return { status, message, body: { type: "error", error: { type: "invalid_request_error", message }, request_id: `req_${randomUUID().replace(/-/g, "").slice(0, 24)}` } };
}

/** OpenAI's way of listing allowed values: `'a', 'b', and 'c'` (`'a' and 'b'` for two). */
export function supportedValues(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  if (quoted.length <= 2) return quoted.join(" and ");
  return `${quoted.slice(0, -1).join(", ")}, and ${quoted[quoted.length - 1]}`;
}

/** The Gemini API (Google's RPC status): `{"error":{"code","message","status"}}`. */
export function geminiError(message: string, status = 400): ProviderError {
  const rpcStatus = status === 429 ? "RESOURCE_EXHAUSTED" : status === 503 ? "UNAVAILABLE" : status === 500 ? "INTERNAL" : status === 404 ? "NOT_FOUND" : "INVALID_ARGUMENT";
  return { status, message, body: { error: { code: status, message, status: rpcStatus } } };
}
