// Maps Gemini `Content`s (a role and parts) to canonical items, pairing calls and responses by id or by order.
import type { ContentPart, Item, Source } from "../history/index.js";
import { isObject, stringField, type JsonObject } from "./json-shape.js";

const PART_KINDS: Record<string, ContentPart["kind"]> = { text: "text", inlineData: "image", fileData: "file" };

/** Canonical roles: Gemini's `model` is the assistant; any other role is kept as written (and refused). */
function canonicalRole(role: string): string {
  return role === "model" ? "assistant" : role;
}

/** The key that says what a part is (`text`, `functionCall`, …); `thoughtSignature` and `thought` only qualify it. */
export function partType(part: unknown): string {
  if (!isObject(part)) return typeof part;
  return Object.keys(part).find((key) => key !== "thoughtSignature" && key !== "thought" && key !== "partMetadata" && key !== "videoMetadata") ?? "empty";
}

/**
 * Gemini pairs a turn's function responses with the calls of the turn before: by `id` when the response
 * carries one, else by name and order. Calls without an id get a stable one (`<name>@<content>.<part>`)
 * so that the rules pair them like any other.
 */
export class GeminiPairing {
  /** Calls of the last call turn that no response has taken yet, and all of that turn's calls. */
  private open: { name: string; callId: string }[] = [];
  private turn: { name: string; callId: string }[] = [];

  /** Every content but a response turn closes the calls before it. */
  startContent(isResponseTurn: boolean): void {
    if (!isResponseTurn) this.open = this.turn = [];
  }

  callId(call: JsonObject, content: number, part: number): string {
    const name = stringField(call, "name") ?? "";
    const id = stringField(call, "id");
    const callId = id !== undefined && id !== "" ? id : `${name || "call"}@${content}.${part}`;
    this.open.push({ name, callId });
    this.turn.push({ name, callId });
    return callId;
  }

  responseId(response: JsonObject, content: number, part: number): string {
    const id = stringField(response, "id");
    const name = stringField(response, "name") ?? "";
    const at = id !== undefined && id !== "" ? this.open.findIndex((call) => call.callId === id) : this.open.findIndex((call) => call.name === name);
    if (at !== -1) return (this.open.splice(at, 1)[0] as { callId: string }).callId;
    if (id !== undefined && id !== "") return id;
    // One response too many for the turn (Gemini CLI's resume sends each twice): a second answer to a call of that name.
    const answered = this.turn.find((call) => call.name === name);
    return answered?.callId ?? `${name || "response"}@${content}.${part}`;
  }
}

/** Items of one content: consecutive text and data parts form one message, each other part an item of its own. */
export function geminiContentItems(value: unknown, index: number, sourceOf: (part: number | undefined) => Source, pairing: GeminiPairing): Item[] {
  const content = isObject(value) ? value : {};
  const wireRole = stringField(content, "role") ?? "user";
  const role = canonicalRole(wireRole);
  const parts = Array.isArray(content.parts) ? content.parts : [];
  pairing.startContent(parts.some((part) => isObject(part) && isObject(part.functionResponse)));
  const items: Item[] = [];
  let open: Extract<Item, { type: "message" }> | undefined;
  parts.forEach((raw, p) => {
    const part = isObject(raw) ? raw : {};
    const type = partType(raw);
    const source = sourceOf(p);
    if (type === "text" && part.thought === true) {
      open = undefined;
      const signature = stringField(part, "thoughtSignature");
      items.push({ type: "reasoning", wireType: "thought", summary: [], text: stringField(part, "text") ?? "", ...(signature ? { encrypted: signature } : {}), message: index, source });
      return;
    }
    const kind = PART_KINDS[type];
    if (kind) {
      const text = type === "text" ? stringField(part, "text") : undefined;
      const piece: ContentPart = { kind, wireType: type, ...(text !== undefined ? { text } : {}) };
      if (open) open.content.push(piece);
      else items.push((open = { type: "message", role, wireRole, content: [piece], message: index, source }));
      return;
    }
    open = undefined;
    items.push(partItem(part, type, { index, part: p, source, pairing }));
  });
  if (items.length === 0) items.push({ type: "message", role, wireRole, content: [], message: index, source: sourceOf(undefined) });
  return items;
}

function partItem(part: JsonObject, type: string, at: { index: number; part: number; source: Source; pairing: GeminiPairing }): Item {
  const { index, source } = at;
  if (type === "functionCall" && isObject(part.functionCall)) {
    const call = part.functionCall;
    const name = stringField(call, "name");
    const signature = stringField(part, "thoughtSignature");
    return {
      type: "tool_call",
      kind: "function",
      wireType: "functionCall",
      callId: at.pairing.callId(call, index, at.part),
      ...(name !== undefined ? { name } : {}),
      arguments: JSON.stringify(call.args ?? {}),
      ...(signature !== undefined ? { thoughtSignature: signature } : {}),
      message: index,
      source,
    };
  }
  if (type === "functionResponse" && isObject(part.functionResponse)) {
    const response = part.functionResponse;
    const name = stringField(response, "name");
    const body = response.response;
    const output = isObject(body) && typeof body.output === "string" ? body.output : isObject(body) && typeof body.error === "string" ? body.error : JSON.stringify(body ?? {});
    return {
      type: "tool_output",
      kind: "function",
      wireType: "functionResponse",
      callId: at.pairing.responseId(response, index, at.part),
      output,
      ...(name !== undefined ? { name } : {}),
      ...(isObject(body) && "error" in body ? { isError: true } : {}),
      message: index,
      source,
    };
  }
  return { type: "other", wireType: type, message: index, source };
}
