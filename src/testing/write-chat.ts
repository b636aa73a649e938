// Entries as a Chat Completions request: assistant text and calls of one response share a message,
// outputs are tool messages; Chat has no place for reasoning, so it is left out.
import type { Entry } from "./entries.js";

export function chatBody(entries: readonly Entry[]): string {
  const messages: Record<string, unknown>[] = [];
  let assistant: { content: string | null; tool_calls?: unknown[] } | undefined;
  for (const entry of entries) {
    if (entry.type === "assistant" || entry.type === "call") {
      if (!assistant) messages.push((assistant = { role: "assistant", content: null } as { content: string | null }));
      if (entry.type === "assistant") assistant.content = entry.text;
      else (assistant.tool_calls ??= []).push({ id: entry.callId, type: "function", function: { name: entry.name, arguments: entry.tool === "custom" ? JSON.stringify({ input: entry.input }) : entry.input } });
      continue;
    }
    if (entry.type === "reasoning" || entry.type === "compaction") continue;
    assistant = undefined;
    if (entry.type === "user") messages.push({ role: "user", content: entry.text });
    else if (entry.type === "output") messages.push({ role: "tool", tool_call_id: entry.callId, content: entry.output });
    else messages.push(entry.value as Record<string, unknown>);
  }
  return `${JSON.stringify({ model: "gpt-4.1", messages }, null, 2)}\n`;
}
