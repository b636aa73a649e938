// Entries as Responses items: a Codex rollout (session_meta first, one response_item a line), one
// item a line, as the client writes them.
import type { Entry } from "./entries.js";

/** Outputs take the type of their call (a custom tool's output is `custom_tool_call_output`). */
function customCalls(entries: readonly Entry[]): Set<string> {
  return new Set(entries.flatMap((e) => (e.type === "call" && e.tool === "custom" ? [e.callId] : [])));
}

/** The Responses item of an entry; compactions are Codex records, not items. */
function responsesItem(entry: Exclude<Entry, { type: "compaction" }>, index: number, custom: Set<string>): unknown {
  switch (entry.type) {
    case "user":
      return { type: "message", role: "user", content: [{ type: "input_text", text: entry.text }] };
    case "assistant":
      return { type: "message", role: "assistant", content: [{ type: "output_text", text: entry.text }] };
    case "reasoning":
      return { type: "reasoning", id: `rs_${index}`, summary: [{ type: "summary_text", text: entry.summary }], encrypted_content: `gAAAAAB${Buffer.from(`reasoning ${index}`).toString("base64url")}` };
    case "call":
      return entry.tool === "custom"
        ? { type: "custom_tool_call", call_id: entry.callId, name: entry.name, input: entry.input }
        : { type: "function_call", call_id: entry.callId, name: entry.name, arguments: entry.input };
    case "output":
      return { type: custom.has(entry.callId) ? "custom_tool_call_output" : "function_call_output", call_id: entry.callId, output: entry.output };
    case "wire":
      return entry.value;
  }
}

export function responsesLines(entries: readonly Entry[]): string {
  const custom = customCalls(entries);
  return entries.map((entry, i) => (entry.type === "compaction" ? "" : `${JSON.stringify(responsesItem(entry, i, custom))}\n`)).join("");
}

export function codexRollout(entries: readonly Entry[]): string {
  const custom = customCalls(entries);
  let ordinal = 0;
  const line = (type: string, payload: unknown) => `${JSON.stringify({ timestamp: timestamp(ordinal), ordinal: ordinal++, type, payload })}\n`;
  let text = line("session_meta", { id: "0190f3a2-0000-7000-8000-000000000000", timestamp: "2026-11-21T18:00:00.000Z", cwd: "/work", originator: "histlint-testing", cli_version: "0.169.0" });
  entries.forEach((entry, i) => {
    text += entry.type === "compaction" ? line("compacted", { message: entry.summary }) : line("response_item", responsesItem(entry, i, custom));
  });
  return text;
}

const timestamp = (n: number) => new Date(Date.UTC(2026, 10, 21, 18, 0, 0, n)).toISOString();
