// The Gemini API's endpoint on the mock: `POST /v1beta/models/{model}:generateContent` and
// `:streamGenerateContent?alt=sse`, validated with the `gemini` profile, answered like the API.
import type { IncomingMessage, ServerResponse } from "node:http";
import { geminiError, type ProviderError } from "../profiles/index.js";
import { contextLengthError, parseFaultHeader, statusAnswer } from "./faults.js";
import { readBody, sendJson } from "./http-body.js";
import { defaultReply, type OfferedTool, type Reply } from "./reply.js";
import { chunks } from "./responses-api.js";
import { replyOf, type Fault, type ScenarioPlayer } from "./scenario.js";
import type { RecordedFields, RequestBase } from "./recording.js";
import { sendFrames, type Frame } from "./sse.js";
import { inspect } from "./validate.js";

const GEMINI_PATH = /^\/(?:v1beta|v1)?\/?models\/([^/:]+):(generateContent|streamGenerateContent)$/;

/** The model and method a Gemini path names, or undefined for any other path. */
export function geminiRoute(path: string): { model: string; stream: boolean } | undefined {
  const match = GEMINI_PATH.exec(path);
  return match ? { model: decodeURIComponent(match[1] as string), stream: match[2] === "streamGenerateContent" } : undefined;
}

export interface GeminiHooks {
  base: RequestBase;
  maxBody: number;
  /** Records a request with its raw body, as the mock's recorder keeps every one. */
  record(fields: RecordedFields, raw: Buffer | undefined): void;
  player: ScenarioPlayer | undefined;
  nextTurn(): number;
}

const UNPARSABLE = "Invalid JSON payload received. Unexpected token.";

/**
 * The model is named in the path, not the body; the rules want it (Gemini 3 checks thought signatures), so
 * it is put first in the body they read. A body that is not an object is left as it is, and refused as such.
 */
function withModel(body: Buffer, model: string): Buffer {
  const text = body.toString("utf8");
  const open = text.indexOf("{");
  if (open === -1 || text.slice(0, open).trim() !== "") return body;
  const rest = text.slice(open + 1);
  return Buffer.from(`{"model":${JSON.stringify(model)}${rest.trimStart().startsWith("}") ? "" : ","}${rest}`);
}

export async function handleGemini(req: IncomingMessage, res: ServerResponse, route: { model: string; stream: boolean }, hooks: GeminiHooks): Promise<void> {
  const body = await readBody(req, hooks.maxBody);
  const answer = (error: ProviderError, raw: Buffer | undefined, headers: Record<string, string> = {}, fault?: Fault) => {
    hooks.record({ ...hooks.base, status: error.status, error: error.body, ...(fault ? { fault } : {}) }, raw);
    json(res, error.status, error.body, headers);
  };
  if (body === "too large") return answer(geminiError("Request payload size exceeds the limit: 20971520 bytes.", 400), undefined);
  const inspection = inspect("gemini", withModel(body, route.model), "gemini");
  if (inspection.kind === "unparsable") return answer(geminiError(UNPARSABLE), body);
  if (inspection.kind === "refused") return answer(inspection.error, body);
  const tools = offeredTools(inspection.body);
  const step = hooks.player?.next({ api: "gemini", items: inspection.items, tools: tools.map((tool) => tool.name), turn: hooks.nextTurn() });
  const header = req.headers["x-histlint-fault"];
  let fault: Fault | undefined;
  try {
    fault = typeof header === "string" ? parseFaultHeader(header) : step?.fault;
  } catch (error) {
    return answer(geminiError(`x-histlint-fault: ${(error as Error).message}`), body);
  }
  const refusal = fault && (statusAnswer("gemini", fault) ?? (fault.contextLengthExceeded ? { error: contextLengthError("gemini", body.length), headers: {} } : undefined));
  if (refusal) return answer(refusal.error, body, refusal.headers, fault);
  const reply: Reply = fault?.reasoningOnly ? { reasoning: "Thinking about it." } : (step && replyOf(step)) ?? defaultReply(inspection.items, tools);
  hooks.record({ ...hooks.base, status: 200, reply, ...(fault ? { fault } : {}) }, body);
  if (!route.stream) return json(res, 200, geminiResponse(route.model, reply));
  await sendFrames(res, geminiFrames(route.model, reply), { ...(fault?.delayMs !== undefined ? { delayMs: fault.delayMs } : {}), ...(fault?.cutAfterEvents !== undefined ? { cutAfter: fault.cutAfterEvents } : {}) });
}

let counter = 0;

/** The parts of the model's turn. Gemini 3 signs the first call of a turn; the mock does so for every model. */
function replyParts(reply: Reply): Record<string, unknown>[] {
  const parts: Record<string, unknown>[] = [];
  if (reply.reasoning) parts.push({ text: reply.reasoning, thought: true });
  if (reply.text !== undefined) parts.push({ text: reply.text });
  (reply.calls ?? []).forEach((call, i) => {
    const args = call.kind === "custom" ? { input: call.input } : (JSON.parse(call.input || "{}") as unknown);
    parts.push({ functionCall: { name: call.name, args }, ...(i === 0 ? { thoughtSignature: Buffer.from(`histlint mock signature ${counter}`).toString("base64") } : {}) });
  });
  return parts;
}

const USAGE = { promptTokenCount: 100, candidatesTokenCount: 20, totalTokenCount: 120 };

function candidateChunk(model: string, id: string, parts: Record<string, unknown>[], last: boolean): Record<string, unknown> {
  return {
    candidates: [{ content: { role: "model", parts }, index: 0, ...(last ? { finishReason: "STOP" } : {}) }],
    ...(last ? { usageMetadata: USAGE } : {}),
    modelVersion: model,
    responseId: id,
  };
}

export function geminiResponse(model: string, reply: Reply): Record<string, unknown> {
  return candidateChunk(model, `histlint-${(counter++).toString(36)}`, replyParts(reply), true);
}

/** `alt=sse`: one `data:` frame a chunk, text split in pieces, each call whole; the last frame carries finishReason and usage. */
export function geminiFrames(model: string, reply: Reply): Frame[] {
  const id = `histlint-${(counter++).toString(36)}`;
  const pieces = replyParts(reply).flatMap((part) => (typeof part.text === "string" && part.thought !== true ? chunks(part.text).map((text) => ({ text })) : [part]));
  if (pieces.length === 0) pieces.push({ text: "" });
  return pieces.map((part, i) => ({ data: candidateChunk(model, id, [part], i === pieces.length - 1) }));
}

/** The functions the request declares, as the tiny agent calls them. */
function offeredTools(body: Record<string, unknown>): OfferedTool[] {
  const tools = Array.isArray(body.tools) ? (body.tools as Record<string, unknown>[]) : [];
  return tools.flatMap((tool) => {
    const declarations = (tool.functionDeclarations ?? tool.function_declarations) as unknown;
    if (!Array.isArray(declarations)) return [];
    return declarations.flatMap((d: { name?: unknown }): OfferedTool[] => (typeof d?.name === "string" ? [{ name: d.name, kind: "function" }] : []));
  });
}


/** Google answers with its charset named. */
function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, headers, "application/json; charset=UTF-8");
}
