// The Responses API's answers: the response object, and its stream in the order PROVIDERS.md records.
import type { Reply } from "./reply.js";
import type { Frame } from "./sse.js";

let counter = 0;
const id = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(counter++).toString(36).padStart(4, "0")}`;

/** The output items of a reply, with ids of the right prefixes. */
export function responsesOutput(reply: Reply): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  if (reply.reasoning) items.push({ id: id("rs"), type: "reasoning", summary: [{ type: "summary_text", text: reply.reasoning }], encrypted_content: `gAAAAAB${Buffer.from(reply.reasoning).toString("base64url")}` });
  for (const call of reply.calls ?? []) {
    const callId = id("call");
    if (call.kind === "custom") items.push({ id: id("ctc"), type: "custom_tool_call", status: "completed", call_id: callId, name: call.name, input: call.input });
    else if (call.kind === "local_shell") {
      const command = (JSON.parse(call.input || "{}") as { command?: unknown }).command;
      items.push({ id: id("lsh"), type: "local_shell_call", status: "completed", call_id: callId, action: { type: "exec", command: Array.isArray(command) ? command : ["true"], env: {} } });
    }
    else items.push({ id: id("fc"), type: "function_call", status: "completed", arguments: call.input, call_id: callId, name: call.name });
  }
  if (reply.text !== undefined) items.push({ id: id("msg"), type: "message", status: "completed", role: "assistant", content: [{ type: "output_text", text: reply.text, annotations: [] }] });
  return items;
}

export function responseObject(model: string, output: Record<string, unknown>[], status = "completed"): Record<string, unknown> {
  const outputTokens = 12 + output.length * 8;
  return {
    id: id("resp"),
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status,
    model,
    output,
    usage: { input_tokens: 100, input_tokens_details: { cached_tokens: 0 }, output_tokens: outputTokens, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 100 + outputTokens },
  };
}

/** response.created → in_progress → per item its events → response.completed; `sequence_number` from 0. */
export function responseFrames(model: string, reply: Reply): Frame[] {
  const frames: Frame[] = [];
  let sequence = 0;
  const send = (type: string, fields: Record<string, unknown>) => frames.push({ event: type, data: { type, sequence_number: sequence++, ...fields } });
  const output = responsesOutput(reply);
  const final = responseObject(model, output);
  const pending = { ...final, status: "in_progress", output: [], usage: null };
  send("response.created", { response: pending });
  send("response.in_progress", { response: pending });
  output.forEach((item, outputIndex) => {
    const itemId = item.id as string;
    if (item.type === "message") {
      const text = ((item.content as { text: string }[])[0] as { text: string }).text;
      send("response.output_item.added", { output_index: outputIndex, item: { ...item, status: "in_progress", content: [] } });
      const part = { type: "output_text", text: "", annotations: [] };
      send("response.content_part.added", { item_id: itemId, output_index: outputIndex, content_index: 0, part });
      for (const delta of chunks(text)) send("response.output_text.delta", { item_id: itemId, output_index: outputIndex, content_index: 0, delta });
      send("response.output_text.done", { item_id: itemId, output_index: outputIndex, content_index: 0, text });
      send("response.content_part.done", { item_id: itemId, output_index: outputIndex, content_index: 0, part: { ...part, text } });
    } else if (item.type === "function_call") {
      send("response.output_item.added", { output_index: outputIndex, item: { ...item, status: "in_progress", arguments: "" } });
      for (const delta of chunks(item.arguments as string)) send("response.function_call_arguments.delta", { item_id: itemId, output_index: outputIndex, delta });
      send("response.function_call_arguments.done", { item_id: itemId, output_index: outputIndex, arguments: item.arguments });
    } else if (item.type === "reasoning") {
      const text = ((item.summary as { text: string }[])[0] as { text: string }).text;
      send("response.output_item.added", { output_index: outputIndex, item: { ...item, summary: [] } });
      send("response.reasoning_summary_part.added", { item_id: itemId, output_index: outputIndex, summary_index: 0, part: { type: "summary_text", text: "" } });
      send("response.reasoning_summary_text.delta", { item_id: itemId, output_index: outputIndex, summary_index: 0, delta: text });
      send("response.reasoning_summary_text.done", { item_id: itemId, output_index: outputIndex, summary_index: 0, text });
      send("response.reasoning_summary_part.done", { item_id: itemId, output_index: outputIndex, summary_index: 0, part: { type: "summary_text", text } });
    } else {
      send("response.output_item.added", { output_index: outputIndex, item });
    }
    send("response.output_item.done", { output_index: outputIndex, item });
  });
  send("response.completed", { response: final });
  return frames;
}

/** Text in a few deltas, as a model streams it. */
export function chunks(text: string): string[] {
  if (text.length === 0) return [""];
  const size = Math.max(1, Math.ceil(text.length / 3));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
