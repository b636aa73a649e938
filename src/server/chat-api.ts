// The Chat Completions API's answers: the completion, and its stream of chunks ending in [DONE].
import type { Reply } from "./reply.js";
import { chunks } from "./responses-api.js";
import type { Frame } from "./sse.js";

let counter = 0;

function toolCalls(reply: Reply) {
  return (reply.calls ?? []).map((call, index) => ({ index, id: `call_${Date.now().toString(36)}${(counter++).toString(36)}`, type: "function", function: { name: call.name, arguments: call.input } }));
}

const usage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };

export function chatCompletion(model: string, reply: Reply): Record<string, unknown> {
  const calls = toolCalls(reply).map(({ index: _index, ...call }) => call);
  const message = { role: "assistant", content: reply.text ?? null, refusal: null, annotations: [], ...(calls.length > 0 ? { tool_calls: calls } : {}) };
  return {
    id: `chatcmpl-${Date.now().toString(36)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: calls.length > 0 ? "tool_calls" : "stop" }],
    usage,
  };
}

/** The role first; a call's first chunk has its id and name, later ones argument fragments; then finish, usage, [DONE]. */
export function chatFrames(model: string, reply: Reply, includeUsage: boolean): Frame[] {
  const frames: Frame[] = [];
  const frame = (data: unknown) => frames.push({ data });
  const base = { id: `chatcmpl-${Date.now().toString(36)}`, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => frame({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  chunk({ role: "assistant", content: "", refusal: null });
  if (reply.text !== undefined) for (const text of chunks(reply.text)) chunk({ content: text });
  for (const call of toolCalls(reply)) {
    chunk({ tool_calls: [{ index: call.index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] });
    for (const fragment of chunks(call.function.arguments)) chunk({ tool_calls: [{ index: call.index, function: { arguments: fragment } }] });
  }
  chunk({}, (reply.calls?.length ?? 0) > 0 ? "tool_calls" : "stop");
  if (includeUsage) frame({ ...base, choices: [], usage });
  frame("[DONE]");
  return frames;
}
