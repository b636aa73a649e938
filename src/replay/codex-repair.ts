// What Codex does to its history before each request: a call with no output gets "aborted" right
// after it, and an output whose call is gone is dropped. `--raw` sends the history without it.
import type { Item, ToolCallItem, ToolOutputItem } from "../history/index.js";

const REPAIRED_CALLS = new Set(["function_call", "custom_tool_call", "local_shell_call"]);
const OUTPUTS = new Set(["function_call_output", "custom_tool_call_output"]);

export interface CodexRepair {
  items: Item[];
  /** The outputs Codex would insert, each standing in for nothing in the file. */
  inserted: Set<Item>;
  /** Outputs dropped because no call in the history has their id. */
  dropped: Item[];
}

export function codexRepair(items: readonly Item[]): CodexRepair {
  const calls = new Set<string>();
  const answered = new Set<string>();
  for (const item of items) {
    if (item.type === "tool_call" && item.callId !== undefined && REPAIRED_CALLS.has(item.wireType)) calls.add(item.callId);
    if (item.type === "tool_output" && item.callId !== undefined) answered.add(item.callId);
  }
  const repaired: Item[] = [];
  const inserted = new Set<Item>();
  const dropped: Item[] = [];
  for (const item of items) {
    if (item.type === "tool_output" && OUTPUTS.has(item.wireType) && (item.callId === undefined || !calls.has(item.callId))) {
      dropped.push(item);
      continue;
    }
    repaired.push(item);
    if (item.type === "tool_call" && item.callId !== undefined && REPAIRED_CALLS.has(item.wireType) && !answered.has(item.callId)) {
      const output = abortedOutput(item);
      inserted.add(output);
      repaired.push(output);
    }
  }
  return { items: repaired, inserted, dropped };
}

/** The output Codex writes for a call it never ran to the end; it points at the call, having no line of its own. */
function abortedOutput(call: ToolCallItem): ToolOutputItem {
  const wireType = call.kind === "custom" ? "custom_tool_call_output" : "function_call_output";
  return { type: "tool_output", kind: call.kind, wireType, callId: call.callId, output: "aborted", source: { ...call.source, pointer: "#codex-repair" } };
}
