// Gemini CLI session files (`~/.gemini/tmp/<project>/chats/session-*.jsonl`, and the `.json` documents of
// releases before 0.60): detection, lossless edits, and the result the CLI records for a cancelled call.
// What the CLI rebuilds from them is its client model's (src/clients/gemini-cli.ts).
import { createHash } from "../lazy-crypto.js";
import type { ToolCallItem, ToolOutputItem } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { Edit, FormatAdapter, LineSurvey, RepairContext } from "./adapter.js";
import { isObject, type JsonObject } from "./json-shape.js";
import { writeLines } from "./writer.js";

const isHeader = (value: unknown) => isObject(value) && typeof value.sessionId === "string" && typeof value.projectHash === "string";
const isSessionRecord = (value: unknown) => isObject(value) && (isObject(value.$set) || typeof value.$rewindTo === "string" || (typeof value.id === "string" && typeof value.type === "string" && ["user", "gemini", "info", "error", "warning"].includes(value.type)));

function detect(sample: readonly unknown[]): number {
  if (sample.length === 0) return 0;
  if (isHeader(sample[0])) return 1;
  return sample.some(isSessionRecord) && sample.every((value) => isSessionRecord(value) || isHeader(value)) ? 0.7 : 0;
}

/** A legacy document is pretty-printed, as the CLI wrote it; log lines are one compact record each. */
function lineSurvey(): LineSurvey {
  let count = 0;
  let firstSpansLines = false;
  return {
    note(record) {
      if (count++ === 0) firstSpansLines = record.spansLines;
    },
    style() {
      const pretty = count === 1 && firstSpansLines;
      return { serialize: (value) => (pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)) };
    },
  };
}

function applyEdits(bytes: Buffer, records: readonly RawRecord[], edits: readonly Edit[]): Buffer {
  const survey = lineSurvey();
  records.forEach((record) => survey.note(record));
  const units = records.map((record) => ({ offset: record.span.offset, length: record.span.length, value: record.value }));
  return writeLines(bytes, units, edits, survey.style(edits));
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
 * The shape of a tool round that stays valid however often the session is resumed. Gemini CLI 0.61 sends a
 * call's `toolCalls[].result` as a response turn of its own and also every user record's responses (two
 * copies), writes that turn back as one more user record on each resume, and copies a result it finds in a
 * user record back into `result` when the ids match. A `gemini` record that holds its calls as `functionCall`
 * parts of its `content` (as the CLI itself rewrites a record on resume) and no `toolCalls` is sent with the
 * one answer of the user record after it, and nothing is written back into it. The `toolCalls` (status,
 * display, the result) are kept under `toolCallsMovedByHistlint`, which the CLI ignores: nothing is lost.
 */
function stableRound(callMessage: JsonObject, responseMessage: JsonObject | undefined, cancelled: { index: number; text: string } | undefined): { call: JsonObject; response: JsonObject } {
  const toolCalls = (callMessage.toolCalls as unknown[]).filter(isObject).map((entry, i) => (cancelled?.index === i ? { ...entry, status: "cancelled", result: [errorAnswer(entry, cancelled.text)] } : entry));
  const { toolCalls: _moved, ...rest } = callMessage;
  // On resume the CLI writes the calls into `content` itself: those already there are not added twice.
  const written = partsOf(callMessage.content);
  const inContent = new Set(written.flatMap((part) => (isObject(part) && isObject(part.functionCall) ? [part.functionCall.id] : [])));
  const content = [...written, ...toolCalls.filter((entry) => !inContent.has(entry.id)).map((entry) => ({ functionCall: { id: entry.id, name: entry.name, args: entry.args ?? {} } }))];
  const answers = Array.isArray(responseMessage?.content) ? [...(responseMessage?.content as unknown[])] : [];
  const answered = new Set(answers.flatMap((part) => (isObject(part) && isObject(part.functionResponse) ? [part.functionResponse.id] : [])));
  for (const entry of toolCalls) {
    if (answered.has(entry.id)) continue;
    answers.push(...(typeof entry.result === "string" ? [{ functionResponse: { id: entry.id, name: entry.name, response: { output: entry.result } } }] : Array.isArray(entry.result) ? entry.result : entry.result ? [entry.result] : [errorAnswer(entry, cancelled?.text ?? "")]));
  }
  const response = responseMessage ?? { id: derivedId(`${String(callMessage.id)}:response`), timestamp: callMessage.timestamp, type: "user" };
  return { call: { ...rest, content, toolCallsMovedByHistlint: toolCalls }, response: { ...response, content: answers } };
}

function errorAnswer(entry: JsonObject, text: string): unknown {
  return { functionResponse: { id: entry.id, name: entry.name, response: { error: text } } };
}

function partsOf(content: unknown): unknown[] {
  if (Array.isArray(content)) return content.map((part) => (typeof part === "string" ? { text: part } : part));
  return typeof content === "string" && content !== "" ? [{ text: content }] : [];
}

const isResponseMessage = (value: unknown): value is JsonObject => isObject(value) && value.type === "user" && Array.isArray(value.content) && value.content.some((p) => isObject(p) && isObject(p.functionResponse));

/** The round inside a `$set.messages` list (the CLI rewrites the whole list on resume): one edit of that record. */
function stableRoundInList(record: number, at: { value: JsonObject; inList: number }, context: RepairContext, cancelled: { index: number; text: string } | undefined): Edit[] {
  const outer = context.unitValue(record) as JsonObject;
  const set = outer.$set as JsonObject;
  const messages = [...(set.messages as unknown[])];
  const next = messages[at.inList + 1];
  const round = stableRound(at.value, isResponseMessage(next) ? next : undefined, cancelled);
  messages.splice(at.inList, isResponseMessage(next) ? 2 : 1, round.call, round.response);
  return [{ op: "replace", record, value: { ...outer, $set: { ...set, messages } } }];
}

/** The round as records: the call's record rewritten, the user record after it rewritten or inserted. */
function stableRoundRecords(callUnit: number, callMessage: JsonObject, context: RepairContext, cancelled: { index: number; text: string } | undefined): Edit[] {
  const response = responseRecordAfter(callUnit, context.unitValue);
  const round = stableRound(callMessage, response?.value, cancelled);
  return [
    { op: "replace", record: callUnit, value: round.call },
    response ? { op: "replace", record: response.unit, value: round.response } : { op: "insert", after: callUnit, value: round.response },
  ];
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

/**
 * What Gemini CLI itself writes when a tool call is cancelled — `status: "cancelled"` and an error
 * `functionResponse` — written in the shape that stays valid across resumes.
 */
export function geminiCliCancelledOutput(call: ToolCallItem, context: RepairContext): Edit[] | undefined {
  const at = toolCallOf(call.source.pointer, call.source.record, context.unitValue);
  if (!at) return undefined;
  const cancelled = { index: at.index, text: context.cancelText };
  return at.inList !== undefined ? stableRoundInList(call.source.record, { value: at.value, inList: at.inList }, context, cancelled) : stableRoundRecords(call.source.record, at.value, context, cancelled);
}

/** The repair of a response the CLI sends twice: the round in its stable shape, one answer a call. */
export function geminiCliDuplicateRepair(first: ToolOutputItem, context: RepairContext): Edit[] | undefined {
  const at = toolCallOf(first.source.pointer, first.source.record, context.unitValue);
  if (!at) return undefined;
  return at.inList !== undefined ? stableRoundInList(first.source.record, { value: at.value, inList: at.inList }, context, undefined) : stableRoundRecords(first.source.record, at.value, context, undefined);
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

export const geminiCli: FormatAdapter = { name: "gemini-cli", layout: "lines", detect, applyEdits, lineSurvey, cancelledOutput: geminiCliCancelledOutput };
