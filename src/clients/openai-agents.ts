// The OpenAI Agents SDK (JS `@openai/agents` 0.14.3) resuming a serialized run: how `RunState.fromString`
// and `run(agent, state)` rebuild the model input from the state, and how its findings end on resume.
import type { HistoryContext, HistoryStream } from "../formats/index.js";
import { arrayField, isObject, stringField, type JsonObject } from "../formats/json-shape.js";
import { documentText, lineColumn, pointerIndex } from "../formats/json-locate.js";
import { responsesItem } from "../formats/responses-items.js";
import type { Item, Source } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { ClientModel, ClientVerdict, SelfRepair } from "./client.js";
import { readRunState } from "./openai-agents-state.js";

/** The SDK's raw items (camelCase `callId`, `function_call_result`) as the Responses items it sends. */
export function agentsWireItem(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const { callId, providerData: _provider, ...rest } = raw;
  const withCallId = callId === undefined ? rest : { ...rest, call_id: callId };
  if (raw.type !== "function_call_result") return withCallId;
  const output = isObject(raw.output) && raw.output.type === "text" ? stringField(raw.output, "text") ?? "" : raw.output;
  return { type: "function_call_output", call_id: callId, output };
}

interface Placed {
  value: unknown;
  pointer: string;
}

/** `originalInput` (a string, or input items) then the raw items of `generatedItems` but approval placeholders. */
function sentItems(state: JsonObject): Placed[] {
  const input = state.originalInput;
  const first: Placed[] = typeof input === "string" ? [{ value: { type: "message", role: "user", content: input }, pointer: "/originalInput" }] : (Array.isArray(input) ? input : []).map((value, i) => ({ value, pointer: `/originalInput/${i}` }));
  const generated = (arrayField(state, "generatedItems") ?? []).flatMap((runItem, i): Placed[] => {
    if (!isObject(runItem) || runItem.type === "tool_approval_item") return [];
    return [{ value: runItem.rawItem, pointer: `/generatedItems/${i}/rawItem` }];
  });
  return [...first, ...generated];
}

/**
 * What `getTurnInput` keeps of the generated items: a function call without an output is dropped
 * (with a reasoning item right before it), an output whose call is gone is kept, and a compaction
 * starts the input afresh. `runOnResume`: calls that will have an output by then (approved and run).
 */
function rebuild(state: JsonObject, runOnResume: ReadonlySet<string> = new Set()): { kept: Placed[]; droppedCalls: Placed[] } {
  const items = sentItems(state);
  const answered = new Set([...runOnResume, ...items.flatMap(({ value }) => (isObject(value) && value.type === "function_call_result" && typeof value.callId === "string" ? [value.callId] : []))]);
  const unanswered = (value: unknown) => isObject(value) && value.type === "function_call" && !answered.has(String(value.callId));
  const dropped = new Set(items.filter(({ value }) => unanswered(value)));
  items.forEach((item, i) => {
    const next = items.slice(i + 1).find(({ value }) => !(isObject(value) && value.type === "reasoning"));
    if (isObject(item.value) && item.value.type === "reasoning" && next && dropped.has(next)) dropped.add(item);
  });
  const kept = items.filter((item) => !dropped.has(item));
  const compaction = kept.map(({ value }) => isObject(value) && value.type === "compaction").lastIndexOf(true);
  return { kept: compaction < 0 ? kept : kept.slice(compaction), droppedCalls: [...dropped] };
}

/** Where a pointer of the state is in the file, for items and for what the SDK adds. */
function placer(record: RawRecord): (pointer: string) => Source {
  const text = documentText(record.value, record.span);
  return (pointer) => {
    const at = text === undefined ? record.span : lineColumn(text, pointerIndex(text, pointer), record.span);
    return { record: record.index, pointer, line: at.line, column: at.column };
  };
}

function history(records: Iterable<RawRecord>, _context: HistoryContext): HistoryStream {
  const record = [...records][0];
  const state = record && isObject(record.value) ? record.value : undefined;
  if (!record || !state) return { events: [], request: () => undefined };
  const sourceOf = placer(record);
  const items = rebuild(state).kept.map(({ value, pointer }) => responsesItem(agentsWireItem(value), sourceOf(pointer)));
  const agent = isObject(state.currentAgent) ? stringField(state.currentAgent, "name") : undefined;
  return { events: items, request: () => (agent === undefined ? undefined : { parameters: [] }) };
}

/** The pointer of an output the SDK adds on resume (an approved tool's), which stands for nothing in the file. */
export const MADE_BY_AGENTS_SDK = "#agents-sdk-resume";
export const APPROVED_TOOL_OUTPUT = "(the output of the approved tool)";

/**
 * The request a resume sends once every interruption is approved: the pending calls of
 * `lastProcessedResponse.functions` run, so they are sent in place with their outputs appended, in order.
 */
function selfRepair(items: readonly Item[], records: readonly RawRecord[]): SelfRepair {
  const record = records[0];
  const state = record && isObject(record.value) ? record.value : undefined;
  if (!record || !state) return { items: [...items], inserted: new Set(), dropped: [], replaced: [] };
  const facts = readRunState(state);
  const runs = facts.pending.filter((call) => !facts.outputs.has(call.callId));
  const sourceOf = placer(record);
  const resumed = rebuild(state, new Set(runs.map((call) => call.callId))).kept.map(({ value, pointer }) => responsesItem(agentsWireItem(value), sourceOf(pointer)));
  const outputs: Item[] = runs.map((call) => ({ type: "tool_output", kind: "function", wireType: "function_call_output", callId: call.callId, output: APPROVED_TOOL_OUTPUT, source: { ...sourceOf(call.pointer), pointer: MADE_BY_AGENTS_SDK } }));
  return { items: [...resumed, ...outputs], inserted: new Set(outputs), dropped: [], replaced: [] };
}

/** The wire value of an item the SDK adds on resume, or of one read from the state. */
export function agentsUnitValue(item: Item, read: unknown): unknown {
  if (item.source.pointer === MADE_BY_AGENTS_SDK && item.type === "tool_output") return { type: "function_call_output", call_id: item.callId, output: item.output };
  if (item.source.pointer === "/originalInput" && typeof read === "string") return { role: "user", content: read };
  return agentsWireItem(read);
}

/** A document the SDK cannot parse: `RunState.fromString` throws before it looks at anything. */
const UNPARSABLE = new Set(["invalid-json", "truncated-record", "non-object-record", "byte-order-mark", "multi-record-line", "empty-file"]);

/** Rules of the state that the loader refuses, with its error text (or the first words of it). */
const WONT_OPEN: Record<string, string | undefined> = {
  "agents-schema-version": undefined,
  "agents-alias-without-run": "Run state pending agent tool aliases do not match the reconstructed pending function calls.",
  "agents-unknown-name": undefined,
};

/** Rules of the state whose findings the SDK meets by going on: what it does, completing "on resume … ". */
const LOST: Record<string, string> = {
  "agents-approval-lost": "asks the model again and pauses for a new approval",
  "agents-interruption-missing": "pauses again, showing no interruption to approve",
  "agents-nested-run-missing": "starts the nested run again, which asks for the same approval",
  "agents-nested-state-unreadable": "sends the nested run's load error as the tool's output",
  "agents-forged-output": "sends the output the file holds and never runs the tool",
  "agents-decision-never-applies": "pauses again, every time",
};

function verdict(ruleId: string): ClientVerdict {
  if (UNPARSABLE.has(ruleId)) return { consequence: "wont-open", says: "Failed to parse run state. …" };
  if (ruleId in WONT_OPEN) {
    const says = WONT_OPEN[ruleId];
    return says ? { consequence: "wont-open", says } : { consequence: "wont-open" };
  }
  const does = LOST[ruleId];
  // A call missing from a nested run's items is lost (its refusal is swallowed): that rule says so itself.
  return does ? { consequence: "lost", does } : { consequence: "refused" };
}

export const openAiAgentsClient: ClientModel = {
  label: "OpenAI Agents SDK",
  version: "0.14.3",
  format: "openai-agents-state",
  profile: "openai-responses",
  reads: () => true,
  history,
  selfRepair,
  verdict,
};

/** The calls of the state the resume will not send, for the differential tests and replay notes. */
export function callsDroppedOnResume(state: JsonObject): string[] {
  return rebuild(state).droppedCalls.flatMap(({ value }) => (isObject(value) && typeof value.callId === "string" ? [value.callId] : []));
}
