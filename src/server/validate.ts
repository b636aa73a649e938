// Validates a request body with the rules of its endpoint's profile, in one pass that also yields the
// history the reply is made from. One copy of the validation logic: the linter's.
import { analyse } from "../engine/index.js";
import type { FormatName, Item } from "../history/index.js";
import type { Diagnostic, DocumentFindings, LiveDocument } from "../engine/index.js";
import { anthropicError, geminiError, openAiError, type ProfileName, type ProviderError } from "../profiles/index.js";
import type { RawRecord } from "../read/index.js";

export type Api = "responses" | "chat" | "anthropic" | "gemini";

export const FORMAT: Record<Api, FormatName> = { responses: "responses", chat: "chat", anthropic: "anthropic", gemini: "gemini" };

export type Inspection =
  | { kind: "unparsable" }
  /** The first violation in request order, with the provider's own answer to it. */
  | { kind: "refused"; body: Record<string, unknown>; error: ProviderError }
  | { kind: "accepted"; body: Record<string, unknown>; items: Item[] };

export function inspect(api: Api, bytes: Buffer, profile: ProfileName): Inspection {
  return inspectOpen(api, bytes, profile, false).inspection;
}

/** The inspection, and with `live` the body's analysis left open for a longer body that repeats it, with the body's record (see prefix-cache). */
export function inspectOpen(api: Api, bytes: Buffer, profile: ProfileName, live: boolean): { inspection: Inspection; live?: LiveDocument; record?: RawRecord } {
  const analysis = analyse("request.json", { buffer: bytes }, { inputFormat: FORMAT[api], profile }, { records: true, items: true, positions: false, live });
  const value = analysis.records.length === 1 ? analysis.records[0]?.value : undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value) || analysis.result.messages.some((d) => d.ruleId === "invalid-json" || d.ruleId === "truncated-record")) {
    return { inspection: { kind: "unparsable" } };
  }
  const findings = { value: value as Record<string, unknown>, messages: analysis.result.messages, errors: analysis.runner?.errors ?? new Map(), items: analysis.items ?? [] };
  return { inspection: inspectionOf(api, findings), ...(analysis.live ? { live: analysis.live, record: analysis.records[0] as RawRecord } : {}) };
}

/** What the endpoint answers a parsed body with these findings. */
export function inspectionOf(api: Api, { value: body, messages, errors, items }: DocumentFindings): Inspection {
  // Refused: what the API answers (a provider text, even on a rule that only warns), or what lint calls an error.
  const refusing = messages.filter((d) => errors.has(d) || d.severity === "error");
  // Without positions every element sits at 1:1, so request order is the pointers' order.
  const first = refusing.reduce<Diagnostic | undefined>((best, d) => (best === undefined || comparePointers(d.pointer, best.pointer) < 0 ? d : best), undefined);
  if (!first) return { kind: "accepted", body, items };
  return { kind: "refused", body, error: errors.get(first) ?? invalidRequest(api, first) };
}

/** Document order of two JSON pointers (`/messages/2/content/10` after `/messages/2/content/9`); none sorts first. */
function comparePointers(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const left = a.split("/");
  const right = b.split("/");
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    if (x === y) continue;
    return /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * An error lint finds but no provider text is recorded for: still refused, as an `invalid_request_error` in the
 * API's envelope that names the problem and the rule, so lint and the mock never disagree.
 */
function invalidRequest(api: Api, diagnostic: Diagnostic): ProviderError {
  const message = `${diagnostic.message} [histlint ${diagnostic.ruleId}]`;
  if (api === "gemini") return geminiError(message);
  return api === "anthropic" ? anthropicError(message) : openAiError(message, diagnostic.pointer ? pointerParam(api, diagnostic.pointer) : null);
}

/** `/input/3/content/0` → `input[3].content[0]`, as OpenAI names parameters. */
function pointerParam(api: Api, pointer: string): string {
  return pointer.replace(/^\//, "").replace(/\/(\d+)/g, "[$1]").replace(/\//g, ".") || (api === "chat" ? "messages" : "input");
}
