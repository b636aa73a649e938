// Gemini CLI 0.61.0: how it loads a session file, rebuilds the conversation on `--resume`
// (`convertSessionToClientHistory`, then consecutive turns of one role merged), what it adds by itself,
// and how it meets each finding. Verified by test/differential/gemini-cli.test.ts against the real binary.
import type { HistoryContext, HistoryStream } from "../formats/index.js";
import { GeminiPairing, geminiContentItems } from "../formats/gemini-parts.js";
import { isObject, stringField, type JsonObject } from "../formats/json-shape.js";
import type { HistoryEvent, Item, MessageItem, RequestContext } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { ClientModel, ClientVerdict, SelfRepair } from "./client.js";
import { contentText, isIgnoredUserText, loadSession, type SessionMessage } from "./gemini-cli-session.js";

/** The model turn Gemini CLI adds when the history ends with function responses nobody answered. */
export const GEMINI_CLI_INTERRUPTED = "[The previous response was interrupted before it completed.]";
/** What Gemini CLI records as the result of a tool call the user cancelled. */
export const GEMINI_CLI_CANCELLED = "[Operation Cancelled] User cancelled tool execution.";
/** The pointer of an item Gemini CLI makes itself on resume. */
export const MADE_BY_GEMINI_CLI = "#gemini-cli-repair";

/** The wire parts each item was rebuilt from, for replay to send them as the CLI does. */
const WIRE_PARTS = new WeakMap<Item, unknown[]>();

export function geminiCliWireParts(item: Item): unknown[] | undefined {
  if (item.source.pointer === MADE_BY_GEMINI_CLI && item.type === "message") return item.content.map((part) => ({ text: part.text ?? "" }));
  return WIRE_PARTS.get(item);
}

const partsOf = (content: unknown): unknown[] => (Array.isArray(content) ? content.map((p) => (typeof p === "string" ? { text: p } : p)) : typeof content === "string" ? [{ text: content }] : content === undefined || content === null ? [] : [content]);

/** Tool call ids are stored as `<name>__<id>`; the CLI sends them without the prefix (`stripToolCallIdPrefixes`). */
function stripIdPrefix(part: unknown): unknown {
  if (!isObject(part)) return part;
  for (const key of ["functionCall", "functionResponse"] as const) {
    const inner = part[key];
    if (!isObject(inner)) continue;
    const name = (stringField(inner, "name") ?? "").trim() || "generic_tool";
    const id = stringField(inner, "id");
    if (id?.startsWith(`${name}__`)) return { ...part, [key]: { ...inner, id: id.slice(name.length + 2) } };
  }
  return part;
}

interface Turn {
  role: "user" | "model";
  parts: { value: unknown; pointer: string; record: RawRecord }[];
}

/** `convertSessionToClientHistory`: the turns a message list becomes, each part with where it came from. */
function turnsOf(messages: readonly SessionMessage[]): Turn[] {
  const turns: Turn[] = [];
  const at = (message: SessionMessage, pointer: string, value: unknown) => ({ value, pointer: `${message.pointer}${pointer}`, record: message.record });
  const fromContent = (message: SessionMessage) => {
    const content = message.value.content;
    if (typeof content === "string") return [at(message, "/content", { text: content })];
    return partsOf(content).map((part, p) => at(message, Array.isArray(content) ? `/content/${p}` : "/content", part));
  };
  for (const message of messages) {
    const value = message.value;
    if (value.type === "user") {
      if (!isIgnoredUserText(contentText(value.content))) turns.push({ role: "user", parts: fromContent(message) });
      continue;
    }
    if (value.type !== "gemini") continue; // info, error, warning: shown, never sent
    const content = value.content ? fromContent(message) : [];
    const toolCalls = Array.isArray(value.toolCalls) ? value.toolCalls.filter(isObject) : [];
    const inContent = content.some((p) => isObject(p.value) && (p.value.functionCall || p.value.thought));
    const model = inContent
      ? content
      : [
          ...(Array.isArray(value.thoughts) ? value.thoughts : []).flatMap((thought, i) => (isObject(thought) ? [at(message, `/thoughts/${i}`, { text: thought.subject ? `**${String(thought.subject)}** ${String(thought.description)}` : String(thought.description), thought: true })] : [])),
          ...content,
          ...toolCalls.map((call, i) => at(message, `/toolCalls/${i}`, { functionCall: { id: call.id, name: call.name, args: call.args } })),
        ];
    if (model.length === 0) continue;
    turns.push({ role: "model", parts: model });
    const responses = toolCalls.flatMap((call, i) => {
      const result = call.result;
      if (!result) return [];
      if (typeof result === "string") return [at(message, `/toolCalls/${i}/result`, { functionResponse: { id: call.id, name: call.name, response: { output: result } } })];
      if (Array.isArray(result)) return partsOf(result).map((part, k) => at(message, `/toolCalls/${i}/result/${k}`, part));
      return [at(message, `/toolCalls/${i}/result`, result)];
    });
    if (responses.length > 0) turns.push({ role: "user", parts: responses });
  }
  // Consecutive turns of one role go as one content (`coalesceConsecutiveRoles`).
  return turns.reduce<Turn[]>((merged, turn) => {
    const last = merged[merged.length - 1];
    if (last && last.role === turn.role) last.parts.push(...turn.parts);
    else merged.push({ role: turn.role, parts: [...turn.parts] });
    return merged;
  }, []);
}

function* turnItems(turns: readonly Turn[]): Generator<HistoryEvent> {
  const pairing = new GeminiPairing();
  for (const [index, turn] of turns.entries()) {
    const parts = turn.parts.map((part) => stripIdPrefix(part.value));
    const items = geminiContentItems({ role: turn.role, parts }, index, (p) => {
      const part = turn.parts[p ?? 0] ?? turn.parts[0];
      return { record: part?.record.index ?? 0, pointer: part?.pointer ?? "", line: part?.record.span.line ?? 1, column: part?.record.span.column ?? 1 };
    }, pairing);
    // Each item's wire parts: the part it starts at, and for a message as many as it has pieces.
    for (const item of items) {
      const first = turn.parts.findIndex((part) => part.pointer === item.source.pointer && part.record.index === item.source.record);
      const count = item.type === "message" ? Math.max(1, item.content.length) : 1;
      if (first !== -1) WIRE_PARTS.set(item, parts.slice(first, first + count));
      yield item;
    }
  }
}

/**
 * The CLI reads its session file line by line and skips, without a word, a line that is not one JSON
 * value: a record pretty-printed over lines, two records on one line. Before 0.60 a session was one
 * JSON document, which 0.61 still loads whole when no line gives it a session.
 */
function readRecords(records: Iterable<RawRecord>): RawRecord[] {
  const all = [...records];
  const lines = all.filter((record) => isObject(record.value) && !record.spansLines && !record.sharesLine);
  const header = lines.some((record) => isObject(record.value) && (typeof record.value.sessionId === "string" || isObject(record.value.$set)));
  if (!header && all.length === 1 && isObject(all[0]?.value) && "sessionId" in (all[0]?.value as JsonObject)) return all;
  return lines;
}

function history(records: Iterable<RawRecord>, _context: HistoryContext): HistoryStream {
  const request: RequestContext = {};
  function* events(): Generator<HistoryEvent> {
    const session = loadSession(readRecords(records));
    for (const message of session.messages) {
      const model = message.value.type === "gemini" ? stringField(message.value, "model") : undefined;
      if (model !== undefined) request.model = model;
    }
    yield* turnItems(turnsOf(session.messages));
  }
  return { events: events(), request: () => request };
}

/** The value Gemini CLI writes in place of a thought signature it does not have. */
export const GEMINI_CLI_SYNTHETIC_SIGNATURE = "skip_thought_signature_validator";

/**
 * Before it sends, the CLI strips thoughts from the model's turns and gives the first call of a turn it
 * stripped a thought from the bypass signature (`stripThoughts`), and it closes a history that ends with
 * function responses with a model turn of its own (`closeUnansweredToolResponseTurn`); everything else goes
 * as rebuilt, the 400s included.
 */
function selfRepair(items: readonly Item[]): SelfRepair {
  const repair: SelfRepair = { items: [], inserted: new Set(), dropped: [], replaced: [] };
  const thinking = new Set(items.flatMap((item) => (item.type === "reasoning" && item.wireType === "thought" ? [item.message] : [])));
  const patched = new Set<number | undefined>();
  for (const item of items) {
    if (item.type === "reasoning" && item.wireType === "thought") {
      repair.dropped.push({ item, why: "Gemini CLI strips thoughts before it sends a turn" });
      continue;
    }
    if (item.type === "tool_call" && thinking.has(item.message) && !patched.has(item.message)) {
      patched.add(item.message);
      if (!item.thoughtSignature) {
        const signed = { ...item, thoughtSignature: GEMINI_CLI_SYNTHETIC_SIGNATURE };
        const wire = WIRE_PARTS.get(item);
        if (wire) WIRE_PARTS.set(signed, wire.map((part) => (isObject(part) ? { ...part, thoughtSignature: GEMINI_CLI_SYNTHETIC_SIGNATURE } : part)));
        repair.replaced.push({ item, with: signed, why: "its turn's thought was stripped" });
        repair.items.push(signed);
        continue;
      }
    }
    repair.items.push(item);
  }
  const last = repair.items[repair.items.length - 1];
  if (last?.type === "tool_output") {
    const closing: MessageItem = { type: "message", role: "assistant", wireRole: "model", content: [{ kind: "text", wireType: "text", text: GEMINI_CLI_INTERRUPTED }], message: (last.message ?? 0) + 1, source: { ...last.source, pointer: MADE_BY_GEMINI_CLI } };
    repair.items.push(closing);
    repair.inserted.add(closing);
  }
  return repair;
}

/** Rules whose findings the CLI meets by itself, completing "on resume Gemini CLI …". */
const LOST: Record<string, string> = {
  "invalid-json": "skips the line without a word (and the next append is glued onto a cut last line)",
  "truncated-record": "skips the cut line, and glues its next record onto it, losing both",
  "multi-record-line": "skips the whole line and every record on it",
  "multi-line-record": "skips every line of the record",
  "non-object-record": "skips the line",
};

/** Findings that stop the CLI loading the file: its session retention then deletes it at the next start. */
const WONT_OPEN: Record<string, string> = {
  "byte-order-mark": "the first line does not parse, so no record gives the session: Gemini CLI's session retention deletes the file (and every file sharing its 8-character id) at the next start",
  "gemini-cli-session-unloadable": "Gemini CLI cannot load it as a session, and its session retention deletes the file (and every file sharing its 8-character id) at the next start",
  "empty-file": "an empty file is not a session: Gemini CLI's session retention deletes it at the next start",
};

function verdict(ruleId: string): ClientVerdict {
  const says = WONT_OPEN[ruleId];
  if (says) return { consequence: "wont-open", says };
  const does = LOST[ruleId];
  return does ? { consequence: "lost", does } : { consequence: "refused" };
}

export const geminiCliClient: ClientModel = {
  label: "Gemini CLI",
  version: "0.61.0",
  format: "gemini-cli",
  profile: "gemini",
  reads: (record) => isObject(record.value) && !record.spansLines && !record.sharesLine,
  history: (records, context) => history(records, context),
  selfRepair,
  verdict,
};

/**
 * `ensureActiveLoopHasThoughtSignatures`: in every request the CLI gives the first call of each model turn
 * since the last user prompt the bypass signature when it has none (a resume's new prompt starts a loop).
 */
export function geminiCliActiveLoop(contents: readonly unknown[]): unknown[] {
  const isPrompt = (c: unknown) => isObject(c) && c.role === "user" && Array.isArray(c.parts) && c.parts.some((p) => isObject(p) && typeof p.text === "string") && !c.parts.some((p) => isObject(p) && p.functionResponse);
  let start = -1;
  for (let i = contents.length - 1; i >= 0 && start === -1; i--) if (isPrompt(contents[i])) start = i;
  if (start === -1) return [...contents];
  return contents.map((content, i) => {
    if (i < start || !isObject(content) || content.role !== "model" || !Array.isArray(content.parts)) return content;
    const first = content.parts.findIndex((p) => isObject(p) && p.functionCall);
    if (first === -1 || (content.parts[first] as JsonObject).thoughtSignature) return content;
    return { ...content, parts: content.parts.map((p, k) => (k === first ? { ...(p as JsonObject), thoughtSignature: GEMINI_CLI_SYNTHETIC_SIGNATURE } : p)) };
  });
}
