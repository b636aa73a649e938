// What the mock answers when a request is valid: a tiny agent that drives a client through a tool round trip.
import type { Item } from "../history/index.js";

export interface ToolCallReply {
  kind: "function" | "custom" | "local_shell";
  name: string;
  /** JSON arguments for a function (for a local shell call, `{"command": [...]}`), free text for a custom tool. */
  input: string;
}

/** A model turn: optional reasoning, then text or tool calls. */
export interface Reply {
  reasoning?: string;
  text?: string;
  calls?: ToolCallReply[];
}

export interface OfferedTool {
  name: string;
  kind: "function" | "custom";
}

/**
 * With tools on offer and a user message last, it calls the first tool; once outputs came back (or
 * with no tools), it answers with text naming what it saw: enough for a client's full loop.
 */
export function defaultReply(items: readonly Item[], tools: readonly OfferedTool[]): Reply {
  const last = items[items.length - 1];
  const first = tools[0];
  if (first && last?.type === "message" && last.role === "user") {
    return { calls: [{ kind: first.kind, name: first.name, input: first.kind === "custom" ? "" : "{}" }] };
  }
  if (last?.type === "tool_output") return { text: `The tool answered: ${last.output.slice(0, 200)}` };
  return { text: "Hello from the histlint mock provider." };
}
