// Sends one request body and reads the answer; retries only when asked, and says plainly why a
// target cannot be reached.
import { stringifyJson } from "../read/index.js";
import type { WireApi } from "./wire.js";

export interface Target {
  /** Base URL, with or without `/v1` (`http://127.0.0.1:8080/v1`, `https://api.anthropic.com`). */
  baseUrl: string;
  apiKey?: string;
}

export interface SendOptions {
  timeoutMs: number;
  /** How many times a request may be sent again after a 429, a 5xx or a dropped connection. */
  retries: number;
}

export type Answer =
  | { kind: "answered"; status: number; body: unknown; attempts: number }
  | { kind: "unreachable"; url: string; message: string; attempts: number };

const PATHS: Record<Exclude<WireApi, "gemini">, string> = { responses: "/responses", chat: "/chat/completions", messages: "/messages" };
const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504, 529]);
const LONGEST_WAIT_MS = 30_000;

/** Gemini names the model in the path (`/v1beta/models/{model}:generateContent`), not in the body. */
export function endpointUrl(baseUrl: string, api: WireApi, model = "gemini-2.5-flash"): string {
  const base = baseUrl.replace(/\/+$/, "");
  if (api === "gemini") return `${base.replace(/\/v1(beta)?$/, "")}/v1beta/models/${encodeURIComponent(model)}:generateContent`;
  return `${/\/v1$/.test(base) ? base : `${base}/v1`}${PATHS[api]}`;
}

function headers(api: WireApi, apiKey: string | undefined): Record<string, string> {
  const common = { "content-type": "application/json", accept: "application/json" };
  if (api === "messages") return { ...common, "anthropic-version": "2023-06-01", ...(apiKey ? { "x-api-key": apiKey } : {}) };
  if (api === "gemini") return { ...common, ...(apiKey ? { "x-goog-api-key": apiKey } : {}) };
  return { ...common, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
}

export async function sendRequest(target: Target, api: WireApi, body: unknown, options: SendOptions): Promise<Answer> {
  const { model, ...rest } = body as Record<string, unknown>;
  const url = endpointUrl(target.baseUrl, api, typeof model === "string" ? model : undefined);
  const text = stringifyJson(api === "gemini" ? rest : body);
  for (let attempt = 1; ; attempt += 1) {
    const answer = await sendOnce(url, api, text, target.apiKey, options.timeoutMs, attempt);
    const retryable = answer.kind === "unreachable" || RETRYABLE.has(answer.status);
    if (!retryable || attempt > options.retries) return answer;
    await sleep(answer.kind === "answered" ? answer.waitMs ?? backoff(attempt) : backoff(attempt));
  }
}

type Attempt = (Answer & { kind: "answered"; waitMs?: number }) | (Answer & { kind: "unreachable" });

async function sendOnce(url: string, api: WireApi, text: string, apiKey: string | undefined, timeoutMs: number, attempt: number): Promise<Attempt> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: headers(api, apiKey), body: text, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return { kind: "unreachable", url, message: reason(error, timeoutMs), attempts: attempt };
  }
  const raw = await response.text().catch(() => "");
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // a proxy's HTML page or plain text: kept as text
  }
  const waitMs = retryAfter(response.headers);
  return { kind: "answered", status: response.status, body, attempts: attempt, ...(waitMs !== undefined ? { waitMs } : {}) };
}

function reason(error: unknown, timeoutMs: number): string {
  const name = (error as Error).name;
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const known: Record<string, string> = { ECONNREFUSED: "connection refused", ENOTFOUND: "host not found", ECONNRESET: "connection reset", EAI_AGAIN: "host name lookup failed", UND_ERR_SOCKET: "connection closed" };
  // fetch refuses the Fetch standard's "bad ports" (1, 25, 6000, …) before connecting, and says only "bad port".
  if (cause?.message === "bad port") return "fetch will not connect to this port (it is on the Fetch standard's list of blocked ports, such as 1, 25 and 6000): use another port";
  return (cause?.code && Object.hasOwn(known, cause.code) ? known[cause.code] : undefined) ?? cause?.message ?? (error as Error).message;
}

/** `retry-after-ms`, then `retry-after` in seconds, as the SDKs read them; never more than 30 s. */
function retryAfter(headers: Headers): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? NaN);
  const seconds = Number(headers.get("retry-after") ?? NaN);
  const wait = Number.isFinite(ms) ? ms : Number.isFinite(seconds) ? seconds * 1000 : undefined;
  return wait === undefined ? undefined : Math.min(Math.max(wait, 0), LONGEST_WAIT_MS);
}

const backoff = (attempt: number) => Math.min(500 * 2 ** (attempt - 1), 8000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
