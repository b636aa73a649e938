// The body of one replayed request: the units in the API's array, beside what the client sent with them.
import { codexInstructionsItem, geminiCliActiveLoop } from "../clients/index.js";
import type { RequestContext } from "../history/index.js";
import { stringifyJson } from "../read/index.js";
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
  return bodyAround(api, elementsOf(api, units, base), derivedTools(api, toolsByUnit(api, units), units.length), base);
}

/** The elements of the body's array: the units' values, after what the client puts first. */
function elementsOf(api: WireApi, units: readonly WireUnit[], base: BodyBase): unknown[] {
  const elements = units.map((unit) => unit.value);
  const leading = leadingElement(api, base);
  if (leading !== undefined) elements.unshift(leading);
  return base.activeLoopSignatures && api === "gemini" ? geminiCliActiveLoop(elements) : elements;
}

/** The element a client sends before the history (Codex's base instructions), if any. */
function leadingElement(api: WireApi, base: BodyBase): unknown {
  if (base.instructionsIn !== "input" || base.recorded !== undefined) return undefined;
  return codexInstructionsItem(api === "responses" ? base.request?.system : undefined);
}

/** The body with `elements` as its array (any value: the streamed body puts a mark there). */
function bodyAround(api: WireApi, elements: unknown, tools: Record<string, unknown>[], base: BodyBase): Record<string, unknown> {
  const { stream: _stream, stream_options: _options, ...recorded } = base.recorded ?? {};
  const body: Record<string, unknown> = { ...recorded, model: base.model ?? recorded.model ?? base.request?.model ?? DEFAULT_MODEL[api] };
  const instructions = api === "responses" && base.recorded === undefined ? base.request?.system : undefined;
  body[arrayKey(api)] = elements;
  if (base.recorded === undefined && tools.length > 0) body.tools = tools;
  if (api === "responses" && base.recorded === undefined) {
    if (instructions !== undefined && base.instructionsIn !== "input") body.instructions = instructions;
    body.store = false;
  }
  if (api === "messages") {
    body.max_tokens ??= 1024;
    if (base.system !== undefined && base.system !== "" && body.system === undefined) body.system = base.system;
  }
  if (api === "gemini") {
    // The model goes in the path (send.ts takes it out); Gemini has no `stream` field, the path says it.
    if (base.system !== undefined && base.system !== "" && body.systemInstruction === undefined) body.systemInstruction = { parts: [{ text: base.system }] };
    return body;
  }
  body.stream = false;
  return body;
}

/** A request body as it goes on the wire: the model (Gemini's goes in the path) and the JSON text in pieces. */
export interface WireBody {
  model: unknown;
  /** The text, a piece at a time; each call starts again from the first piece. */
  pieces(): Generator<string>;
  /** UTF-8 bytes of the text, when known without writing it. */
  length?: number;
}

/** Marks where the array goes in the body's text; no file can hold it, its digits are drawn at start. */
const ARRAY_MARK = `\u0000histlint-array-${Math.random().toString(36).slice(2)}-${process.pid}`;

/**
 * What `stringifyJson(requestBody(...))` writes (without Gemini's model), one element at a time, so
 * no request's whole body is held: `unitValue(i)` gives the value of unit `i` when it is written.
 */
export function wireBody(api: WireApi, size: number, unitValue: (index: number) => unknown, tools: readonly ToolIntroduction[], base: BodyBase, elementBytes?: number): WireBody {
  const body = bodyAround(api, ARRAY_MARK, derivedTools(api, tools, size), base);
  const { model } = body;
  if (api === "gemini") delete body.model;
  const text = stringifyJson(body);
  const at = text.indexOf(JSON.stringify(ARRAY_MARK));
  const head = text.slice(0, at);
  const tail = text.slice(at + JSON.stringify(ARRAY_MARK).length);
  const leading = leadingElement(api, base);
  function* pieces(): Generator<string> {
    yield `${head}[`;
    if (base.activeLoopSignatures && api === "gemini") {
      // Gemini CLI signs calls of the current loop, found from the end: its sessions are read whole anyway.
      const values = Array.from({ length: size }, (_, i) => unitValue(i));
      const elements = geminiCliActiveLoop(leading === undefined ? values : [leading, ...values]);
      for (const [i, element] of elements.entries()) yield (i > 0 ? "," : "") + elementText(element);
    } else {
      if (leading !== undefined) yield elementText(leading) + (size > 0 ? "," : "");
      for (let i = 0; i < size; i += 1) yield (i > 0 ? "," : "") + elementText(unitValue(i));
    }
    yield `]${tail}`;
  }
  if (elementBytes === undefined || (base.activeLoopSignatures && api === "gemini")) return { model, pieces };
  // The pieces' bytes: what goes around the array, the leading element, the units' texts and the commas between them.
  const leadingBytes = leading === undefined ? 0 : Buffer.byteLength(elementText(leading)) + (size > 0 ? 1 : 0);
  return { model, pieces, length: Buffer.byteLength(head) + 2 + Buffer.byteLength(tail) + leadingBytes + elementBytes + Math.max(0, size - 1) };
}

/** An element as JSON.stringify writes it inside an array (undefined there is null). */
export function elementText(value: unknown): string {
  return value === undefined || typeof value === "function" || typeof value === "symbol" ? "null" : stringifyJson(value);
}

/** A tool definition and the first unit whose items call it: a prefix of n units defines those before n. */
export interface ToolIntroduction {
  unit: number;
  tool: Record<string, unknown>;
}

/** Calls Anthropic runs itself: their tools are not client definitions. */
const SERVER_SIDE_CALLS = new Set(["server_tool_use", "mcp_tool_use"]);

/**
 * Session logs do not record the tool definitions, and the APIs want the tools a history calls to be
 * defined (Anthropic refuses tool blocks without them): each tool called gets an open definition,
 * in the order the history first calls them.
 */
export function toolsByUnit(api: WireApi, units: readonly WireUnit[]): ToolIntroduction[] {
  const tools = new Map<string, ToolIntroduction>();
  const schema = { type: "object", properties: {} };
  units.forEach((wireUnit, unit) => {
    for (const item of wireUnit.items) {
      if (item.type !== "tool_call" || item.name === undefined || tools.has(item.name)) continue;
      if (api === "gemini") tools.set(item.name, { unit, tool: { name: item.name, parametersJsonSchema: schema } });
      else if (api === "messages") {
        if (!SERVER_SIDE_CALLS.has(item.wireType)) tools.set(item.name, { unit, tool: { name: item.name, input_schema: schema } });
      } else if (api === "chat") tools.set(item.name, { unit, tool: { type: "function", function: { name: item.name, parameters: schema } } });
      else if (item.kind === "custom") tools.set(item.name, { unit, tool: { type: "custom", name: item.name } });
      else if (item.kind === "local_shell") tools.set(item.name, { unit, tool: { type: "local_shell" } });
      else if (item.kind === "function") tools.set(item.name, { unit, tool: { type: "function", name: item.name, parameters: schema, strict: false } });
    }
  });
  return [...tools.values()];
}

/** The tools of a request of `size` units. */
function derivedTools(api: WireApi, tools: readonly ToolIntroduction[], size: number): Record<string, unknown>[] {
  const defined = tools.filter((introduction) => introduction.unit < size).map((introduction) => introduction.tool);
  // Gemini declares every function in one tool.
  return api === "gemini" && defined.length > 0 ? [{ functionDeclarations: defined }] : defined;
}

/** The user message a resume adds after a history that ends with the model's turn. */
export function resumeUnit(api: WireApi, after: WireUnit | undefined): WireUnit {
  const text = "Continue. (histlint replay: the message a resume adds)";
  const value = api === "responses" ? { type: "message", role: "user", content: [{ type: "input_text", text }] } : api === "gemini" ? { role: "user", parts: [{ text }] } : { role: "user", content: text };
  return { value, items: [], line: after?.line ?? 1, column: after?.column ?? 1, modelOutput: false, synthetic: "the resume message" };
}
