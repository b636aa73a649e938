// A history translated to Gemini `contents`: system text goes to `systemInstruction`, calls become
// `functionCall` parts of a model turn and outputs `functionResponse` parts of the user turn after it.
// Responses carry the call's name (Gemini pairs by name and order) and, when it has one, its id.
import { parseObject } from "../formats/json-shape.js";
import type { Item } from "../history/index.js";
import { texts } from "./to-responses.js";
import type { WireUnit } from "./wire.js";

type Part = Record<string, unknown>;

export interface GeminiTranslation {
  units: WireUnit[];
  /** The text of system and developer messages, which Gemini takes as `systemInstruction`. */
  system: string[];
  /** What the move loses, for the report. */
  notes: string[];
}

export function geminiUnits(items: readonly Item[]): GeminiTranslation {
  const units: WireUnit[] = [];
  const system: string[] = [];
  const names = new Map<string, string>();
  let reasoningDropped = 0;
  let unsignedCalls = 0;
  const add = (role: "user" | "model", part: Part, item: Item) => {
    const last = units[units.length - 1];
    const value = last?.value as { role: string; parts: Part[] } | undefined;
    if (last && value?.role === role) {
      value.parts.push(part);
      last.items.push(item);
      return;
    }
    units.push({ value: { role, parts: [part] }, items: [item], line: item.source.line, column: item.source.column, modelOutput: role === "model" });
  };
  for (const item of items) {
    if (item.type === "message") {
      const parts = texts(item);
      if (item.role === "system" || item.role === "developer") system.push(...parts);
      else for (const text of parts) add(item.role === "assistant" ? "model" : "user", { text }, item);
    } else if (item.type === "tool_call") {
      const args = parseObject(item.arguments ?? "{}") ?? { input: item.arguments ?? "" };
      const name = item.name ?? "tool";
      if (item.callId) names.set(item.callId, name);
      if (item.thoughtSignature === undefined) unsignedCalls += 1;
      add("model", { functionCall: { ...(item.callId ? { id: item.callId } : {}), name, args }, ...(item.thoughtSignature ? { thoughtSignature: item.thoughtSignature } : {}) }, item);
    } else if (item.type === "tool_output") {
      const name = (item.callId && names.get(item.callId)) ?? item.name ?? "tool";
      const response = item.isError ? { error: item.output } : { output: item.output };
      add("user", { functionResponse: { ...(item.callId ? { id: item.callId } : {}), name, response } }, item);
    } else if (item.type === "reasoning") reasoningDropped += 1;
    // compactions and unknown items: dropped
  }
  const notes: string[] = [];
  if (reasoningDropped > 0) notes.push(`${reasoningDropped} reasoning item(s) dropped: no provider takes another's`);
  if (unsignedCalls > 0) notes.push(`${unsignedCalls} function call(s) carry no thoughtSignature: a Gemini 3 model refuses the request when one of them is in the current turn ("Function call is missing a thought_signature …")`);
  return { units, system, notes };
}
