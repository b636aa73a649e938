// A history translated to Anthropic `messages`: system text goes to `system`, tool outputs become
// `tool_result` blocks of a user message, and consecutive blocks of one role share a message.
// `tool_use.input` must be an object: arguments that are not one go as `{ input }`.
import { parseObject } from "../formats/json-shape.js";
import type { Item } from "../history/index.js";
import { texts } from "./to-responses.js";
import type { WireUnit } from "./wire.js";

type Block = Record<string, unknown>;

export interface AnthropicTranslation {
  units: WireUnit[];
  /** The text of system and developer messages, which Anthropic takes beside `messages`. */
  system: string[];
}

export function anthropicUnits(items: readonly Item[]): AnthropicTranslation {
  const units: WireUnit[] = [];
  const system: string[] = [];
  const add = (role: "user" | "assistant", block: Block, item: Item) => {
    const last = units[units.length - 1];
    const value = last?.value as { role: string; content: Block[] } | undefined;
    if (last && value?.role === role) {
      value.content.push(block);
      last.items.push(item);
      return;
    }
    units.push({ value: { role, content: [block] }, items: [item], line: item.source.line, column: item.source.column, modelOutput: role === "assistant" });
  };
  for (const item of items) {
    if (item.type === "message") {
      const parts = texts(item);
      if (item.role === "system" || item.role === "developer") system.push(...parts);
      else for (const text of parts) add(item.role === "assistant" ? "assistant" : "user", { type: "text", text }, item);
    } else if (item.type === "tool_call") {
      const text = item.arguments ?? "{}";
      add("assistant", { type: "tool_use", id: item.callId ?? "", name: item.name ?? "tool", input: parseObject(text) ?? { input: text } }, item);
    } else if (item.type === "tool_output") {
      add("user", { type: "tool_result", tool_use_id: item.callId ?? "", content: item.output, ...(item.isError ? { is_error: true } : {}) }, item);
    }
    // reasoning (another provider's is opaque), compactions and unknown items: dropped
  }
  return { units, system };
}
