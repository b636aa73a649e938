// Faults real clients must survive: provider error answers, and streams that go wrong in the ways relays make them.
import { anthropicError, geminiError, openAiError, type ProviderError } from "../profiles/index.js";
import { Fault } from "./scenario.js";
import type { Frame } from "./sse.js";
import type { Api } from "./validate.js";

const FAULT_NAMES = "429[:seconds], 500, 503, 529, context-length, first-event[:name], empty-output, incomplete, failed, error-event[:n], cut[:n], delay[:ms], reasoning-only, or a JSON fault";

/**
 * A fault named in the `x-histlint-fault` header: JSON, or a short name (`429`, `cut:3`, `delay:50`, …). Either is
 * checked with the scenario's `Fault` schema, so a header cannot ask for what a scenario file may not (a negative
 * cut, a delay past what a timer holds); the error names the fault and its range.
 */
export function parseFaultHeader(value: string): Fault {
  const parsed = Fault.safeParse(faultOf(value));
  if (!parsed.success) throw new Error(`"${value}": ${(parsed.error.issues[0] as { message: string }).message}`);
  return parsed.data;
}

function faultOf(value: string): unknown {
  if (value.trim().startsWith("{")) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new Error(`"${value}": not valid JSON; use ${FAULT_NAMES}`);
    }
  }
  const colon = value.indexOf(":");
  const name = colon === -1 ? value : value.slice(0, colon);
  const argument = colon === -1 ? undefined : value.slice(colon + 1);
  // An argument that is not a plain decimal number (`abc`, `0x10`, empty) is refused, not read as 0 or a default.
  const n = argument === undefined ? undefined : /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(argument.trim()) ? Number(argument) : Number.NaN;
  switch (name) {
    case "429":
    case "500":
    case "503":
    case "529":
      return { status: Number(name), ...(name === "429" && n !== undefined ? { retryAfter: n } : {}) };
    case "context-length":
      return { contextLengthExceeded: true };
    case "first-event":
      return { firstEvent: argument ?? "codex.rate_limits" };
    case "empty-output":
      return { emptyCompletedOutput: true };
    case "incomplete":
    case "failed":
      return { terminal: name };
    case "error-event":
      return { errorEventAfter: n ?? 2 };
    case "cut":
      return { cutAfterEvents: n ?? 2 };
    case "delay":
      return { delayMs: n ?? 50 };
    case "reasoning-only":
      return { reasoningOnly: true };
    default:
      throw new Error(`unknown fault "${value}": use ${FAULT_NAMES}`);
  }
}

function waitText(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)}ms` : `${Number(seconds.toFixed(3))}s`;
}

/** The answer a status fault gets, with the headers that go with it. */
export function statusAnswer(api: Api, fault: Fault): { error: ProviderError; headers: Record<string, string> } | undefined {
  if (!fault.status) return undefined;
  const headers: Record<string, string> = {};
  if (fault.status === 429) {
    const seconds = fault.retryAfter ?? 1;
    headers["retry-after"] = String(Math.ceil(seconds));
    headers["retry-after-ms"] = String(Math.round(seconds * 1000));
  }
  if (api === "gemini") return { error: geminiStatusError(fault.status), headers };
  if (api === "anthropic") {
    const kinds: Record<number, [string, string]> = { 429: ["rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"], 500: ["api_error", "Internal server error"], 503: ["api_error", "Service unavailable"], 529: ["overloaded_error", "Overloaded"] };
    const [type, message] = kinds[fault.status] as [string, string];
    const base = anthropicError(message, fault.status);
    return { error: { ...base, body: { ...(base.body as object), error: { type, message } } }, headers };
  }
  const texts: Record<number, [string, string | null]> = {
    // The wait the text names is the one the headers give, as OpenAI's own 429s say it ("1.5s", "20ms").
    429: [`Rate limit reached for requests. Please try again in ${waitText(fault.retryAfter ?? 1)}.`, "rate_limit_exceeded"],
    500: ["The server had an error while processing your request. Sorry about that!", null],
    503: ["The engine is currently overloaded, please try again later.", null],
    529: ["The engine is currently overloaded, please try again later.", null],
  };
  const [message, code] = texts[fault.status] as [string, string | null];
  const error = openAiError(message, null, code, fault.status);
  return { error: { ...error, body: { error: { ...(error.body as { error: object }).error, type: fault.status === 429 ? "requests" : "server_error" } } }, headers };
}

/** `context_length_exceeded`, with token counts as the provider reports them, from the request's size. */
export function contextLengthError(api: Api, bodyBytes: number): ProviderError {
  const tokens = Math.max(200_001, Math.ceil(bodyBytes / 4));
  if (api === "gemini") return geminiError(`The input token count (${Math.max(1_048_577, tokens)}) exceeds the maximum number of tokens allowed (1048576).`);
  if (api === "anthropic") return anthropicError(`prompt is too long: ${tokens} tokens > 200000 maximum`);
  if (api === "chat") {
    return openAiError(`This model's maximum context length is 128000 tokens. However, your messages resulted in ${tokens} tokens (${tokens - 101} in the messages, 101 in the functions). Please reduce the length of the messages or functions.`, "messages", "context_length_exceeded");
  }
  return openAiError("Your input exceeds the context window of this model. Please adjust your input and try again.", "input", "context_length_exceeded");
}

/** A Responses stream bent by a fault: a foreign first frame, an empty completed output, another ending, an error event. */
export function bendResponseFrames(frames: Frame[], fault: Fault): Frame[] {
  let out = frames.map((frame) => ({ ...frame }));
  const renumber = (list: Frame[]) => list.map((frame, i) => ({ ...frame, data: { ...(frame.data as object), sequence_number: i } }));
  if (fault.emptyCompletedOutput || fault.terminal) {
    const last = out[out.length - 1] as Frame;
    const response = { ...((last.data as { response: Record<string, unknown> }).response) };
    if (fault.emptyCompletedOutput) response.output = [];
    let type = "response.completed";
    if (fault.terminal === "incomplete") {
      type = "response.incomplete";
      Object.assign(response, { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
    } else if (fault.terminal === "failed") {
      type = "response.failed";
      Object.assign(response, { status: "failed", error: { code: "server_error", message: "The model failed to generate a response." } });
    }
    out[out.length - 1] = { event: type, data: { type, sequence_number: 0, response } };
  }
  if (fault.errorEventAfter !== undefined) {
    const error = { type: "error", code: "server_error", message: "The server had an error while processing your request. Sorry about that!", param: null, sequence_number: 0 };
    out = [...out.slice(0, fault.errorEventAfter), { event: "error", data: error }];
  }
  if (fault.firstEvent) {
    const data = fault.firstEvent === "codex.rate_limits" ? { type: "codex.rate_limits", primary: { used_percent: 12.5, window_minutes: 300 } } : { type: fault.firstEvent };
    out = [{ event: fault.firstEvent, data }, ...out];
  }
  return renumber(out);
}

/** Gemini's answers to overload and quota (docs/provider-texts.md); 529 is Anthropic's, sent as Gemini's 503. */
function geminiStatusError(status: number): ProviderError {
  if (status === 429) return geminiError("Resource has been exhausted (e.g. check quota).", 429);
  if (status === 500) return geminiError("An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", 500);
  return geminiError("The model is overloaded. Please try again later.", 503);
}
