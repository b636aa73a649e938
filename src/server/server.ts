// The mock provider: a real HTTP server speaking the Responses, Chat Completions and Anthropic Messages APIs.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { anthropicError, openAiError, type ProfileName, type ProviderError } from "../profiles/index.js";
import { anthropicFrames, anthropicMessage } from "./anthropic-api.js";
import { chatCompletion, chatFrames } from "./chat-api.js";
import { bendResponseFrames, contextLengthError, parseFaultHeader, statusAnswer } from "./faults.js";
import { geminiRoute, handleGemini } from "./gemini-api.js";
import { hostAllowed, hostRefusalMessage, type HostRule } from "./host-rule.js";
import { Recorded, Recorder, redactHeaders, type RecordedRequest, type RequestBase } from "./recording.js";
import { BodyBuffers, readBody, sendJson } from "./http-body.js";
import { requestPathname } from "./request-path.js";
import { defaultReply, type OfferedTool, type Reply } from "./reply.js";
import { shapeRefusal } from "./request-shape.js";
import { responseFrames, responseObject, responsesOutput } from "./responses-api.js";
import { checkScenario, loadScenario, replyOf, ScenarioPlayer, type Fault, type Scenario } from "./scenario.js";
import { sendFrames, type Frame } from "./sse.js";
import { InspectionCache } from "./inspection-cache.js";
import type { Api } from "./validate.js";

export interface MockServerOptions {
  /** The profile the Responses endpoint validates with: `openai-responses` (default) or `codex`. */
  profile?: Extract<ProfileName, "openai-responses" | "codex">;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Largest request body, in bytes; larger ones get 413 (default 50 MB). */
  maxBody?: number;
  /** Append every request to this JSONL file as well (created with mode 0600, credentials redacted). */
  record?: string;
  /** Scripted replies and faults: a scenario, or the path of a scenario file. */
  scenario?: Scenario | string;
  /** How many of the latest requests `requests` keeps (default 1000); --record keeps every one. */
  maxRecorded?: number;
  /** How many bytes of requests `requests` keeps, bodies and headers together (default 64 MB); a larger body is kept as its size. */
  maxRecordedBytes?: number;
  /** `Host` names answered besides loopback and the listening address (`name` or `name:port`; `*` for any). */
  allowedHosts?: readonly string[];
  /** How much memory the answers to bodies already validated may take, so a resent body is not validated again (default 4 MB, and 8 times as much for the conversations they continue; 0: none). */
  validationCacheBytes?: number;
  /** The smallest body continued from an earlier one it extends (the default skips small ones; tests set 0). */
  continueFrom?: number;
}

export type { RecordedRequest } from "./recording.js";

export interface MockServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Node's own default, stated so that `--max-http-header-size` cannot move it: larger headers get 431. */
const MAX_HEADER_BYTES = 16 * 1024;
const OPENAI_UNPARSABLE =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

const ANTHROPIC_UNPARSABLE = "There was an issue with the formatting or content of your request. The request body is not valid JSON.";

/**
 * A body sent as a form or as text is not read as JSON by the APIs, so it gets the unparsable-body answer.
 * No content type at all is let through: the body decides, as it does for the clients that omit it.
 */
function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined || header === "application/json") return true;
  const type = header.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || type.endsWith("+json");
}

/** The API's answer to a body it cannot read as JSON. */
function unparsableBody(api: Api): ProviderError {
  return api === "anthropic" ? anthropicError(ANTHROPIC_UNPARSABLE) : openAiError(OPENAI_UNPARSABLE, null);
}

const ROUTES: Record<string, Api> = { "/responses": "responses", "/chat/completions": "chat", "/messages": "anthropic" };

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const maxBody = options.maxBody ?? 50 * 1024 * 1024;
  const profile = options.profile ?? "openai-responses";
  const scenario = typeof options.scenario === "string" ? loadScenario(options.scenario) : options.scenario && checkScenario(options.scenario);
  const player = scenario ? new ScenarioPlayer(scenario) : undefined;
  const maxRecordedBytes = options.maxRecordedBytes ?? 64 * 1024 * 1024;
  const recorder = new Recorder({ maxRecorded: options.maxRecorded ?? 1000, maxRecordedBytes, ...(options.record ? { file: options.record } : {}) });
  const bindHost = options.host ?? "127.0.0.1";
  const hostRule: HostRule = { listening: { host: bindHost, port: 0 }, allowed: options.allowedHosts ?? [] };
  const inspections = new InspectionCache(options.validationCacheBytes ?? 4 * 1024 * 1024, options.continueFrom);
  const context: Context = { maxBody, profile, recorder, maxRecordedBytes, hostRule, player, turn: 0, inspections, bodies: new BodyBuffers() };
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    void handle(req, res, context).catch((error: unknown) => {
      // A bug of the mock must not look like a provider answer: it says so plainly.
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `histlint mock internal error: ${(error as Error).message}`, type: "server_error" } }));
    });
  });
  server.on("clientError", answerClientError);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, bindHost, resolve);
    });
  } catch (error) {
    recorder.close();
    throw error;
  }
  const { port, address } = server.address() as AddressInfo;
  hostRule.listening.port = port;
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    requests: recorder.requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (recorder.close(), error ? reject(error) : resolve()))),
  };
}

interface Context {
  maxBody: number;
  profile: ProfileName;
  recorder: Recorder;
  maxRecordedBytes: number;
  hostRule: HostRule;
  player: ScenarioPlayer | undefined;
  turn: number;
  inspections: InspectionCache;
  bodies: BodyBuffers;
}

/**
 * What node cannot parse never reaches `handle`: headers over the limit (431) or a malformed request line (400).
 * They get a JSON body both SDKs read (`error.message`, and Anthropic's `type` beside it), not node's empty answer.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const [status, reason, code, message] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", "request_header_fields_too_large", `histlint mock: the request's headers exceed ${MAX_HEADER_BYTES} bytes`]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "request_timeout", "histlint mock: the request did not arrive in time"]
        : [400, "Bad Request", "bad_request", `histlint mock: the request could not be read as HTTP (${error.code ?? error.message})`];
  const body = JSON.stringify({ type: "error", error: { type: "invalid_request_error", message, param: null, code } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** An answer of the mock's own (not a provider's), in the envelope of the client's family. */
function mockError(anthropicClient: boolean, message: string, status: number, code: string): ProviderError {
  if (anthropicClient) {
    const base = anthropicError(message, status);
    return { ...base, body: { ...(base.body as object), error: { type: status === 403 ? "permission_error" : "invalid_request_error", message } } };
  }
  return openAiError(message, null, code, status);
}

async function handle(req: IncomingMessage, res: ServerResponse, context: Context): Promise<void> {
  const path = requestPathname(req.url ?? "/").replace(/^\/v1(?=\/)/, "").replace(/\/$/, "");
  const anthropicClient = req.headers["anthropic-version"] !== undefined || path.startsWith("/messages");
  const base = { time: new Date().toISOString(), method: req.method ?? "GET", path, headers: redactHeaders(req.headers) };
  if (!hostAllowed(req.headers.host, context.hostRule)) {
    // Not recorded, and the body not read: nothing about such a request is anyone's business here.
    const error = mockError(anthropicClient, hostRefusalMessage(req.headers.host ?? "", context.hostRule.listening.port), 403, "host_not_allowed");
    return json(res, 403, error.body, { connection: "close" });
  }
  if (req.method === "GET" && path === "/__histlint/requests") return context.recorder.serve(res);
  if (req.method === "GET" && path === "/models") return json(res, 200, modelList(anthropicClient));
  const gemini = req.method === "POST" ? geminiRoute(path) : undefined;
  if (gemini) return handleGemini(req, res, gemini, { base, maxBody: context.maxBody, record: (fields, raw) => context.recorder.record(new Recorded(fields, raw, context.maxRecordedBytes)), player: context.player, nextTurn: () => context.turn++ });
  const api = ROUTES[path] ?? (path === "/messages/count_tokens" ? "anthropic" : undefined);
  if (req.method !== "POST" || !api) {
    const error = openAiError(`Invalid URL (${req.method} ${req.url})`, null);
    return answer(res, { ...error, status: 404 }, base, undefined, context);
  }
  const body = await readBody(req, context.maxBody, context.bodies);
  try {
    await answerBody(req, res, context, api, path, base, body);
  } finally {
    // Everything that keeps the body past its answer has copied it, or kept a digest of it, by now.
    if (body !== "too large") context.bodies.giveBack(body);
  }
}

/** The answer to a body sent to one of the APIs. */
async function answerBody(req: IncomingMessage, res: ServerResponse, context: Context, api: Api, path: string, base: RequestBase, body: Buffer | "too large"): Promise<void> {
  if (!isJsonContentType(req.headers["content-type"])) return answer(res, unparsableBody(api), base, body === "too large" ? undefined : body, context);
  if (body === "too large") {
    const error = api === "anthropic" ? { ...anthropicError("Request exceeds the maximum allowed number of bytes.", 413), body: { type: "error", error: { type: "request_too_large", message: "Request exceeds the maximum allowed number of bytes." } } } : openAiError(`Request body too large: the limit is ${context.maxBody} bytes.`, null, "request_too_large", 413);
    return answer(res, error, base, undefined, context);
  }
  const header = req.headers["x-histlint-fault"];
  let headerFault: Fault | undefined;
  try {
    headerFault = typeof header === "string" ? parseFaultHeader(header) : undefined;
  } catch (error) {
    return answer(res, mockError(api === "anthropic", `x-histlint-fault ${(error as Error).message}`, 400, "invalid_fault"), base, body, context);
  }
  const inspection = context.inspections.inspect(api, body, api === "responses" ? context.profile : api === "chat" ? "openai-chat" : "anthropic");
  if (inspection.kind === "unparsable") return answer(res, unparsableBody(api), base, body, context);
  const parsed = inspection.body;
  // The API checks the body's top-level shape before anything inside it.
  const misshapen = shapeRefusal(path, parsed);
  if (misshapen) return answer(res, misshapen, base, body, context);
  if (inspection.kind === "refused") return answer(res, inspection.error, base, body, context);
  if (path === "/messages/count_tokens") return json(res, 200, { input_tokens: Math.ceil(body.length / 4) });
  const items = inspection.items;
  const tools = offeredTools(api, parsed);
  const step = context.player?.next({ api, items, tools: tools.map((tool) => tool.name), turn: context.turn++ });
  const fault = headerFault ?? step?.fault;
  const refusal = fault && (statusAnswer(api, fault) ?? (fault.contextLengthExceeded ? { error: contextLengthError(api, body.length), headers: {} } : undefined));
  if (refusal) return answer(res, refusal.error, base, body, context, refusal.headers, fault);
  const reply: Reply = fault?.reasoningOnly ? { reasoning: "Thinking about it." } : (step && replyOf(step)) ?? defaultReply(items, tools);
  context.recorder.record(new Recorded({ ...base, status: 200, reply, ...(fault ? { fault } : {}) }, recordable(body, context), context.maxRecordedBytes));
  const model = typeof parsed.model === "string" ? parsed.model : "histlint-mock";
  if (parsed.stream !== true) {
    if (api === "responses") return json(res, 200, responseObject(model, responsesOutput(reply)));
    return json(res, 200, api === "chat" ? chatCompletion(model, reply) : anthropicMessage(model, reply));
  }
  const includeUsage = (parsed.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  let frames: Frame[] = api === "responses" ? responseFrames(model, reply) : api === "chat" ? chatFrames(model, reply, includeUsage) : anthropicFrames(model, reply);
  if (api === "responses" && fault) frames = bendResponseFrames(frames, fault);
  await sendFrames(res, frames, { ...(fault?.delayMs !== undefined ? { delayMs: fault.delayMs } : {}), ...(fault?.cutAfterEvents !== undefined ? { cutAfter: fault.cutAfterEvents } : {}) });
}

function answer(res: ServerResponse, error: ProviderError, base: RequestBase, body: Buffer | undefined, context: Context, headers: Record<string, string> = {}, fault?: Fault): void {
  context.recorder.record(new Recorded({ ...base, status: error.status, error: error.body, ...(fault ? { fault } : {}) }, body && recordable(body, context), context.maxRecordedBytes));
  json(res, error.status, error.body, headers);
}

/**
 * The body as the recording may keep it: a resent one as the cache's equal bytes, a lent one copied, since
 * the next long body is read into its buffer.
 */
function recordable(body: Buffer, context: Context): Buffer {
  const kept = context.inspections.kept(body);
  return kept.length <= context.maxRecordedBytes && context.bodies.isLent(kept) ? Buffer.from(kept) : kept;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, headers);
}

/** The tools the request offers, as the tiny agent calls them. */
function offeredTools(api: Api, body: Record<string, unknown>): OfferedTool[] {
  const tools = Array.isArray(body.tools) ? (body.tools as unknown[]).filter((tool): tool is Record<string, unknown> => typeof tool === "object" && tool !== null) : [];
  return tools.flatMap((tool): OfferedTool[] => {
    if (api === "chat") {
      const name = (tool.function as { name?: unknown } | undefined)?.name;
      return typeof name === "string" ? [{ name, kind: "function" }] : [];
    }
    if (typeof tool.name !== "string") return [];
    return [{ name: tool.name, kind: api === "responses" && tool.type === "custom" ? "custom" : "function" }];
  });
}

function modelList(anthropic: boolean): unknown {
  if (anthropic) {
    const data = [{ type: "model", id: "claude-sonnet-4-5", display_name: "Claude Sonnet 4.5 (histlint mock)", created_at: "2026-01-01T00:00:00Z" }];
    return { data, has_more: false, first_id: "claude-sonnet-4-5", last_id: "claude-sonnet-4-5" };
  }
  return { object: "list", data: ["gpt-5.5", "gpt-4.1"].map((id) => ({ id, object: "model", created: 1767225600, owned_by: "histlint-mock" })) };
}
