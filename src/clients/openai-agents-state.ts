// What a serialized Agents SDK run (`RunState`) holds that decides its resume: calls, approvals, nested runs.
import { arrayField, isObject, joinPointer, stringField, type JsonObject } from "../formats/json-shape.js";

/** The versions `RunState.fromString` of `@openai/agents` 0.14.3 loads. */
export const AGENTS_SCHEMA_VERSIONS: readonly string[] = Array.from({ length: 18 }, (_, minor) => `1.${minor}`);
export const AGENTS_CURRENT_SCHEMA = "1.17";

/** Something of the state at a place: the pointer into the document that holds it. */
export interface Placed {
  pointer: string;
}

export interface PendingCall extends Placed {
  callId: string;
  name: string | undefined;
}

export interface Decision extends Placed {
  callId: string;
  approved: boolean;
  /** `approved: true` (always) rather than a list of call ids. */
  always: boolean;
}

export interface NestedRun extends Placed {
  key: string;
  /** The outer call the nested run answers (the key's part after the last `:`). */
  callId: string;
  /** The nested state, or why the SDK cannot read it. */
  state: RunStateFacts | { error: string };
}

export interface Alias extends Placed {
  alias: string;
  target: string;
}

/** The schema version as the loader sees it. */
export type SchemaCheck = { ok: true } | { ok: false; says: string; problem: string };

export interface RunStateFacts {
  schema: SchemaCheck;
  /** `function_call` raw items of `tool_call_item`s, by call id (the first of each). */
  calls: Map<string, PendingCall>;
  /** `function_call_result` raw items of `tool_call_output_item`s, by call id. */
  outputs: Map<string, Placed[]>;
  /** `tool_approval_item`s of `generatedItems`, by call id. */
  approvalItems: Map<string, Placed & { value: unknown }>;
  /** The approval items of `currentStep.data.interruptions`, when the run is paused. */
  interruptions: PendingCall[];
  paused: boolean;
  /** `lastProcessedResponse.functions`: what runs on resume. */
  pending: PendingCall[];
  decisions: Decision[];
  nested: NestedRun[];
  aliases: Alias[];
  /** The run continues a server-side conversation (`conversationId` / `previousResponseId`). */
  serverManaged: boolean;
  currentAgent: string | undefined;
}

/** The loader's own check of `$schemaVersion`, with its error text. */
export function checkSchema(state: JsonObject): SchemaCheck {
  const version = state.$schemaVersion;
  if (version === undefined || version === null || version === "" || version === 0 || version === false) {
    return { ok: false, says: "Run state is missing schema version", problem: "the state has no `$schemaVersion`" };
  }
  if (typeof version === "string" && AGENTS_SCHEMA_VERSIONS.includes(version)) return { ok: true };
  const shown = String(version);
  const problem = typeof version === "string" ? `\`$schemaVersion\` "${version}" is not one the SDK loads` : `\`$schemaVersion\` is ${JSON.stringify(version)}, not a string`;
  return { ok: false, says: `Run state schema version ${shown} is not supported. Please use version ${AGENTS_CURRENT_SCHEMA}.`, problem };
}

function callOf(raw: unknown, pointer: string): PendingCall | undefined {
  if (!isObject(raw)) return undefined;
  const callId = stringField(raw, "callId");
  return callId === undefined ? undefined : { callId, name: stringField(raw, "name"), pointer };
}

function decisionsOf(context: unknown): Decision[] {
  if (!isObject(context)) return [];
  const decisions: Decision[] = [];
  const add = (entry: unknown, pointer: string) => {
    if (!isObject(entry)) return;
    for (const [approved, key] of [[true, "approved"], [false, "rejected"]] as const) {
      const list = entry[key];
      if (Array.isArray(list)) list.forEach((callId, i) => typeof callId === "string" && decisions.push({ callId, approved, always: false, pointer: joinPointer(pointer, key, i) }));
    }
  };
  // Schema 1.16 on: owner-scoped decisions; before it, one map of tool names.
  (arrayField(context, "functionApprovals") ?? []).forEach((owner, i) => {
    const approvals = isObject(owner) && isObject(owner.approvals) ? owner.approvals : {};
    for (const [tool, entry] of Object.entries(approvals)) add(entry, joinPointer("/context/functionApprovals", i, "approvals", tool));
  });
  if (isObject(context.approvals)) for (const [tool, entry] of Object.entries(context.approvals)) add(entry, joinPointer("/context/approvals", tool));
  return decisions;
}

function nestedState(text: unknown): RunStateFacts | { error: string } {
  if (typeof text !== "string") return { error: "the nested run state is not a string" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Failed to parse run state. ${(error as Error).message}` };
  }
  if (!isObject(value)) return { error: "the nested run state is not a JSON object" };
  return readRunState(value);
}

/** Reads the facts of a state (and, recursively, of the nested runs it holds). */
export function readRunState(state: JsonObject): RunStateFacts {
  const calls = new Map<string, PendingCall>();
  const outputs = new Map<string, Placed[]>();
  const approvalItems = new Map<string, Placed & { value: unknown }>();
  (arrayField(state, "generatedItems") ?? []).forEach((runItem, i) => {
    if (!isObject(runItem)) return;
    const pointer = `/generatedItems/${i}`;
    const raw = runItem.rawItem;
    const type = stringField(runItem, "type");
    const call = callOf(raw, pointer);
    if (!call) return;
    if (type === "tool_call_item" && isObject(raw) && raw.type === "function_call" && !calls.has(call.callId)) calls.set(call.callId, call);
    else if (type === "tool_call_output_item") outputs.set(call.callId, [...(outputs.get(call.callId) ?? []), { pointer }]);
    else if (type === "tool_approval_item" && !approvalItems.has(call.callId)) approvalItems.set(call.callId, { pointer, value: runItem });
  });
  const step = isObject(state.currentStep) ? state.currentStep : undefined;
  const paused = step?.type === "next_step_interruption";
  const interruptionList = paused && isObject(step.data) ? arrayField(step.data, "interruptions") ?? [] : [];
  const interruptions = interruptionList.flatMap((item, i) => {
    const call = isObject(item) ? callOf(item.rawItem, `/currentStep/data/interruptions/${i}`) : undefined;
    return call ? [call] : [];
  });
  const last = isObject(state.lastProcessedResponse) ? state.lastProcessedResponse : {};
  const pending = (arrayField(last, "functions") ?? []).flatMap((fn, i) => {
    const call = isObject(fn) ? callOf(fn.toolCall, `/lastProcessedResponse/functions/${i}`) : undefined;
    return call ? [call] : [];
  });
  const runs = isObject(state.pendingAgentToolRuns) ? state.pendingAgentToolRuns : {};
  const nested = Object.entries(runs).map(([key, text]): NestedRun => ({ key, callId: key.slice(key.lastIndexOf(":") + 1), pointer: joinPointer("/pendingAgentToolRuns", key), state: nestedState(text) }));
  const aliasMap = isObject(state.pendingAgentToolRunAliases) ? state.pendingAgentToolRunAliases : {};
  const aliases = Object.entries(aliasMap).map(([alias, target]) => ({ alias, target: String(target), pointer: joinPointer("/pendingAgentToolRunAliases", alias) }));
  const currentAgent = isObject(state.currentAgent) ? stringField(state.currentAgent, "name") : undefined;
  return {
    schema: checkSchema(state),
    calls,
    outputs,
    approvalItems,
    interruptions,
    paused,
    pending,
    decisions: decisionsOf(state.context),
    nested,
    aliases,
    serverManaged: typeof state.conversationId === "string" || typeof state.previousResponseId === "string",
    currentAgent,
  };
}

/** The interruptions a nested run holds, with the outer call that runs it; the outer step shows them too. */
export function nestedInterruptions(facts: RunStateFacts): Set<string> {
  const ids = new Set<string>();
  for (const run of facts.nested) if (!("error" in run.state)) for (const call of run.state.interruptions) ids.add(call.callId);
  return ids;
}

/** Every state of the file, the outer first, each with the pointer of the string that holds it ("" for the outer). */
export function* statesOf(facts: RunStateFacts, at: NestedPath = []): Generator<{ facts: RunStateFacts; path: NestedPath }> {
  yield { facts, path: at };
  for (const run of facts.nested) if (!("error" in run.state)) yield* statesOf(run.state, [...at, run.pointer]);
}

/** The pointers, outermost first, of the nested-state strings a place lies inside. */
export type NestedPath = readonly string[];
