// Entries as Anthropic messages (a request body), or as the Claude Code session that would hold them.
import { parseObject } from "../formats/json-shape.js";
import type { Entry } from "./entries.js";

type Block = Record<string, unknown>;
interface Message {
  role: string;
  content: Block[];
}

/** Consecutive entries of one role share a message: thinking first, tool results in the next user message. */
export function anthropicMessages(entries: readonly Entry[]): Message[] {
  const messages: Message[] = [];
  const add = (role: string, block: Block) => {
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.content.push(block);
    else messages.push({ role, content: [block] });
  };
  entries.forEach((entry, i) => {
    if (entry.type === "user") add("user", { type: "text", text: entry.text });
    else if (entry.type === "assistant") add("assistant", { type: "text", text: entry.text });
    else if (entry.type === "reasoning") add("assistant", { type: "thinking", thinking: entry.summary, signature: `EqQBCkYIARgCKkB${i}` });
    else if (entry.type === "call") add("assistant", { type: "tool_use", id: entry.callId, name: entry.name, input: (entry.tool === "function" && parseObject(entry.input)) || { input: entry.input } });
    else if (entry.type === "output") add("user", { type: "tool_result", tool_use_id: entry.callId, content: entry.output, ...(entry.error ? { is_error: true } : {}) });
    else if (entry.type === "wire") messages.push(entry.value as Message);
  });
  return messages;
}

function toolDefinitions(entries: readonly Entry[]): Block[] {
  const names = [...new Set(entries.flatMap((e) => (e.type === "call" ? [e.name] : [])))];
  return names.map((name) => ({ name, input_schema: { type: "object" } }));
}

export function anthropicBody(entries: readonly Entry[]): string {
  const tools = toolDefinitions(entries);
  return `${JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 1024, ...(tools.length > 0 ? { tools } : {}), messages: anthropicMessages(entries) }, null, 2)}\n`;
}

/**
 * Claude Code's session: one record a content block, chained by `parentUuid`; assistant blocks of
 * one reply share `message.id`, and each tool result is a user record whose parent is its call's
 * record, written after the whole reply (as Claude Code 2.1 writes parallel calls).
 */
export function claudeCodeSession(entries: readonly Entry[]): string {
  let n = 0;
  let parent: string | null = null;
  let text = "";
  const callRecords = new Map<unknown, string>();
  const write = (type: "user" | "assistant", message: Record<string, unknown>, parentUuid = parent) => {
    const uuid = `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
    const record = { parentUuid, isSidechain: false, userType: "external", cwd: "/work", sessionId: "histlint-testing", version: "2.1.330", type, message, uuid, timestamp: new Date(Date.UTC(2026, 10, 21, 18, 0, 0, n)).toISOString() };
    text += `${JSON.stringify(record)}\n`;
    parent = uuid;
    return uuid;
  };
  anthropicMessages(entries).forEach((message, m) => {
    if (message.role === "assistant") {
      for (const block of message.content) {
        const uuid = write("assistant", { id: `msg_${m}`, type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [block] });
        if (block.type === "tool_use") callRecords.set(block.id, uuid);
      }
    } else {
      for (const block of message.content) {
        if (block.type === "text") write("user", { role: "user", content: block.text });
        else write("user", { role: "user", content: [block] }, callRecords.get(block.tool_use_id) ?? parent);
      }
    }
  });
  return text;
}
