// The Anthropic Messages API's answers: the message, and its stream of content block events.
import type { Reply } from "./reply.js";
import { chunks } from "./responses-api.js";
import type { Frame } from "./sse.js";

let counter = 0;
const id = (prefix: string) => `${prefix}_01${Date.now().toString(36)}${(counter++).toString(36).padStart(6, "0")}`;

function blocks(reply: Reply): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (reply.reasoning) out.push({ type: "thinking", thinking: reply.reasoning, signature: Buffer.from(reply.reasoning).toString("base64") });
  if (reply.text !== undefined) out.push({ type: "text", text: reply.text });
  for (const call of reply.calls ?? []) out.push({ type: "tool_use", id: id("toolu"), name: call.name, input: call.kind === "custom" ? { input: call.input } : (JSON.parse(call.input || "{}") as unknown) });
  return out;
}

function stopReason(reply: Reply): string {
  return (reply.calls?.length ?? 0) > 0 ? "tool_use" : "end_turn";
}

export function anthropicMessage(model: string, reply: Reply): Record<string, unknown> {
  return { id: id("msg"), type: "message", role: "assistant", model, content: blocks(reply), stop_reason: stopReason(reply), stop_sequence: null, usage: { input_tokens: 100, output_tokens: 20 } };
}

/** message_start → per block start, deltas, stop → message_delta (stop reason, usage) → message_stop. */
export function anthropicFrames(model: string, reply: Reply): Frame[] {
  const frames: Frame[] = [];
  const frame = (event: string, data: unknown) => frames.push({ event, data });
  const message = anthropicMessage(model, reply);
  frame("message_start", { type: "message_start", message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 100, output_tokens: 1 } } });
  (message.content as Record<string, unknown>[]).forEach((block, index) => {
    const empty = block.type === "text" ? { type: "text", text: "" } : block.type === "thinking" ? { type: "thinking", thinking: "", signature: "" } : { ...block, input: {} };
    frame("content_block_start", { type: "content_block_start", index, content_block: empty });
    if (block.type === "text") for (const text of chunks(block.text as string)) frame("content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text } });
    if (block.type === "thinking") {
      frame("content_block_delta", { type: "content_block_delta", index, delta: { type: "thinking_delta", thinking: block.thinking } });
      frame("content_block_delta", { type: "content_block_delta", index, delta: { type: "signature_delta", signature: block.signature } });
    }
    if (block.type === "tool_use") frame("content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) } });
    frame("content_block_stop", { type: "content_block_stop", index });
  });
  frame("message_delta", { type: "message_delta", delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: 20 } });
  frame("message_stop", { type: "message_stop" });
  return frames;
}
