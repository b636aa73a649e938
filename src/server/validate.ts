// Validates a request body with the rules of its endpoint's profile, in one pass that also yields the
// history the reply is made from. One copy of the validation logic: the linter's.
import { analyse } from "../engine/index.js";
import type { FormatName, Item } from "../history/index.js";
import type { ProfileName, ProviderError } from "../profiles/index.js";

export type Api = "responses" | "chat" | "anthropic";

const FORMAT: Record<Api, FormatName> = { responses: "responses", chat: "chat", anthropic: "anthropic" };

export type Inspection =
  | { kind: "unparsable" }
  /** The first violation in request order, with the provider's own answer to it. */
  | { kind: "refused"; body: Record<string, unknown>; error: ProviderError }
  | { kind: "accepted"; body: Record<string, unknown>; items: Item[] };

export function inspect(api: Api, bytes: Buffer, profile: ProfileName): Inspection {
  const analysis = analyse("request.json", { buffer: bytes }, { inputFormat: FORMAT[api], profile }, { records: true, items: true, positions: false });
  const value = analysis.records.length === 1 ? analysis.records[0]?.value : undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value) || analysis.result.messages.some((d) => d.ruleId === "invalid-json" || d.ruleId === "truncated-record")) {
    return { kind: "unparsable" };
  }
  const body = value as Record<string, unknown>;
  const errors = analysis.runner?.errors;
  const first = analysis.result.messages.find((d) => errors?.has(d));
  const error = first ? errors?.get(first) : undefined;
  return error ? { kind: "refused", body, error } : { kind: "accepted", body, items: analysis.items ?? [] };
}
