// The mock provider: a real HTTP server speaking the Responses, Chat Completions and Anthropic Messages APIs.
import { appendFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { anthropicError, openAiError, type ProfileName, type ProviderError } from "../profiles/index.js";
import { anthropicFrames, anthropicMessage } from "./anthropic-api.js";
import { chatCompletion, chatFrames } from "./chat-api.js";
import { bendResponseFrames, contextLengthError, parseFaultHeader, statusAnswer } from "./faults.js";
import { geminiRoute, handleGemini } from "./gemini-api.js";
import { defaultReply, type OfferedTool, type Reply } from "./reply.js";
import { responseFrames, responseObject, responsesOutput } from "./responses-api.js";
import { loadScenario, replyOf, ScenarioPlayer, type Fault, type Scenario } from "./scenario.js";
import { sendFrames, type Frame } from "./sse.js";
import { inspect, type Api } from "./validate.js";

export interface MockServerOptions {
  /** The profile the Responses endpoint validates with: `openai-responses` (default) or `codex`. */
  profile?: Extract<ProfileName, "openai-responses" | "codex">;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Largest request body, in bytes; larger ones get 413 (default 50 MB). */
  maxBody?: number;
  /** Append every request to this JSONL file as well. */
  record?: string;
  /** Scripted replies and faults: a scenario, or the path of a scenario file. */
  scenario?: Scenario | string;
  /** How many of the latest requests `requests` keeps (default 1000); --record keeps every one. */
  maxRecorded?: number;
}

/** A request as the mock saw it: headers without secrets, the body, what it answered. */
export interface RecordedRequest {
  time: string;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent (parsed when it is JSON), read from the raw text on first use. */
  readonly body: unknown;
  status: number;
  error?: unknown;
  reply?: Reply;
  fault?: Fault;
}

export interface MockServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const SECRET_HEADERS = new Set(["authorization", "x-api-key", "api-key", "cookie"]);
const OPENAI_UNPARSABLE =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

const ANTHROPIC_UNPARSABLE = "There was an issue with the formatting or content of your request. The request body is not valid JSON.";

/**
 * A body sent as a form or as text is not read as JSON by the APIs, so it gets the unparsable-body answer.
 * No content type at all is let through: the body decides, as it does for the clients that omit it.
 */
function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return true;
  const type = header.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || type.endsWith("+json");
}

/** The API's answer to a body it cannot read as JSON. */
function unparsableBody(api: Api): ProviderError {
  return api === "anthropic" ? anthropicError(ANTHROPIC_UNPARSABLE) : openAiError(OPENAI_UNPARSABLE, null);
}

const ROUTES: Record<string, Api> = { "/responses": "responses", "/chat/completions": "chat", "/messages": "anthropic" };

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const requests: RecordedRequest[] = [];
  const maxBody = options.maxBody ?? 50 * 1024 * 1024;
  const profile = options.profile ?? "openai-responses";
  const scenario = typeof options.scenario === "string" ? loadScenario(options.scenario) : options.scenario;
  const player = scenario ? new ScenarioPlayer(scenario) : undefined;
  const maxRecorded = options.maxRecorded ?? 1000;
  const record = (entry: RecordedRequest) => {
    requests.push(entry);
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
    if (options.record) appendFileSync(options.record, JSON.stringify(entry) + "\n");
  };
  const server = createServer((req, res) => {
    void handle(req, res, { maxBody, profile, record, requests, player, turn: 0 }).catch((error: unknown) => {
      // A bug of the mock must not look like a provider answer: it says so plainly.
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `histlint mock internal error: ${(error as Error).message}`, type: "server_error" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

interface Context {
  maxBody: number;
  profile: ProfileName;
  record(entry: RecordedRequest): void;
  requests: RecordedRequest[];
  player: ScenarioPlayer | undefined;
  turn: number;
}

async function handle(req: IncomingMessage, res: ServerResponse, context: Context): Promise<void> {
  const path = new URL(req.url ?? "/", "http://mock").pathname.replace(/^\/v1(?=\/)/, "").replace(/\/$/, "");
  const anthropicClient = req.headers["anthropic-version"] !== undefined || path.startsWith("/messages");
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !SECRET_HEADERS.has(name)));
  const base = { time: new Date().toISOString(), method: req.method ?? "GET", path, headers };
  if (req.method === "GET" && path === "/__histlint/requests") return json(res, 200, context.requests);
  if (req.method === "GET" && path === "/models") return json(res, 200, modelList(anthropicClient));
  const gemini = req.method === "POST" ? geminiRoute(path) : undefined;
  if (gemini) return handleGemini(req, res, gemini, { base, maxBody: context.maxBody, record: context.record, player: context.player, nextTurn: () => context.turn++ });
  const api = ROUTES[path] ?? (path === "/messages/count_tokens" ? "anthropic" : undefined);
  if (req.method !== "POST" || !api) {
    const error = openAiError(`Invalid URL (${req.method} ${req.url})`, null);
    return answer(res, { ...error, status: 404 }, base, undefined, context);
  }
  const body = await readBody(req, context.maxBody);
  if (!isJsonContentType(req.headers["content-type"])) return answer(res, unparsableBody(api), base, body === "too large" ? undefined : body, context);
  if (body === "too large") {
    const error = api === "anthropic" ? { ...anthropicError("Request exceeds the maximum allowed number of bytes.", 413), body: { type: "error", error: { type: "request_too_large", message: "Request exceeds the maximum allowed number of bytes." } } } : openAiError(`Request body too large: the limit is ${context.maxBody} bytes.`, null, "request_too_large", 413);
    return answer(res, error, base, undefined, context);
  }
  const inspection = inspect(api, body, api === "responses" ? context.profile : api === "chat" ? "openai-chat" : "anthropic");
  if (inspection.kind === "unparsable") return answer(res, unparsableBody(api), base, body, context);
  const parsed = inspection.body;
  if (inspection.kind === "refused") return answer(res, inspection.error, base, body, context);
  if (path === "/messages/count_tokens") return json(res, 200, { input_tokens: Math.ceil(body.length / 4) });
  const items = inspection.items;
  const tools = offeredTools(api, parsed);
  const step = context.player?.next({ api, items, tools: tools.map((tool) => tool.name), turn: context.turn++ });
  const header = req.headers["x-histlint-fault"];
  let fault: Fault | undefined;
  try {
    fault = typeof header === "string" ? parseFaultHeader(header) : step?.fault;
  } catch (error) {
    return answer(res, openAiError(`x-histlint-fault: ${(error as Error).message}`, null), base, body, context);
  }
  const refusal = fault && (statusAnswer(api, fault) ?? (fault.contextLengthExceeded ? { error: contextLengthError(api, body.length), headers: {} } : undefined));
  if (refusal) return answer(res, refusal.error, base, body, context, refusal.headers, fault);
  const reply: Reply = fault?.reasoningOnly ? { reasoning: "Thinking about it." } : (step && replyOf(step)) ?? defaultReply(items, tools);
  context.record(recorded({ ...base, status: 200, reply, ...(fault ? { fault } : {}) }, body));
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

/**
 * A recorded request keeps the raw body and parses it when someone looks: holding thousands of parsed
 * histories would make the collector, not the validation, set the mock's pace.
 */
function recorded(fields: Omit<RecordedRequest, "body">, raw: Buffer | undefined): RecordedRequest {
  let parsed: unknown;
  let done = false;
  return {
    ...fields,
    get body(): unknown {
      if (!done) {
        done = true;
        const text = raw?.toString("utf8");
        try {
          parsed = text === undefined ? undefined : JSON.parse(text);
        } catch {
          parsed = text;
        }
      }
      return parsed;
    },
  };
}

function answer(res: ServerResponse, error: ProviderError, base: Omit<RecordedRequest, "body" | "status">, body: Buffer | undefined, context: Context, headers: Record<string, string> = {}, fault?: Fault): void {
  context.record(recorded({ ...base, status: error.status, error: error.body, ...(fault ? { fault } : {}) }, body));
  json(res, error.status, error.body, headers);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // A known length lets the answer go out in one write, not as chunked encoding.
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { "content-type": "application/json", "content-length": String(bytes.length), ...headers });
  res.end(bytes);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too large"> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) parts.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? "too large" : Buffer.concat(parts)));
    req.on("error", reject);
  });
}

/** The tools the request offers, as the tiny agent calls them. */
function offeredTools(api: Api, body: Record<string, unknown>): OfferedTool[] {
  const tools = Array.isArray(body.tools) ? (body.tools as Record<string, unknown>[]) : [];
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
