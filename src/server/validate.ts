// Validates a request body with the rules of its endpoint's profile: the first violation, in request order,
// with the provider's own status and body. One copy of the validation logic: the linter's.
import { analyse } from "../engine/index.js";
import { adapterFor } from "../formats/index.js";
import { collectItems, type FormatName, type Item } from "../history/index.js";
import type { ProfileName, ProviderError } from "../profiles/index.js";
import { readRecords } from "../read/index.js";

export type Api = "responses" | "chat" | "anthropic";

const FORMAT: Record<Api, FormatName> = { responses: "responses", chat: "chat", anthropic: "anthropic" };

export function firstViolation(api: Api, body: Buffer, profile: ProfileName): ProviderError | undefined {
  const analysis = analyse("request.json", { buffer: body }, { inputFormat: FORMAT[api], profile }, false);
  const errors = analysis.runner?.errors;
  const first = analysis.result.messages.find((d) => errors?.has(d));
  return first ? errors?.get(first) : undefined;
}

/** The history the request carries, for the reply. */
export function requestItems(api: Api, body: Buffer): Item[] {
  const records = [...readRecords({ buffer: body })].flatMap((event) => (event.record ? [event.record] : []));
  return collectItems(adapterFor(FORMAT[api]).history(records, { report: () => undefined, bytes: body }).events);
}
