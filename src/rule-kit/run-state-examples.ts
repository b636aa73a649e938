// Small run states for the docs of the Agents SDK rules: one paused run, and one that paused inside an
// agent used as a tool, in the shape `result.state.toString()` writes (only the fields resume reads).
import type { JsonObject } from "../formats/json-shape.js";

const call = (callId: string, name: string, args = "{}") => ({ type: "function_call", id: `fc_${callId}`, callId, name, status: "completed", arguments: args });
const approval = (callId: string, name: string, agent: string, args?: string) => ({ type: "tool_approval_item", rawItem: call(callId, name, args), agent: { name: agent }, toolName: name });

/** A run of agent "A" paused before tool "rm" (call "c1") runs: it needs a person's approval. */
export function pausedState(): JsonObject {
  return {
    $schemaVersion: "1.17",
    currentAgent: { name: "A" },
    originalInput: "tidy up",
    context: { approvals: {} },
    currentStep: { type: "next_step_interruption", data: { interruptions: [approval("c1", "rm", "A")] } },
    generatedItems: [{ type: "tool_call_item", rawItem: call("c1", "rm"), agent: { name: "A" } }, approval("c1", "rm", "A")],
    pendingAgentToolRuns: {},
    pendingAgentToolRunAliases: {},
    lastProcessedResponse: { functions: [{ toolCall: call("c1", "rm"), tool: { type: "function", name: "rm" } }] },
  };
}

/** Agent "Boss" called agent "A" as tool "ask_a" (call "o1"); A paused before "rm" (call "c1"). */
export function nestedPausedState(): JsonObject {
  const inner = pausedState();
  const outer = pausedState();
  outer.currentAgent = { name: "Boss" };
  outer.generatedItems = [{ type: "tool_call_item", rawItem: call("o1", "ask_a", '{"input":"tidy up"}'), agent: { name: "Boss" } }];
  outer.lastProcessedResponse = { functions: [{ toolCall: call("o1", "ask_a", '{"input":"tidy up"}'), tool: { type: "function", name: "ask_a" } }] };
  outer.pendingAgentToolRuns = { '["bare","ask_a"]:o1': JSON.stringify(inner) };
  outer.pendingAgentToolRunAliases = { "ask_a:o1": '["bare","ask_a"]:o1' };
  return outer;
}

/** The state after `edit`, as the one-line text the SDK writes. */
export function stateText(state: JsonObject, edit: (state: JsonObject) => void = () => {}): string {
  edit(state);
  return JSON.stringify(state);
}

/** Edits the nested state of `nestedPausedState()`. */
export function inNested(edit: (state: JsonObject) => void): (state: JsonObject) => void {
  return (state) => {
    const runs = state.pendingAgentToolRuns as Record<string, string>;
    const key = Object.keys(runs)[0] as string;
    const inner = JSON.parse(runs[key] as string) as JsonObject;
    edit(inner);
    runs[key] = JSON.stringify(inner);
  };
}
