// Codex CLI 0.169.0: what it reads of a rollout, how it rebuilds the conversation, what it repairs
// by itself before each request, and when it will not open the file. Verified by
// test/differential/codex.test.ts against the real binary.
import { own } from "../history/index.js";
import { createHash } from "../lazy-crypto.js";
import type { HistoryContext, HistoryStream } from "../formats/index.js";
import { RESPONSE_ITEM_TYPES } from "../formats/codex.js";
import { arrayField, isObject, stringField, type JsonObject } from "../formats/json-shape.js";
import { responsesItem } from "../formats/responses-items.js";
import type { HistoryEvent, Item, RequestContext, Source, ToolCallItem, ToolOutputItem } from "../history/index.js";
import { startsUserTurn } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { ClientModel, ClientVerdict, FindingPlace, SelfRepair } from "./client.js";

/** The response item types Codex 0.169 deserialises; a payload of any other type is skipped on resume. */
export const CODEX_ITEM_TYPES: ReadonlySet<string> = new Set([...RESPONSE_ITEM_TYPES, "image_generation_call", "tool_search_call", "tool_search_output", "compaction"]);

/** Codex's text when line 1 is not a session meta it can parse. */
export const CODEX_NO_SESSION_META = "rollout at <path> does not start with session metadata";

/**
 * A compaction without `replacement_history` keeps only the most recent user messages, about 20,000
 * tokens of them (Codex's COMPACT_USER_MESSAGE_MAX_TOKENS); at four characters a token, this many.
 */
const COMPACTED_USER_TEXT_CHARS = 80_000;

function isEnvelope(value: unknown): value is JsonObject {
  return isObject(value) && typeof value.type === "string" && "payload" in value && "timestamp" in value;
}

function textLength(item: Item): number {
  return item.type === "message" ? item.content.reduce((n, part) => n + (part.text?.length ?? 0), 0) : 0;
}

/** Follows the rollout record by record, keeping only what a compaction without replacement needs. */
class CodexReconstruction {
  /** The most recent user messages, within the budget a compaction keeps: memory stays flat. */
  private readonly userMessages: Item[] = [];
  private userText = 0;
  readonly request: RequestContext = {};

  /** Notes an item on its way into the history (a plain call: this runs once a record). */
  item(item: Item): Item {
    // Injected context (`<environment_context>`, AGENTS.md) is not a user message to Codex's compaction.
    if (item.type === "message" && item.role === "user" && startsUserTurn(item)) this.keepUserMessage(item);
    return item;
  }

  private keepUserMessage(item: Item): void {
    this.userMessages.push(item);
    this.userText += textLength(item);
    while (this.userMessages.length > 1 && this.userText > COMPACTED_USER_TEXT_CHARS) {
      this.userText -= textLength(this.userMessages.shift() as Item);
    }
  }

  /**
   * `compacted`: the replacement history, or the user messages so far and the summary. Codex 0.169
   * sends the context it injects (environment, skills, tools) afresh with the next turn.
   */
  *compacted(payload: JsonObject, source: Source): Generator<HistoryEvent> {
    yield { type: "reset", record: source.record };
    const replacement = arrayField(payload, "replacement_history");
    if (replacement) {
      for (const [i, value] of replacement.entries()) {
        if (isObject(value) && CODEX_ITEM_TYPES.has(stringField(value, "type") ?? "")) {
          yield responsesItem(value, { ...source, pointer: `/payload/replacement_history/${i}` });
        }
      }
      return;
    }
    yield* this.userMessages;
    const summary = stringField(payload, "message") ?? "";
    yield { type: "message", role: "user", content: [{ kind: "text", wireType: "input_text", text: summary }], source: { ...source, pointer: "/payload/message" } };
  }

  rolledBack(turns: number): void {
    const dropped = this.userMessages.splice(Math.max(0, this.userMessages.length - turns));
    this.userText -= dropped.reduce((n, item) => n + textLength(item), 0);
  }
}

/** Codex reads a rollout one line at a time: a line that is not exactly one JSON object is skipped whole. */
function reads(record: RawRecord): boolean {
  return isObject(record.value) && !record.sharesLine && !record.spansLines;
}

/** A legacy rollout line is a bare item; everything Codex knows of it is its type. */
function legacyItem(value: JsonObject): boolean {
  const type = stringField(value, "type") ?? (value.role !== undefined ? "message" : "");
  return CODEX_ITEM_TYPES.has(type);
}

/**
 * The history events of a rollout, record by record: an iterator by hand, not a generator, with one
 * result object for every step, since it runs once a record (a compaction's several events come from
 * a generator of their own, once a compaction).
 */
class CodexEvents implements IterableIterator<HistoryEvent> {
  private readonly records: Iterator<RawRecord>;
  /** The events of a compaction still to give. */
  private compaction: Generator<HistoryEvent> | undefined;
  private readonly result: IteratorYieldResult<HistoryEvent> = { done: false, value: undefined as unknown as HistoryEvent };

  constructor(
    records: Iterable<RawRecord>,
    private readonly state: CodexReconstruction,
  ) {
    this.records = records[Symbol.iterator]();
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<HistoryEvent> {
    for (;;) {
      if (this.compaction) {
        const next = this.compaction.next();
        if (!next.done) return this.give(next.value);
        this.compaction = undefined;
      }
      const next = this.records.next();
      if (next.done) return EVENTS_DONE;
      const event = this.eventOf(next.value);
      if (event) return this.give(event);
    }
  }

  private give(event: HistoryEvent): IteratorResult<HistoryEvent> {
    this.result.value = event;
    return this.result;
  }

  /** What one record adds to the history, if anything (a compaction's events are queued). */
  private eventOf(record: RawRecord): HistoryEvent | undefined {
    if (!reads(record)) return undefined;
    const state = this.state;
    const value = record.value as JsonObject;
    const source = { record: record.index, pointer: "/payload", line: record.span.line, column: record.span.column };
    if (!isEnvelope(value)) {
      if (!legacyItem(value)) return undefined;
      source.pointer = "";
      return state.item(responsesItem(value, source));
    }
    const payload = isObject(value.payload) ? value.payload : {};
    if (value.type === "response_item") {
      if (CODEX_ITEM_TYPES.has(stringField(payload, "type") ?? "")) return state.item(responsesItem(payload, source));
    } else if (value.type === "compacted") {
      this.compaction = state.compacted(payload, source);
    } else if (value.type === "event_msg" && payload.type === "thread_rolled_back") {
      const turns = typeof payload.num_turns === "number" ? payload.num_turns : 1;
      state.rolledBack(turns);
      return { type: "rollback", turns, record: record.index };
    } else if (value.type === "turn_context" && typeof payload.model === "string") {
      state.request.model = payload.model;
    } else if (value.type === "session_meta") {
      const instructions = payload.base_instructions;
      const text = isObject(instructions) ? stringField(instructions, "text") : typeof instructions === "string" ? instructions : undefined;
      if (text !== undefined) state.request.system = text;
    }
    return undefined;
  }
}

const EVENTS_DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

const CALLS_ANSWERED_BY: Record<string, readonly string[]> = {
  function_call_output: ["function_call", "local_shell_call"],
  custom_tool_call_output: ["custom_tool_call"],
};
const OUTPUT_FOR_CALL: Record<string, string> = { function_call: "function_call_output", local_shell_call: "function_call_output", custom_tool_call: "custom_tool_call_output" };

/**
 * Codex's normalisation before each prompt: an output whose call (of the kind that output answers) is
 * not in the history is removed, and a call with no output of its kind gets `"aborted"` right after it.
 */
function selfRepair(items: readonly Item[]): SelfRepair {
  const calls = new Set<string>();
  const answered = new Set<string>();
  for (const item of items) {
    if (item.type === "tool_call" && item.callId !== undefined && own(OUTPUT_FOR_CALL, item.wireType)) calls.add(`${own(OUTPUT_FOR_CALL, item.wireType)}:${item.callId}`);
  }
  const dropped: SelfRepair["dropped"] = [];
  const kept: Item[] = [];
  for (const item of items) {
    if (item.type === "tool_output" && own(CALLS_ANSWERED_BY, item.wireType) && !calls.has(`${item.wireType}:${item.callId ?? ""}`)) {
      const answersOtherKind = items.some((call) => call.type === "tool_call" && call.callId === item.callId);
      dropped.push({ item, why: answersOtherKind ? `it is a ${item.wireType}, and its call is not of that kind` : "no call in the history has its call_id" });
      continue;
    }
    if (item.type === "tool_output" && item.callId !== undefined) answered.add(`${item.wireType}:${item.callId}`);
    kept.push(item);
  }
  const repaired: Item[] = [];
  const inserted = new Set<Item>();
  for (const item of kept) {
    repaired.push(item);
    const outputType = item.type === "tool_call" ? own(OUTPUT_FOR_CALL, item.wireType) : undefined;
    if (item.type === "tool_call" && outputType && item.callId !== undefined && !answered.has(`${outputType}:${item.callId}`)) {
      const output = abortedOutput(item, outputType);
      inserted.add(output);
      repaired.push(output);
    }
  }
  return { items: repaired, inserted, dropped, replaced: [] };
}

/**
 * The output Codex sends for a call that has none; it points at the call, having no line of its own.
 * Codex gives it an id of its own (`fco_`/`ctco_` and a uuid derived from the call); histlint derives
 * one the same shape, since no request of Codex's can tell it the real one.
 */
function abortedOutput(call: ToolCallItem, wireType: string): ToolOutputItem {
  const kind = wireType === "custom_tool_call_output" ? "custom" : "function";
  const prefix = kind === "custom" ? "ctco" : "fco";
  return { type: "tool_output", kind, wireType, callId: call.callId, output: "aborted", id: `${prefix}_${derivedUuid(`${wireType}:${call.callId}`)}`, source: { ...call.source, pointer: MADE_BY_CODEX } };
}

/** The pointer of an item Codex makes itself. */
export const MADE_BY_CODEX = "#codex-repair";

/** The wire value of an item Codex made (an aborted output). */
export function codexMadeItem(item: Item): Record<string, unknown> | undefined {
  if (item.type !== "tool_output" || item.source.pointer !== MADE_BY_CODEX) return undefined;
  return { type: item.wireType, id: item.id, call_id: item.callId, output: item.output };
}

/** A v5-shaped uuid from a seed: the same input always gives the same id. */
export function derivedUuid(seed: string): string {
  const hex = createHash("sha1").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Rules whose findings Codex meets by itself: what it does, completing "on resume Codex …". */
const LOST: Record<string, string> = {
  "tool-call-without-output": 'sends "aborted" as the output, so the model is told the call never finished',
  "tool-output-without-call": "drops the output",
  "multi-record-line": "skips the whole line, and every record on it",
  "multi-line-record": "skips every line of the record",
  "invalid-json": "skips the line",
  "non-object-record": "skips the line",
  "truncated-record": "skips the cut line",
};

/** Read problems on line 1 leave Codex without its session meta: it will not open the file. */
const UNREADABLE_FIRST_LINE = new Set(["byte-order-mark", "invalid-json", "truncated-record", "non-object-record", "multi-record-line", "multi-line-record"]);

function verdict(ruleId: string, place: FindingPlace): ClientVerdict {
  if (ruleId === "empty-file") return { consequence: "wont-open", says: "rollout at <path> is empty" };
  if (ruleId === "missing-session-meta" || (UNREADABLE_FIRST_LINE.has(ruleId) && place.line === 1)) {
    return { consequence: "wont-open", says: CODEX_NO_SESSION_META };
  }
  const does = own(LOST, ruleId);
  return does ? { consequence: "lost", does } : { consequence: "refused" };
}

function history(records: Iterable<RawRecord>, _context: HistoryContext): HistoryStream {
  const state = new CodexReconstruction();
  return { events: new CodexEvents(records, state), request: () => state.request };
}

/**
 * Codex 0.169's own gpt-5.5 base instructions, as it records them (sha-256 of the 21,459 characters):
 * when a rollout holds exactly these, Codex renders them afresh for the tools of the run, and `exec`
 * has no plan tool, so one line goes. Any other text is sent as written.
 */
const OWN_TEMPLATE_SHA256 = "2351631dfc5644dc5a45eaaca4139475bd02810ee6cb792d058b551559b3242e";
const PLAN_TOOL_LINE = "- If you create a checklist or task list, you update item statuses incrementally as each item is completed rather than marking every item done only at the end.\n";

/** What stands for Codex's built-in base instructions, which it sends when the rollout records none. */
export const CODEX_BUILT_IN_INSTRUCTIONS = "[Codex CLI 0.169.0's built-in base instructions: the rollout records none, so Codex sends its own]";

/** The base instructions as Codex sends them: the first item of `input`, a developer message. */
export function codexInstructionsItem(recorded: string | undefined): Record<string, unknown> {
  const text = recorded ?? CODEX_BUILT_IN_INSTRUCTIONS;
  const sent = createHash("sha256").update(text).digest("hex") === OWN_TEMPLATE_SHA256 ? text.replace(PLAN_TOOL_LINE, "") : text;
  // Codex mints the message's id for each session; histlint derives one of the same shape.
  return { type: "message", id: `msg_${derivedUuid(`instructions:${text}`)}`, role: "developer", content: [{ type: "input_text", text: sent }] };
}

/** Fields Codex keeps in the rollout and strips before sending an item. */
const UNSENT_FIELDS = ["internal_chat_message_metadata_passthrough"];

/** Fields Codex always sends for an item type, `null` when the file has none (it re-serialises each item). */
const NULL_FIELDS: Record<string, readonly string[]> = { reasoning: ["content", "encrypted_content"] };

/** An item as Codex sends it. */
export function codexWireItem(value: unknown): unknown {
  if (!isObject(value)) return value;
  const nulls = (own(NULL_FIELDS, stringField(value, "type") ?? "") ?? []).filter((field) => !(field in value));
  if (nulls.length === 0 && !UNSENT_FIELDS.some((field) => field in value)) return value;
  const sent: JsonObject = { ...value };
  for (const field of UNSENT_FIELDS) delete sent[field];
  for (const field of nulls) sent[field] = null;
  return sent;
}

export const codexClient: ClientModel & { wireItem: typeof codexWireItem } = {
  label: "Codex CLI",
  version: "0.169.0",
  format: "codex",
  profile: "codex",
  reads,
  history,
  selfRepair,
  verdict,
  wireItem: codexWireItem,
};
