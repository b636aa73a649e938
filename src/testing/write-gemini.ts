// Entries as a Gemini `generateContent` body: the model's text and calls of one response share a model
// content, the outputs that answer them share the user content after it; reasoning is left out (a thought
// is only sent back with the signature the model gave it).
import type { Entry } from "./entries.js";

type Content = { role: "user" | "model"; parts: Record<string, unknown>[] };

export function geminiBody(entries: readonly Entry[]): string {
  const contents: Content[] = [];
  const names = new Map<string, string>();
  const into = (role: Content["role"], part: Record<string, unknown>) => {
    const last = contents[contents.length - 1];
    const responses = (c: Content) => c.parts.some((p) => "functionResponse" in p);
    // A user text never joins a response turn, nor a response a text turn: they are turns of their own.
    if (last && last.role === role && ("functionResponse" in part) === responses(last)) last.parts.push(part);
    else contents.push({ role, parts: [part] });
  };
  for (const entry of entries) {
    if (entry.type === "user") into("user", { text: entry.text });
    else if (entry.type === "assistant") into("model", { text: entry.text });
    else if (entry.type === "call") {
      names.set(entry.callId, entry.name);
      into("model", { functionCall: { id: entry.callId, name: entry.name, args: entry.tool === "custom" ? { input: entry.input } : safeArgs(entry.input) } });
    } else if (entry.type === "output") {
      into("user", { functionResponse: { id: entry.callId, name: names.get(entry.callId) ?? "tool", response: entry.error ? { error: entry.output } : { output: entry.output } } });
    } else if (entry.type === "wire") contents.push(entry.value as Content);
  }
  return `${JSON.stringify({ contents, generationConfig: { temperature: 1 } }, null, 2)}\n`;
}

function safeArgs(input: string): unknown {
  try {
    const value: unknown = JSON.parse(input);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : { input };
  } catch {
    return { input };
  }
}
