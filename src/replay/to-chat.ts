// A history translated to Chat Completions `messages`: assistant text and calls share one message.
import type { Item } from "../history/index.js";
import { jsonArguments, texts } from "./to-responses.js";
import type { WireUnit } from "./wire.js";

interface ChatAssistant {
  role: "assistant";
  content: string | null;
  tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
}

export function chatUnits(items: readonly Item[]): WireUnit[] {
  const units: WireUnit[] = [];
  let assistant: { unit: WireUnit; message: ChatAssistant } | undefined;
  const openAssistant = (item: Item) => {
    if (assistant) {
      assistant.unit.items.push(item);
      return assistant.message;
    }
    const message: ChatAssistant = { role: "assistant", content: null };
    assistant = { unit: { value: message, items: [item], line: item.source.line, column: item.source.column, modelOutput: true }, message };
    units.push(assistant.unit);
    return message;
  };
  for (const item of items) {
    if (item.type === "message" && item.role === "assistant") {
      const text = texts(item).join("\n");
      if (text === "") continue;
      const message = openAssistant(item);
      message.content = message.content === null ? text : `${message.content}\n${text}`;
    } else if (item.type === "tool_call") {
      const message = openAssistant(item);
      (message.tool_calls ??= []).push({ id: item.callId ?? "", type: "function", function: { name: item.name ?? "tool", arguments: jsonArguments(item) } });
    } else if (item.type === "tool_output") {
      assistant = undefined;
      units.push({ value: { role: "tool", tool_call_id: item.callId ?? "", content: item.output }, items: [item], line: item.source.line, column: item.source.column, modelOutput: false });
    } else if (item.type === "message") {
      const text = texts(item).join("\n");
      if (text === "") continue;
      assistant = undefined;
      units.push({ value: { role: item.role, content: text }, items: [item], line: item.source.line, column: item.source.column, modelOutput: false });
    }
    // reasoning, compactions and unknown items have no Chat form: dropped
  }
  return units;
}
