// Entries as a serialized OpenAI Agents SDK run: the first user text is the input, the rest run items.
import type { Entry } from "./entries.js";

const AGENT = { name: "Assistant" };

function runItem(entry: Entry, index: number): unknown {
  switch (entry.type) {
    case "user":
      return { type: "message_output_item", rawItem: { type: "message", role: "user", content: [{ type: "input_text", text: entry.text }] }, agent: AGENT };
    case "assistant":
      return { type: "message_output_item", rawItem: { type: "message", role: "assistant", status: "completed", id: `msg_${index}`, content: [{ type: "output_text", text: entry.text }] }, agent: AGENT };
    case "reasoning":
      return { type: "reasoning_item", rawItem: { type: "reasoning", id: `rs_${index}`, content: [{ type: "input_text", text: entry.summary }] }, agent: AGENT };
    case "call":
      return { type: "tool_call_item", rawItem: { type: "function_call", id: `fc_${index}`, callId: entry.callId, name: entry.name, status: "completed", arguments: entry.input }, agent: AGENT };
    case "output":
      return { type: "tool_call_output_item", rawItem: { type: "function_call_result", name: "tool", callId: entry.callId, status: "completed", output: { type: "text", text: entry.output } }, agent: AGENT, output: entry.output };
    case "compaction":
      return { type: "compaction_item", rawItem: { type: "compaction", encrypted_content: entry.summary }, agent: AGENT };
    case "wire":
      return entry.value;
  }
}

/** The shape `result.state.toString()` writes (schema 1.17), with the fields resume reads. */
export function agentsState(entries: readonly Entry[]): string {
  const [first, ...rest] = entries;
  const input = first?.type === "user" ? first.text : "";
  const items = first?.type === "user" ? rest : entries;
  return JSON.stringify({
    $schemaVersion: "1.17",
    currentTurn: 1,
    currentAgent: AGENT,
    originalInput: input,
    modelResponses: [],
    context: { usage: { requests: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0 }, approvals: {}, context: {} },
    maxTurns: 10,
    currentStep: { type: "next_step_run_again" },
    generatedItems: items.map(runItem),
    pendingAgentToolRuns: {},
    pendingAgentToolRunAliases: {},
    lastProcessedResponse: { newItems: [], toolsUsed: [], handoffs: [], functions: [], functionToolsNotFound: [], computerActions: [], shellActions: [], applyPatchActions: [], mcpApprovalRequests: [] },
  });
}
