// Gemini CLI session files (`~/.gemini/tmp/<project>/chats/session-*.jsonl`, and the `.json` documents of
// releases before 0.60): detection, lossless edits, and the result the CLI records for a cancelled call.
// What the CLI rebuilds from them is its client model's (src/clients/gemini-cli.ts).
import { createHash } from "node:crypto";
import type { ToolCallItem, ToolOutputItem } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { Edit, FormatAdapter, RepairContext } from "./adapter.js";
import { isObject, type JsonObject } from "./json-shape.js";
import { writeLines } from "./writer.js";

const isHeader = (value: unknown) => isObject(value) && typeof value.sessionId === "string" && typeof value.projectHash === "string";
const isSessionRecord = (value: unknown) => isObject(value) && (isObject(value.$set) || typeof value.$rewindTo === "string" || (typeof value.id === "string" && typeof value.type === "string" && ["user", "gemini", "info", "error", "warning"].includes(value.type)));

function detect(sample: readonly unknown[]): number {
  if (sample.length === 0) return 0;
  if (isHeader(sample[0])) return 1;
  return sample.some(isSessionRecord) && sample.every((value) => isSessionRecord(value) || isHeader(value)) ? 0.7 : 0;
}

function applyEdits(bytes: Buffer, records: readonly RawRecord[], edits: readonly Edit[]): Buffer {
  const units = records.map((record) => ({ offset: record.span.offset, length: record.span.length, value: record.value }));
  // A legacy document is pretty-printed, as the CLI wrote it; log lines are one compact record each.
  const pretty = records.length === 1 && records[0]?.spansLines === true;
  return writeLines(bytes, units, edits, { serialize: (value) => (pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)) });
}

/** A `gemini` record's `toolCalls[i]`, from a call's (or its result's) pointer; `inList`: the message's place in a `$set.messages`. */
function toolCallOf(pointer: string, record: number, unitValue: (unit: number) => unknown): { value: JsonObject; index: number; inList?: number } | undefined {
  const match = /^(?:\/\$set\/messages\/(\d+))?\/toolCalls\/(\d+)(?:\/result(?:\/\d+)?)?$/.exec(pointer);
  const outer = unitValue(record);
  if (!match || !isObject(outer)) return undefined;
  const inList = match[1] === undefined ? undefined : Number(match[1]);
  const list = inList === undefined ? undefined : isObject(outer.$set) && Array.isArray(outer.$set.messages) ? outer.$set.messages : undefined;
  const value = inList === undefined ? outer : list?.[inList];
  if (!isObject(value) || !Array.isArray(value.toolCalls)) return undefined;
  return { value, index: Number(match[2]), ...(inList !== undefined ? { inList } : {}) };
}

/**
 * The same round inside a `$set.messages` list (the CLI rewrites the whole list on resume): the call's
 * message loses its `result`, the response message after it takes the answer (made when there is none).
 */
function stableRoundInList(record: number, at: { value: JsonObject; index: number; inList: number }, context: RepairContext, answer: unknown | undefined, change: Record<string, unknown>): Edit[] | undefined {
  const outer = context.unitValue(record) as JsonObject;
  const set = outer.$set as JsonObject;
  const messages = [...(set.messages as unknown[])];
  const entry = (at.value.toolCalls as unknown[])[at.index] as JsonObject;
  messages[at.inList] = withoutResult(at.value, at.index, change);
  const next = messages[at.inList + 1];
  const isResponse = isObject(next) && next.type === "user" && Array.isArray(next.content) && next.content.some((p) => isObject(p) && isObject(p.functionResponse));
  if (isResponse) messages[at.inList + 1] = { ...next, content: [...(next.content as unknown[]), ...(answer ? [answer] : [])].map(withBareIds) };
  else if (answer) messages.splice(at.inList + 1, 0, { id: derivedId(`${String(at.value.id)}:${String(entry.id)}`), timestamp: at.value.timestamp, type: "user", content: [withBareIds(answer)] });
  else return undefined;
  return [{ op: "replace", record, value: { ...outer, $set: { ...set, messages } } }];
}

/** Tool call ids are stored as `<name>__<id>`; a response that carries the bare id is one the CLI never pairs back. */
function bareId(id: unknown, name: unknown): unknown {
  return typeof id === "string" && typeof name === "string" && id.startsWith(`${name}__`) ? id.slice(name.length + 2) : id;
}

function withBareIds(part: unknown): unknown {
  if (!isObject(part) || !isObject(part.functionResponse)) return part;
  const response = part.functionResponse;
  return { ...part, functionResponse: { ...response, id: bareId(response.id, response.name) } };
}

function withoutResult(record: JsonObject, index: number, change: Record<string, unknown> = {}): JsonObject {
  const toolCalls = (record.toolCalls as unknown[]).map((entry, i) => {
    if (i !== index || !isObject(entry)) return entry;
    const { result: _result, ...rest } = entry;
    return { ...rest, ...change };
  });
  return { ...record, toolCalls };
}

/**
 * The shape of a tool round that stays valid however often the session is resumed. Gemini CLI 0.61 sends a
 * call's `toolCalls[].result` as a response turn of its own and also every user record's responses (two
 * copies), and on each resume writes that turn back as one more user record; a result it finds in a user
 * record is copied back into `result` when the ids match. So the one answer stands in a user record, with
 * the id the CLI sends (no `<name>__` prefix), and the call keeps no `result`.
 */
function stableRound(call: { value: JsonObject; index: number }, response: { unit: number; value: JsonObject } | undefined, answer: unknown | undefined, change: Record<string, unknown>): Edit[] {
  const edits: Edit[] = [];
  const callRecord = call.value;
  const entry = (callRecord.toolCalls as unknown[])[call.index] as JsonObject;
  const part = answer ?? { functionResponse: { id: entry.id, name: entry.name, response: { error: "" } } };
  return edits.concat(response
    ? [{ op: "replace", record: response.unit, value: { ...response.value, content: (Array.isArray(response.value.content) ? response.value.content : []).map(withBareIds) } }]
    : [{ op: "insert", after: -2, value: { id: derivedId(`${String(callRecord.id)}:${String(entry.id)}`), timestamp: callRecord.timestamp, type: "user", content: [withBareIds(part)] } }]).concat([{ op: "replace", record: -1, value: withoutResult(callRecord, call.index, change) }]);
}

function derivedId(seed: string): string {
  return createHash("sha256").update(`histlint:${seed}`).digest("hex").slice(0, 32);
}

/** A user record that answers the `gemini` record at `unit` (the next conversation record, holding function responses). */
function responseRecordAfter(unit: number, unitValue: (unit: number) => unknown): { unit: number; value: JsonObject } | undefined {
  for (let next = unit + 1; ; next++) {
    const value = unitValue(next);
    if (value === undefined) return undefined;
    if (!isObject(value) || typeof value.id !== "string") continue; // metadata updates sit between them
    if (value.type === "user" && Array.isArray(value.content) && value.content.some((p) => isObject(p) && isObject(p.functionResponse))) return { unit: next, value };
    return undefined;
  }
}

/** Places the edits of a round: the call's record is `record: -1`, a new response record goes after it. */
function placed(edits: Edit[], callUnit: number): Edit[] {
  return edits.map((edit) => (edit.op === "replace" && edit.record === -1 ? { ...edit, record: callUnit } : edit.op === "insert" && edit.after === -2 ? { ...edit, after: callUnit } : edit));
}

/**
 * What Gemini CLI itself writes when a tool call is cancelled — `status: "cancelled"` and an error
 * `functionResponse` — written in the shape that stays valid across resumes (a user record after the call).
 */
export function geminiCliCancelledOutput(call: ToolCallItem, context: RepairContext): Edit[] | undefined {
  const at = toolCallOf(call.source.pointer, call.source.record, context.unitValue);
  if (!at) return undefined;
  const entry = (at.value.toolCalls as unknown[])[at.index] as JsonObject;
  const answer = { functionResponse: { id: entry.id, name: entry.name, response: { error: context.cancelText } } };
  if (at.inList !== undefined) return stableRoundInList(call.source.record, { ...at, inList: at.inList }, context, answer, { status: "cancelled" });
  const response = responseRecordAfter(call.source.record, context.unitValue);
  const withAnswer = response ? { ...response, value: { ...response.value, content: [...(response.value.content as unknown[]), answer] } } : undefined;
  return placed(stableRound(at, withAnswer, answer, { status: "cancelled" }), call.source.record);
}

/** The repair of a response the CLI sends twice: the `result` copy goes, the user record's stays (with the sent id). */
export function geminiCliDuplicateRepair(first: ToolOutputItem, context: RepairContext): Edit[] | undefined {
  const at = toolCallOf(first.source.pointer, first.source.record, context.unitValue);
  if (!at) return undefined;
  if (at.inList !== undefined) return stableRoundInList(first.source.record, { ...at, inList: at.inList }, context, undefined, {});
  const response = responseRecordAfter(first.source.record, context.unitValue);
  if (!response) return undefined;
  return placed(stableRound(at, response, undefined, {}), first.source.record);
}

/** Removes a response part from the user message that holds it (top-level or in a `$set.messages`), and the message when nothing is left. */
export function geminiCliRemoveResponse(response: ToolOutputItem, context: RepairContext): Edit[] | undefined {
  const match = /^((?:\/\$set\/messages\/\d+)?)\/content\/(\d+)$/.exec(response.source.pointer);
  const outer = context.unitValue(response.source.record);
  if (!match || !isObject(outer)) return undefined;
  const part = Number(match[2]);
  const inList = match[1] ? Number((match[1] as string).split("/").pop()) : undefined;
  const dropPart = (message: JsonObject) => ({ ...message, content: (message.content as unknown[]).filter((_, i) => i !== part) });
  if (inList === undefined) {
    if (!Array.isArray(outer.content)) return undefined;
    return outer.content.length <= 1 ? [{ op: "remove", record: response.source.record }] : [{ op: "replace", record: response.source.record, value: dropPart(outer) }];
  }
  const set = outer.$set as JsonObject;
  const messages = [...(set.messages as unknown[])];
  const message = messages[inList];
  if (!isObject(message) || !Array.isArray(message.content)) return undefined;
  if (message.content.length <= 1) messages.splice(inList, 1);
  else messages[inList] = dropPart(message);
  return [{ op: "replace", record: response.source.record, value: { ...outer, $set: { ...set, messages } } }];
}

export const geminiCli: FormatAdapter = { name: "gemini-cli", layout: "lines", detect, applyEdits, cancelledOutput: geminiCliCancelledOutput };
