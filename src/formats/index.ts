// The formats layer: one adapter a wire format, and detection among them.
import type { FormatName } from "../history/index.js";
import type { FormatAdapter } from "./adapter.js";
import { anthropic } from "./anthropic.js";
import { chat } from "./chat.js";
import { claudeCode } from "./claude-code.js";
import { codex } from "./codex.js";
import { gemini } from "./gemini.js";
import { geminiCli } from "./gemini-cli.js";
import { openAiAgentsState } from "./openai-agents-state.js";
import { responses } from "./responses.js";

export const ADAPTERS: readonly FormatAdapter[] = [codex, claudeCode, responses, chat, anthropic, openAiAgentsState, gemini, geminiCli];

export function adapterFor(name: FormatName): FormatAdapter {
  return ADAPTERS.find((adapter) => adapter.name === name) as FormatAdapter;
}

/** How many leading records detection looks at. */
export const DETECTION_SAMPLE = 8;

/** The adapter most sure of the sample, or undefined when none recognises it. */
export function detectFormat(sample: readonly unknown[]): FormatAdapter | undefined {
  let best: { adapter: FormatAdapter; score: number } | undefined;
  for (const adapter of ADAPTERS) {
    const score = adapter.detect(sample);
    if (score > 0 && (!best || score > best.score)) best = { adapter, score };
  }
  return best?.adapter;
}

export * from "./adapter.js";
export { streamLines, type LineSink, type LineSource, type Unit } from "./line-writer.js";
export { codex, claudeCode, responses, chat, anthropic, openAiAgentsState, gemini, geminiCli };
