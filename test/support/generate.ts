// Generated histories for the repair properties: valid conversations in each format, and the faults
// that break them in the field. (The public generators of histlint/testing grow from these.)
import fc from "fast-check";

/** A conversation: turns of a user message, then steps of optional reasoning and parallel calls, then an answer. */
export interface Conversation {
  turns: { user: string; steps: { reasoning: boolean; calls: number }[]; answer: string }[];
}

const word = fc.constantFrom("list", "files", "run", "tests", "patch", "done", "é", "🙂", "quote\"d");
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(" "));

export const conversation: fc.Arbitrary<Conversation> = fc.record({
  turns: fc.array(
    fc.record({
      user: text,
      steps: fc.array(fc.record({ reasoning: fc.boolean(), calls: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 }),
      answer: text,
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

/** The Responses items of a conversation, with unknown fields the writer must keep. */
function responsesItems(c: Conversation): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  let n = 0;
  for (const turn of c.turns) {
    items.push({ type: "message", role: "user", content: [{ type: "input_text", text: turn.user }] });
    for (const step of turn.steps) {
      n += 1;
      if (step.reasoning) items.push({ type: "reasoning", id: `rs_${n}`, summary: [{ type: "summary_text", text: "think" }], encrypted_content: `gAAAAAB${n}opaque` });
      const ids = Array.from({ length: step.calls }, (_, i) => `call_${n}_${i}`);
      for (const id of ids) items.push({ type: "function_call", id: `fc_${id}`, call_id: id, name: "exec_command", arguments: JSON.stringify({ cmd: "ls" }), x_future_field: 1 });
      for (const id of ids) items.push({ type: "function_call_output", call_id: id, output: `out of ${id}` });
    }
    items.push({ type: "message", role: "assistant", content: [{ type: "output_text", text: turn.answer }] });
  }
  return items;
}

export type GeneratedFormat = "codex" | "responses" | "chat" | "anthropic";

/** The conversation as a file of `format`, one record a line for JSONL formats. */
export function serialize(c: Conversation, format: GeneratedFormat): string {
  if (format === "responses") return responsesItems(c).map((item) => JSON.stringify(item)).join("\n") + "\n";
  if (format === "codex") {
    let ordinal = 0;
    const line = (type: string, payload: unknown) => JSON.stringify({ timestamp: `2026-11-21T18:00:00.${String(ordinal).padStart(3, "0")}Z`, ordinal: ordinal++, type, payload });
    const lines = [line("session_meta", { id: "01a1ff5c-0000-7000-8000-000000000001", timestamp: "2026-11-21T18:00:00.000Z", cwd: "/work", originator: "codex_exec", cli_version: "0.169.0" })];
    for (const item of responsesItems(c)) {
      lines.push(line("response_item", item));
      if (item.type === "function_call_output") lines.push(line("future_record_type", { note: "from a newer Codex" }));
    }
    return lines.join("\n") + "\n";
  }
  const messages: Record<string, unknown>[] = [];
  for (const [t, turn] of c.turns.entries()) {
    messages.push({ role: "user", content: turn.user });
    for (const [s, step] of turn.steps.entries()) {
      const ids = Array.from({ length: step.calls }, (_, i) => `call_${t}_${s}_${i}`);
      if (format === "chat") {
        messages.push({ role: "assistant", content: null, tool_calls: ids.map((id) => ({ id, type: "function", function: { name: "ls", arguments: "{}" } })) });
        for (const id of ids) messages.push({ role: "tool", tool_call_id: id, content: `out of ${id}` });
      } else {
        messages.push({ role: "assistant", content: ids.map((id) => ({ type: "tool_use", id: `toolu_${id}`, name: "ls", input: {} })) });
        messages.push({ role: "user", content: ids.map((id) => ({ type: "tool_result", tool_use_id: `toolu_${id}`, content: `out of ${id}` })) });
      }
    }
    messages.push({ role: "assistant", content: format === "chat" ? turn.answer : [{ type: "text", text: turn.answer }] });
    if (t < c.turns.length - 1 && format === "anthropic") messages.push({ role: "user", content: "next" });
  }
  const body = format === "chat" ? { model: "gpt-4.1", x_future_field: true, messages } : { model: "claude-sonnet-4-5", max_tokens: 1024, x_future_field: true, tools: [{ name: "ls", input_schema: { type: "object" } }], messages };
  return JSON.stringify(body, null, 2) + "\n";
}

/** A fault of the field, applied to the lines of a JSONL file; `line` picks where (modulo the lines it can touch). */
export type Fault = "drop-output" | "drop-call" | "byte-order-mark" | "join-lines" | "pretty-print" | "duplicate-output" | "output-first" | "truncate";

export const faults: Fault[] = ["drop-output", "drop-call", "byte-order-mark", "join-lines", "pretty-print", "duplicate-output", "output-first", "truncate"];

/** Breaks a JSONL file, or returns undefined when the file has nothing this fault applies to. */
export function breakFile(text: string, fault: Fault, pick: number): string | undefined {
  const lines = text.replace(/\n$/, "").split("\n");
  const where = (match: (line: string) => boolean) => {
    const candidates = lines.map((line, i) => (match(line) ? i : -1)).filter((i) => i >= 0);
    return candidates.length === 0 ? undefined : (candidates[pick % candidates.length] as number);
  };
  const output = where((l) => l.includes('"function_call_output"'));
  const call = where((l) => l.includes('"type":"function_call"'));
  const joined = (xs: string[]) => xs.join("\n") + "\n";
  switch (fault) {
    case "drop-output":
      return output === undefined ? undefined : joined(lines.filter((_, i) => i !== output));
    case "drop-call":
      return call === undefined ? undefined : joined(lines.filter((_, i) => i !== call));
    case "byte-order-mark":
      return `\ufeff${text}`;
    case "join-lines": {
      const i = output ?? 1;
      if (i + 1 >= lines.length) return undefined;
      return joined([...lines.slice(0, i), `${lines[i]}${lines[i + 1]}`, ...lines.slice(i + 2)]);
    }
    case "pretty-print":
      return output === undefined ? undefined : joined(lines.flatMap((line, i) => (i === output ? JSON.stringify(JSON.parse(line), null, 2).split("\n") : [line])));
    case "duplicate-output":
      return output === undefined ? undefined : joined(lines.flatMap((line, i) => (i === output ? [line, line] : [line])));
    case "output-first": {
      if (output === undefined) return undefined;
      const callLine = lines.findIndex((l) => l.includes(`"call_id":${JSON.stringify(JSON.parse(lines[output] as string).payload?.call_id ?? JSON.parse(lines[output] as string).call_id)}`));
      if (callLine < 0 || callLine >= output) return undefined;
      const moved = [...lines];
      const [out] = moved.splice(output, 1);
      moved.splice(callLine, 0, out as string);
      return joined(moved);
    }
    case "truncate":
      return `${text}${(lines[lines.length - 1] as string).slice(0, 30)}`;
  }
}
