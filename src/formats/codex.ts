// Codex CLI rollouts: the envelope, the legacy bare format, and the history Codex rebuilds on resume.
import type { HistoryEvent, Item, RequestContext, Source } from "../history/index.js";
import { startsUserTurn } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { FormatAdapter, HistoryContext, HistoryStream } from "./adapter.js";
import { arrayField, isObject, stringField, type JsonObject } from "./json-shape.js";
import { responsesItem } from "./responses-items.js";
import { codexCancelledOutput } from "./cancelled-output.js";
import { writeLines } from "./writer.js";

/** Record types FORMATS.md lists; anything else is passed through as unknown. */
export const CODEX_RECORD_TYPES = new Set([
  "session_meta",
  "response_item",
  "event_msg",
  "turn_context",
  "compacted",
  "world_state",
  "token_usage_record",
  "inter_agent_communication",
]);

const RESPONSE_ITEM_TYPES = new Set([
  "message",
  "reasoning",
  "function_call",
  "function_call_output",
  "custom_tool_call",
  "custom_tool_call_output",
  "local_shell_call",
  "web_search_call",
]);

function isEnvelope(value: unknown): value is JsonObject {
  return isObject(value) && typeof value.type === "string" && "payload" in value && "timestamp" in value;
}

/** A legacy rollout line: a bare session meta, a bare response item, or `{"record_type":"state"}`. */
function isLegacyRecord(value: unknown): boolean {
  if (!isObject(value)) return false;
  return "record_type" in value || RESPONSE_ITEM_TYPES.has(stringField(value, "type") ?? "") || ("id" in value && "timestamp" in value && !("type" in value));
}

function detect(sample: readonly unknown[]): number {
  const first = sample[0];
  if (isEnvelope(first) && first.type === "session_meta") return 1;
  if (sample.length > 0 && sample.every(isEnvelope)) return 0.9;
  if (isObject(first) && "id" in first && "timestamp" in first && !("type" in first) && sample.slice(1).every(isLegacyRecord)) {
    return 0.8;
  }
  return 0;
}

/**
 * A compaction without `replacement_history` keeps only the most recent user messages, about 20,000
 * tokens of them (Codex's COMPACT_USER_MESSAGE_MAX_TOKENS); at four characters a token, this many.
 */
const COMPACTED_USER_TEXT_CHARS = 80_000;

function textLength(item: Item): number {
  return item.type === "message" ? item.content.reduce((n, part) => n + (part.text?.length ?? 0), 0) : 0;
}

/** Follows the rollout record by record, keeping only what a compaction without replacement needs. */
class CodexReconstruction {
  /** Items before the first user turn (instructions, environment context): Codex re-injects them. */
  private readonly initialContext: Item[] = [];
  /** The most recent user messages, within the budget a compaction keeps: memory stays flat. */
  private readonly userMessages: Item[] = [];
  private userText = 0;
  private sawUserTurn = false;
  readonly request: RequestContext = {};

  /** Notes an item on its way into the history (a plain call: this runs once a record). */
  item(item: Item): Item {
    if (item.type === "message" && item.role === "user") {
      if (startsUserTurn(item)) this.sawUserTurn = true;
      if (this.sawUserTurn) this.keepUserMessage(item);
    }
    if (!this.sawUserTurn) this.initialContext.push(item);
    return item;
  }

  private keepUserMessage(item: Item): void {
    this.userMessages.push(item);
    this.userText += textLength(item);
    while (this.userMessages.length > 1 && this.userText > COMPACTED_USER_TEXT_CHARS) {
      this.userText -= textLength(this.userMessages.shift() as Item);
    }
  }

  /** `compacted`: the replacement history, or the initial context, the user messages and the summary. */
  *compacted(payload: JsonObject, source: Source): Generator<HistoryEvent> {
    yield { type: "reset", record: source.record };
    const replacement = arrayField(payload, "replacement_history");
    if (replacement) {
      for (const [i, value] of replacement.entries()) {
        yield responsesItem(value, { ...source, pointer: `/payload/replacement_history/${i}` });
      }
      return;
    }
    yield* this.initialContext;
    yield* this.userMessages;
    const summary = stringField(payload, "message") ?? "";
    yield { type: "message", role: "user", content: [{ kind: "text", wireType: "input_text", text: summary }], source: { ...source, pointer: "/payload/message" } };
  }

  rolledBack(turns: number): void {
    const dropped = this.userMessages.splice(Math.max(0, this.userMessages.length - turns));
    this.userText -= dropped.reduce((n, item) => n + textLength(item), 0);
  }
}

function* codexEvents(records: Iterable<RawRecord>, state: CodexReconstruction): Generator<HistoryEvent> {
  for (const record of records) {
    const value = record.value;
    if (!isObject(value)) continue;
    const source = { record: record.index, pointer: "/payload", line: record.span.line, column: record.span.column };
    if (!isEnvelope(value)) {
      if (RESPONSE_ITEM_TYPES.has(stringField(value, "type") ?? "") || "role" in value) {
        source.pointer = "";
        yield state.item(responsesItem(value, source));
      }
      continue;
    }
    const payload = isObject(value.payload) ? value.payload : {};
    if (value.type === "response_item") {
      yield state.item(responsesItem(payload, source));
    } else if (value.type === "compacted") {
      yield* state.compacted(payload, source);
    } else if (value.type === "event_msg" && payload.type === "thread_rolled_back") {
      const turns = typeof payload.num_turns === "number" ? payload.num_turns : 1;
      state.rolledBack(turns);
      yield { type: "rollback", turns, record: record.index };
    } else if (value.type === "turn_context" && typeof payload.model === "string") {
      state.request.model = payload.model;
    } else if (value.type === "session_meta") {
      const instructions = payload.base_instructions;
      const text = isObject(instructions) ? stringField(instructions, "text") : typeof instructions === "string" ? instructions : undefined;
      if (text !== undefined) state.request.system = text;
    }
  }
}

function history(records: Iterable<RawRecord>, _context: HistoryContext): HistoryStream {
  const state = new CodexReconstruction();
  return { events: codexEvents(records, state), request: () => state.request };
}

const ORDINAL = /"ordinal"\s*:\s*(\d+)/;

/**
 * Keeps `ordinal` consistent across edits: a record's ordinal moves by as many places as the record
 * moved (so numbering the edits do not disturb is left alone, gaps included), and an inserted record
 * takes the ordinal after the record before it.
 */
function applyEdits(bytes: Buffer, records: readonly RawRecord[], edits: Parameters<FormatAdapter["applyEdits"]>[2]): Buffer {
  const ordinalOf = (value: unknown) => (isObject(value) && typeof value.ordinal === "number" ? value.ordinal : undefined);
  const firstOrdinal = records.map((record) => ordinalOf(record.value)).find((o) => o !== undefined);
  const units = records.map((record) => ({ offset: record.span.offset, length: record.span.length, value: record.value }));
  let lastAssigned = firstOrdinal === undefined ? undefined : firstOrdinal - 1;
  const renumberAll = edits.some((edit) => edit.op === "renumber");
  return writeLines(bytes, units, edits, {
    serialize(value) {
      if (lastAssigned === undefined || !isObject(value)) return JSON.stringify(value);
      lastAssigned += 1;
      const { timestamp, ordinal: _replaced, ...rest } = value;
      return JSON.stringify(timestamp === undefined ? { ordinal: lastAssigned, ...rest } : { timestamp, ordinal: lastAssigned, ...rest });
    },
    renumber(text, value, position, index) {
      const ordinal = ordinalOf(value);
      if (ordinal === undefined || !isObject(value)) return text;
      lastAssigned = renumberAll && lastAssigned !== undefined ? lastAssigned + 1 : ordinal + position - index;
      if (lastAssigned === ordinal) return text;
      const match = ORDINAL.exec(text);
      if (match && Number(match[1]) === ordinal) return text.replace(ORDINAL, `"ordinal":${lastAssigned}`);
      return JSON.stringify({ ...value, ordinal: lastAssigned });
    },
  });
}

export const codex: FormatAdapter = { name: "codex", layout: "lines", detect, history, applyEdits, cancelledOutput: codexCancelledOutput };
