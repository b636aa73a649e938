// Claude Code 2.1.330: the conversation it rebuilds from a session's parentUuid tree, what it drops
// or adds by itself before sending it, and how it meets each finding. Verified by
// test/differential/claude-code.test.ts against the real binary.
import { own } from "../history/index.js";
import type { HistoryContext, HistoryStream } from "../formats/index.js";
import { anthropicMessageItems } from "../formats/anthropic-blocks.js";
import { isObject, stringField } from "../formats/json-shape.js";
import type { HistoryEvent, Item, MessageItem, RequestContext, ToolOutputItem } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import { messageId, resumeChain, type ChainRecord } from "./claude-code-chain.js";
import type { ClientModel, ClientVerdict, SelfRepair } from "./client.js";

/** The result Claude Code writes for a call the session ended inside. */
export const CLAUDE_CODE_INTERRUPTED =
  "[Tool call interrupted: the session ended before this call's result was recorded, so its outcome is unknown. Check whether it took effect before relying on it or running it again.]";
/** The assistant message Claude Code adds when the history ends with tool results. */
export const CLAUDE_CODE_NO_RESPONSE = "No response requested.";
const REUSED_CALL_TEXT = "[Tool use interrupted]";
const REUSED_RESULT_TEXT = "(no content)";

/** A record the conversation is made of: a user or assistant message Claude Code sends. */
function sentMessage(entry: ChainRecord): boolean {
  if (localCommandOutput(entry) !== undefined) return true;
  if (entry.value.type !== "user" && entry.value.type !== "assistant") return false;
  if (entry.value.type === "assistant" && entry.value.isApiErrorMessage === true) return false;
  return isObject(entry.value.message);
}

/** A `system` record of a local command's output, which Claude Code sends as the user's text. */
function localCommandOutput(entry: ChainRecord): string | undefined {
  return entry.value.type === "system" && entry.value.subtype === "local_command" ? stringField(entry.value, "content") : undefined;
}

/**
 * Merges the chain into API messages: the records of one assistant reply (same `message.id`), and
 * consecutive user records, which Claude Code sends as one user message with its tool results first.
 */
function* chainItems(chain: ChainRecord[]): Generator<HistoryEvent> {
  let messageIndex = -1;
  let previous: { role: string; key: string | undefined } | undefined;
  let pendingUser: Item[] = [];
  const flushUser = function* () {
    yield* pendingUser.filter((item) => item.type === "tool_output");
    yield* pendingUser.filter((item) => item.type !== "tool_output");
    pendingUser = [];
  };
  for (const entry of chain.filter(sentMessage)) {
    const command = localCommandOutput(entry);
    const message = command !== undefined ? { role: "user", content: command } : (entry.value.message as Record<string, unknown>);
    const role = stringField(message, "role") ?? String(entry.value.type);
    const key = role === "assistant" ? messageId(entry) : "user";
    const continues = previous !== undefined && previous.role === role && key !== undefined && previous.key === key;
    if (!continues) {
      yield* flushUser();
      messageIndex += 1;
    }
    previous = { role, key };
    const at = { record: entry.record.index, line: entry.record.span.line, column: entry.record.span.column };
    const base = command !== undefined ? "/content" : "/message/content";
    const items = anthropicMessageItems(message, messageIndex, (block) => ({ ...at, pointer: block === undefined ? base : `${base}/${block}` }));
    if (role === "user") pendingUser.push(...items);
    else yield* items;
  }
  yield* flushUser();
}

function history(records: Iterable<RawRecord>, _context: HistoryContext): HistoryStream {
  const request: RequestContext = {};
  function* events(): Generator<HistoryEvent> {
    const all = [...records];
    for (const record of all) {
      if (isObject(record.value) && record.value.type === "assistant" && isObject(record.value.message)) {
        const model = stringField(record.value.message, "model");
        if (model !== undefined) request.model = model;
      }
    }
    yield* chainItems(resumeChain(all).records);
  }
  return { events: events(), request: () => request };
}

/** Items grouped by the API message that holds them. */
function byMessage(items: readonly Item[]): Item[][] {
  const groups: Item[][] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.message === item.message) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

const roleOf = (group: readonly Item[]) => (group[0]?.type === "message" ? group[0].role : group[0]?.type === "tool_call" || group[0]?.type === "reasoning" ? "assistant" : "user");

/** An item Claude Code makes on resume; it points at the record it stands beside. */
function made<T extends Item>(item: T, beside: Item): T {
  return { ...item, source: { ...beside.source, pointer: MADE_BY_CLAUDE_CODE } };
}

/**
 * Claude Code's pairing before it sends: a `tool_use` with no result in the next message and a
 * `tool_result` with no `tool_use` in the previous one are dropped without a word; a call the session
 * ended inside gets an interrupted result and "No response requested."; a history that ends with a
 * user message gets that assistant message too; a call id used again later turns that later call into text.
 */
function selfRepair(items: readonly Item[]): SelfRepair {
  const groups = byMessage(items);
  const repair: SelfRepair = { items: [], inserted: new Set(), dropped: [], replaced: [] };
  const usedIds = new Set<string>();
  const out: Item[][] = [];
  groups.forEach((group, g) => {
    const next = groups[g + 1];
    const previous = groups[g - 1];
    const kept: Item[] = [];
    for (const item of group) {
      if (item.type === "tool_call" && item.wireType === "tool_use" && item.callId !== undefined) {
        if (usedIds.has(item.callId)) {
          const text = made<MessageItem>({ type: "message", role: "assistant", content: [{ kind: "text", wireType: "text", text: REUSED_CALL_TEXT }], ...(item.message !== undefined ? { message: item.message } : {}), source: item.source }, item);
          repair.replaced.push({ item, with: text, why: `its id was already used by an earlier call` });
          kept.push(text);
          continue;
        }
        usedIds.add(item.callId);
        const answered = next?.some((o) => o.type === "tool_output" && o.callId === item.callId);
        // The session ended inside these calls: Claude Code answers them itself (below), it does not drop them.
        const endedInside = next === undefined || (g + 2 === groups.length && next.every((o) => o.type === "tool_output"));
        if (!answered && !endedInside) {
          repair.dropped.push({ item, why: "no tool_result answers it in the next message" });
          continue;
        }
      }
      if (item.type === "tool_output" && item.wireType === "tool_result") {
        const call = previous?.find((c) => c.type === "tool_call" && c.callId === item.callId);
        const callKept = call !== undefined && !repair.dropped.some((d) => d.item === call);
        const reused = call !== undefined && repair.replaced.some((r) => r.item === call);
        if (reused) {
          const text = made<MessageItem>({ type: "message", role: "user", content: [{ kind: "text", wireType: "text", text: REUSED_RESULT_TEXT }], ...(item.message !== undefined ? { message: item.message } : {}), source: item.source }, item);
          repair.replaced.push({ item, with: text, why: "its call was sent as text" });
          kept.push(text);
          continue;
        }
        if (!callKept) {
          repair.dropped.push({ item, why: "no tool_use in the previous message has its id" });
          continue;
        }
      }
      kept.push(item);
    }
    // A user message left with nothing goes as "(no content)", so the turns still alternate.
    if (kept.length === 0 && roleOf(group) === "user" && group[0]) {
      const text = made<MessageItem>({ type: "message", role: "user", content: [{ kind: "text", wireType: "text", text: REUSED_RESULT_TEXT }], ...(group[0].message !== undefined ? { message: group[0].message } : {}), source: group[0].source }, group[0]);
      repair.inserted.add(text);
      kept.push(text);
    }
    if (kept.length > 0) out.push(kept);
  });
  // The calls the session ended inside get an interrupted result each, after any real ones.
  const lastCalls = [...out].reverse().find((group) => roleOf(group) === "assistant");
  const afterCalls = lastCalls ? out.slice(out.indexOf(lastCalls) + 1) : [];
  if (lastCalls && afterCalls.length <= 1 && afterCalls.every((group) => group.every((item) => item.type === "tool_output"))) {
    const resultsGroup = afterCalls[0];
    const answered = new Set((resultsGroup ?? []).map((item) => (item as ToolOutputItem).callId));
    const open = lastCalls.filter((item) => item.type === "tool_call" && item.wireType === "tool_use" && !answered.has(item.callId));
    const messageIndex = resultsGroup?.[0]?.message ?? (lastCalls[lastCalls.length - 1]?.message ?? 0) + 1;
    const results = open.map((call) => made<ToolOutputItem>({ type: "tool_output", kind: "function", wireType: "tool_result", callId: (call as { callId?: string }).callId as string, output: CLAUDE_CODE_INTERRUPTED, isError: true, message: messageIndex, source: call.source }, call));
    if (resultsGroup) resultsGroup.push(...results);
    else if (results.length > 0) out.push(results);
    results.forEach((result) => repair.inserted.add(result));
  }
  const end = out[out.length - 1];
  if (end && roleOf(end) === "user") {
    const anchor = end[end.length - 1] as Item;
    const reply = made<MessageItem>({ type: "message", role: "assistant", content: [{ kind: "text", wireType: "text", text: CLAUDE_CODE_NO_RESPONSE }], message: (anchor.message ?? 0) + 1, source: anchor.source }, anchor);
    out.push([reply]);
    repair.inserted.add(reply);
  }
  repair.items = out.flat();
  return repair;
}

/** Rules whose findings Claude Code meets by itself: what it does, completing "on resume Claude Code …". */
const LOST: Record<string, string> = {
  "tool-call-without-output": "drops the call (or, when the session ended inside it, sends an interrupted result)",
  "tool-output-without-call": `sends the result as the text "${REUSED_RESULT_TEXT}"`,
  "tool-output-before-call": "drops the result and the call",
  "tool-output-not-adjacent": "drops the call and its result",
  "duplicate-tool-call-id": `sends the later call as the text "${REUSED_CALL_TEXT}" and its result as "${REUSED_RESULT_TEXT}"`,
  "duplicate-tool-output": "drops the second result",
  "multi-record-line": "reads only the first record on the line",
  "multi-line-record": "skips every line of the record",
  "invalid-json": "skips the line",
  "non-object-record": "skips the line",
  "truncated-record": "skips the cut line",
};

function verdict(ruleId: string): ClientVerdict {
  if (ruleId === "empty-file") return { consequence: "wont-open", says: "No conversation found with session ID: <id>" };
  const does = own(LOST, ruleId);
  return does ? { consequence: "lost", does } : { consequence: "refused" };
}

/**
 * Claude Code reads one JSON object a line; of two records run together on one line it reads the
 * first, and a record pretty-printed over several lines it skips.
 */
function reads(record: RawRecord, previous: RawRecord | undefined): boolean {
  if (!isObject(record.value) || record.spansLines) return false;
  return !record.sharesLine || previous === undefined || previous.span.endLine !== record.span.line;
}

function readRecords(records: Iterable<RawRecord>): RawRecord[] {
  const all = [...records];
  return all.filter((record, i) => reads(record, all[i - 1]));
}

export const claudeCodeClient: ClientModel = {
  label: "Claude Code",
  version: "2.1.330",
  format: "claude-code",
  profile: "anthropic",
  reads: (record) => reads(record, undefined),
  history: (records, context) => history(readRecords(records), context),
  selfRepair,
  verdict,
};


/** The pointer of an item Claude Code makes itself on resume. */
export const MADE_BY_CLAUDE_CODE = "#claude-code-repair";

/** The content blocks of an item Claude Code made, as it sends them. */
export function claudeCodeMadeBlocks(item: Item): unknown[] | undefined {
  if (item.source.pointer !== MADE_BY_CLAUDE_CODE) return undefined;
  if (item.type === "tool_output") return [{ type: "tool_result", tool_use_id: item.callId, content: item.output, ...(item.isError ? { is_error: true } : {}) }];
  if (item.type !== "message") return [];
  // The call it stands for was a block of a model reply, so the text keeps a reply's `citations`.
  return item.content.map((part) => (part.text === REUSED_CALL_TEXT ? { type: "text", text: part.text, citations: [] } : { type: "text", text: part.text ?? "" }));
}
