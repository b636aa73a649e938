// A history translated to Responses `input` items: what another provider's history becomes on OpenAI.
import { parseObject } from "../formats/json-shape.js";
import type { Item, MessageItem, ToolCallItem, ToolOutputItem } from "../history/index.js";
import type { WireUnit } from "./wire.js";

const unit = (value: unknown, item: Item, modelOutput: boolean): WireUnit => ({ value, items: [item], line: item.source.line, column: item.source.column, modelOutput });

/** Texts of a message's parts; images and files do not survive a translation. */
export function texts(item: MessageItem): string[] {
  return item.content.flatMap((part) => (part.text !== undefined && part.text !== "" ? [part.text] : []));
}

/** Each item as a Responses item; reasoning, compactions and unknown items are dropped (no provider takes another's). */
export function responsesUnits(items: readonly Item[]): WireUnit[] {
  return items.flatMap((item): WireUnit[] => {
    if (item.type === "message") {
      const partType = item.role === "assistant" ? "output_text" : "input_text";
      const content = texts(item).map((text) => ({ type: partType, text }));
      return content.length === 0 ? [] : [unit({ type: "message", role: item.role, content }, item, item.role === "assistant")];
    }
    if (item.type === "tool_call") return [unit(responsesCall(item), item, true)];
    if (item.type === "tool_output") return [unit(responsesOutputOf(item), item, false)];
    return [];
  });
}

function responsesCall(item: ToolCallItem): Record<string, unknown> {
  const callId = item.callId ?? "";
  const name = item.name ?? "tool";
  if (item.kind === "custom") return { type: "custom_tool_call", call_id: callId, name, input: item.arguments ?? "" };
  return { type: "function_call", call_id: callId, name, arguments: jsonArguments(item) };
}

function responsesOutputOf(item: ToolOutputItem): Record<string, unknown> {
  const type = item.kind === "custom" ? "custom_tool_call_output" : "function_call_output";
  return { type, call_id: item.callId ?? "", output: item.output };
}

/** Arguments as a JSON object text: free text (a custom tool's input) is wrapped as `{"input": …}`. */
export function jsonArguments(item: ToolCallItem): string {
  const text = item.arguments ?? "{}";
  return parseObject(text) ? text : JSON.stringify({ input: text });
}
