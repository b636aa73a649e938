// Gemini API requests: `generateContent` bodies (`contents`, `systemInstruction`, `tools`, `generationConfig`) or bare `contents`.
import type { RequestContext } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { FormatAdapter, HistoryContext, HistoryStream } from "./adapter.js";
import { geminiCancelledOutput } from "./gemini-cancelled-output.js";
import { applyDocumentEdits, documentHistory } from "./document-units.js";
import { GeminiPairing, geminiContentItems } from "./gemini-parts.js";
import { arrayField, flattenText, isObject, stringField, type JsonObject } from "./json-shape.js";

function isContent(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.parts);
}

function detect(sample: readonly unknown[]): number {
  const first = sample[0];
  if (sample.length !== 1) return 0;
  const contents = isObject(first) ? arrayField(first, "contents") : Array.isArray(first) ? first : undefined;
  if (!contents) return 0;
  if (contents.length === 0) return isObject(first) && ("generationConfig" in first || "systemInstruction" in first) ? 0.6 : 0;
  return contents.every(isContent) ? 0.95 : 0;
}

/** `systemInstruction` is a Content (or, in some SDKs, a string); its text is the system prompt. */
function systemText(body: JsonObject): string | undefined {
  const instruction = body.systemInstruction ?? body.system_instruction;
  if (typeof instruction === "string") return instruction;
  return isObject(instruction) ? flattenText(instruction.parts) : undefined;
}

export function geminiRequestContext(body: JsonObject): RequestContext {
  const tools = arrayField(body, "tools") ?? [];
  const toolNames = tools.flatMap((tool) => (isObject(tool) ? arrayField(tool, "functionDeclarations") ?? arrayField(tool, "function_declarations") ?? [] : []).flatMap((d) => (isObject(d) && typeof d.name === "string" ? [d.name] : [])));
  const config = isObject(body.generationConfig) ? body.generationConfig : {};
  const thinking = isObject(config.thinkingConfig) ? config.thinkingConfig : undefined;
  const model = stringField(body, "model");
  const system = systemText(body);
  return {
    ...(model !== undefined ? { model: model.replace(/^models\//, "") } : {}),
    ...(system !== undefined ? { system } : {}),
    ...("tools" in body ? { toolNames } : {}),
    parameters: [...Object.keys(body), ...Object.keys(config)],
    // `thinkingLevel` exists only for Gemini 3, the models that check thought signatures.
    ...(thinking !== undefined ? { thinkingEnabled: thinking.thinkingLevel !== undefined || (thinking.thinkingBudget !== undefined && thinking.thinkingBudget !== 0) } : {}),
  };
}

function history(records: Iterable<RawRecord>, context: HistoryContext): HistoryStream {
  const pairing = new GeminiPairing();
  return documentHistory(records, context, {
    key: "contents",
    itemsOf: (value, index, source) => geminiContentItems(value, index, (part) => ({ ...source, pointer: part === undefined ? source.pointer : `${source.pointer}/parts/${part}` }), pairing),
    request: geminiRequestContext,
  });
}

export const gemini: FormatAdapter = {
  name: "gemini",
  layout: "document",
  detect,
  history,
  applyEdits: (bytes, records, edits) => applyDocumentEdits(bytes, records, edits, "contents"),
  cancelledOutput: geminiCancelledOutput,
};
