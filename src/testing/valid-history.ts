// `validHistory`: conversations that lint clean under a profile — turns of a user message, steps of
// reasoning and parallel calls with their outputs, and an answer — in the profile's file format.
import fc from "fast-check";
import type { FormatName } from "../history/index.js";
import type { ProfileName } from "../profiles/index.js";
import { checkFormat, type Entry, type GeneratedHistory } from "./entries.js";
import { text } from "./words.js";
import { writeHistory } from "./write.js";

export interface ValidHistoryOptions {
  profile?: ProfileName;
  /** The file format (default: the profile's client's: codex, responses, chat, anthropic). */
  format?: FormatName;
  maxTurns?: number;
  maxParallelCalls?: number;
  /** Reasoning before calls and answers (Responses items, Anthropic thinking; Chat has none). */
  reasoning?: boolean;
  /** Codex compactions between turns (Codex rollouts only). */
  compaction?: boolean;
}

interface StepShape {
  reasoning: boolean;
  calls: { custom: boolean; failed: boolean; output: string }[];
}

const TOOLS = ["exec_command", "read_file", "web_fetch"];

export function validHistory(options: ValidHistoryOptions = {}): fc.Arbitrary<GeneratedHistory> {
  const profile = options.profile ?? "openai-responses";
  const format = checkFormat(profile, options.format);
  const reasoning = (options.reasoning ?? true) && profile !== "openai-chat" && profile !== "gemini";
  const customTools = profile === "codex" || profile === "openai-responses";
  const compaction = (options.compaction ?? false) && format === "codex";
  const call = fc.record({ custom: customTools ? fc.boolean() : fc.constant(false), failed: fc.boolean(), output: text });
  const step = fc.record({ reasoning: reasoning ? fc.boolean() : fc.constant(false), calls: fc.array(call, { minLength: 1, maxLength: options.maxParallelCalls ?? 3 }) });
  const turn = fc.record({ user: text, steps: fc.array(step, { maxLength: 3 }), thinks: reasoning ? fc.boolean() : fc.constant(false), answer: text, compacted: compaction ? fc.boolean() : fc.constant(false), summary: text });
  return fc.array(turn, { minLength: 1, maxLength: options.maxTurns ?? 3 }).map((turns) => {
    const entries: Entry[] = [];
    let n = 0;
    turns.forEach((t, i) => {
      entries.push({ type: "user", text: t.user });
      for (const s of t.steps as StepShape[]) {
        if (s.reasoning) entries.push({ type: "reasoning", summary: "looking at the files" });
        const ids = s.calls.map(() => `call_${++n}`);
        s.calls.forEach((c, k) => entries.push(c.custom ? { type: "call", callId: ids[k] as string, name: "apply_patch", input: "*** Begin Patch\n*** End Patch", tool: "custom" } : { type: "call", callId: ids[k] as string, name: TOOLS[k % TOOLS.length] as string, input: JSON.stringify({ cmd: `ls ${k}` }), tool: "function" }));
        s.calls.forEach((c, k) => entries.push({ type: "output", callId: ids[k] as string, output: c.output, ...(c.failed ? { error: true } : {}) }));
      }
      if (t.thinks) entries.push({ type: "reasoning", summary: "ready to answer" });
      entries.push({ type: "assistant", text: t.answer });
      if (t.compacted && i < turns.length - 1) entries.push({ type: "compaction", summary: t.summary });
    });
    return { profile, format, entries, text: writeHistory(entries, format) };
  });
}
