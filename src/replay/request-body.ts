// The body of one replayed request: the units in the API's array, beside what the client sent with them.
import { codexInstructionsItem, geminiCliActiveLoop } from "../clients/index.js";
import type { Item, RequestContext } from "../history/index.js";
import { arrayKey, type WireApi, type WireUnit } from "./wire.js";

const DEFAULT_MODEL: Record<WireApi, string> = { responses: "gpt-5.5", chat: "gpt-4.1", messages: "claude-sonnet-4-5", gemini: "gemini-2.5-flash" };

export interface BodyBase {
  /** The recorded body of a request file, or undefined for a session log. */
  recorded?: Record<string, unknown>;
  request?: RequestContext;
  /** Where the base instructions go: `instructions` (default), or a developer message first in `input`, as Codex sends them. */
  instructionsIn?: "instructions" | "input";
  /** Text Anthropic takes as `system` (a translation's system and developer messages). */
  system?: string;
  model?: string;
  /** Gemini CLI signs the first call of each model turn of the current loop itself, in every request. */
  activeLoopSignatures?: boolean;
}

/** The request body for `units`; replay asks for a whole answer, not a stream. */
export function requestBody(api: WireApi, units: readonly WireUnit[], base: BodyBase): Record<string, unknown> {
  const { stream: _stream, stream_options: _options, ...recorded } = base.recorded ?? {};
  const body: Record<string, unknown> = { ...recorded, model: base.model ?? recorded.model ?? base.request?.model ?? DEFAULT_MODEL[api] };
  const elements = units.map((unit) => unit.value);
  const instructions = api === "responses" && base.recorded === undefined ? base.request?.system : undefined;
  if (base.instructionsIn === "input" && base.recorded === undefined) elements.unshift(codexInstructionsItem(instructions));
  body[arrayKey(api)] = elements;
  if (base.recorded === undefined) {
    const tools = derivedTools(api, units.flatMap((unit) => unit.items));
    if (tools.length > 0) body.tools = tools;
  }
  if (api === "responses" && base.recorded === undefined) {
    if (instructions !== undefined && base.instructionsIn !== "input") body.instructions = instructions;
    body.store = false;
  }
  if (api === "messages") {
    body.max_tokens ??= 1024;
    if (base.system !== undefined && base.system !== "" && body.system === undefined) body.system = base.system;
  }
  if (api === "gemini") {
    if (base.activeLoopSignatures) body.contents = geminiCliActiveLoop(elements);
    // The model goes in the path (send.ts takes it out); Gemini has no `stream` field, the path says it.
    if (base.system !== undefined && base.system !== "" && body.systemInstruction === undefined) body.systemInstruction = { parts: [{ text: base.system }] };
    return body;
  }
  body.stream = false;
  return body;
}

/** Calls Anthropic runs itself: their tools are not client definitions. */
const SERVER_SIDE_CALLS = new Set(["server_tool_use", "mcp_tool_use"]);

/**
 * Session logs do not record the tool definitions, and the APIs want the tools a history calls to be
 * defined (Anthropic refuses tool blocks without them): each tool called gets an open definition.
 */
function derivedTools(api: WireApi, items: readonly Item[]): Record<string, unknown>[] {
  const tools = new Map<string, Record<string, unknown>>();
  const schema = { type: "object", properties: {} };
  for (const item of items) {
    if (item.type !== "tool_call" || item.name === undefined || tools.has(item.name)) continue;
    if (api === "gemini") tools.set(item.name, { name: item.name, parametersJsonSchema: schema });
    else if (api === "messages") {
      if (!SERVER_SIDE_CALLS.has(item.wireType)) tools.set(item.name, { name: item.name, input_schema: schema });
    } else if (api === "chat") tools.set(item.name, { type: "function", function: { name: item.name, parameters: schema } });
    else if (item.kind === "custom") tools.set(item.name, { type: "custom", name: item.name });
    else if (item.kind === "local_shell") tools.set(item.name, { type: "local_shell" });
    else if (item.kind === "function") tools.set(item.name, { type: "function", name: item.name, parameters: schema, strict: false });
  }
  // Gemini declares every function in one tool.
  return api === "gemini" && tools.size > 0 ? [{ functionDeclarations: [...tools.values()] }] : [...tools.values()];
}

/** The user message a resume adds after a history that ends with the model's turn. */
export function resumeUnit(api: WireApi, after: WireUnit | undefined): WireUnit {
  const text = "Continue. (histlint replay: the message a resume adds)";
  const value = api === "responses" ? { type: "message", role: "user", content: [{ type: "input_text", text }] } : api === "gemini" ? { role: "user", parts: [{ text }] } : { role: "user", content: text };
  return { value, items: [], line: after?.line ?? 1, column: after?.column ?? 1, modelOutput: false, synthetic: "the resume message" };
}
