// Sends one request body and reads the answer; retries only when asked, and says plainly why a
// target cannot be reached.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { stringifyJson } from "../read/index.js";
import { writePooled } from "./pooled-body.js";
import type { WireBody } from "./request-body.js";
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
  | { kind: "answered"; status: number; body: unknown; attempts: number; /** Bytes of the body sent (once, whatever the attempts). */ bytes: number }
  | { kind: "unreachable"; url: string; message: string; attempts: number; bytes: number };

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
  const text = stringifyJson(api === "gemini" ? rest : body);
  return sendWire(target, api, { model, *pieces() { yield text; } }, options);
}

/** Sends a body written a piece at a time (a long history's request is never one string). */
export async function sendWire(target: Target, api: WireApi, body: WireBody, options: SendOptions): Promise<Answer> {
  const url = endpointUrl(target.baseUrl, api, typeof body.model === "string" ? body.model : undefined);
  for (let attempt = 1; ; attempt += 1) {
    const sent = { bytes: 0 };
    const answer = await sendOnce(url, api, payload(body, sent), target.apiKey, options.timeoutMs, attempt);
    const retryable = answer.kind === "unreachable" || RETRYABLE.has(answer.status);
    if (!retryable || attempt > options.retries) return { ...answer, bytes: sent.bytes };
    await sleep(answer.kind === "answered" ? answer.waitMs ?? backoff(attempt) : backoff(attempt));
  }
}

/** A body: its length, known or counted first, then its pieces, written as the connection takes them. */
interface Streamed {
  length: number;
  pieces: Iterable<string>;
  sent: { bytes: number };
}

/**
 * The body of one attempt: its length and its pieces, written when the connection takes them. Every
 * body goes one way, with a Content-Length: a server refuses one past its limit from the headers (the
 * mock then holds none of it), and proxies that refuse chunked uploads take it. (Short bodies went by
 * `fetch` once: undici's buffers kept a full replay's memory 50 MB higher from its first requests on.)
 */
function payload(body: WireBody, sent: { bytes: number }): Streamed {
  // A length known beforehand spares the counting pass: the body is written once.
  if (body.length !== undefined) return { length: body.length, pieces: body.pieces(), sent };
  let length = 0;
  for (const piece of body.pieces()) length += Buffer.byteLength(piece);
  return { length, pieces: body.pieces(), sent };
}

type Attempt = (Omit<Answer & { kind: "answered" }, "bytes"> & { waitMs?: number }) | Omit<Answer & { kind: "unreachable" }, "bytes">;

async function sendOnce(url: string, api: WireApi, body: Streamed, apiKey: string | undefined, timeoutMs: number, attempt: number): Promise<Attempt> {
  let status: number;
  let raw: string;
  let answerHeaders: Headers;
  try {
    ({ status, raw, headers: answerHeaders } = await postStreamed(url, headers(api, apiKey), body, timeoutMs));
  } catch (error) {
    return { kind: "unreachable", url, message: reason(error, timeoutMs), attempts: attempt };
  }
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // a proxy's HTML page or plain text: kept as text
  }
  const waitMs = retryAfter(answerHeaders);
  return { kind: "answered", status, body: parsed, attempts: attempt, ...(waitMs !== undefined ? { waitMs } : {}) };
}

/**
 * A body, each chunk written when the connection has taken the one before (fetch would queue what an
 * iterable gives it faster than the socket drains it). Errors are shaped like fetch's, which the
 * messages below were written for. Node's global agent keeps connections alive between requests.
 */
function postStreamed(url: string, requestHeaders: Record<string, string>, body: Streamed, timeoutMs: number): Promise<{ status: number; raw: string; headers: Headers }> {
  const signal = AbortSignal.timeout(timeoutMs);
  const send = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(signal.aborted ? signal.reason : Object.assign(new TypeError("fetch failed"), { cause: error }));
    const req = send(url, { method: "POST", headers: { ...requestHeaders, "content-length": String(body.length) }, signal }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("error", fail);
      res.on("end", () => {
        const answered = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) answered.set(name, Array.isArray(value) ? value.join(", ") : value);
        resolve({ status: res.statusCode ?? 0, raw: Buffer.concat(parts).toString("utf8"), headers: answered });
      });
    });
    req.on("error", fail);
    writePooled(body.pieces, req, body.sent)
      .then(() => {
        if (req.destroyed) return;
        // A length summed from the units' texts that the text does not have would be a bug of replay's, not the target's answer.
        if (body.sent.bytes !== body.length) throw new Error(`histlint replay wrote ${body.sent.bytes} bytes of a body it announced as ${body.length}`);
        req.end();
      })
      .catch(fail);
  });
}

function reason(error: unknown, timeoutMs: number): string {
  const name = (error as Error).name;
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const known: Record<string, string> = { ECONNREFUSED: "connection refused", ENOTFOUND: "host not found", ECONNRESET: "connection reset", EAI_AGAIN: "host name lookup failed", UND_ERR_SOCKET: "connection closed" };
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
