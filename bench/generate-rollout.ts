// Writes a Codex-style rollout of a given size with a realistic record mix, for the benchmarks.
import { closeSync, openSync, writeSync } from "node:fs";

/** A deterministic pseudo-random source, so two runs write the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = "the agent reads a file then runs the tests and patches the failing function before it answers".split(" ");

function text(next: () => number, bytes: number): string {
  let out = "";
  while (out.length < bytes) out += (WORDS[Math.floor(next() * WORDS.length)] as string) + (next() < 0.1 ? "\n" : " ");
  return out.slice(0, bytes);
}

/** Shaped like OpenAI's encrypted reasoning: a Fernet token (version byte 0x80, a timestamp, then data). */
function opaque(next: () => number, bytes: number): string {
  const header = Buffer.from([0x80, 0, 0, 0, 0, 0x6a, 0xff, 0x39, 0x20]);
  return Buffer.concat([header, Buffer.from(text(next, Math.ceil((bytes * 3) / 4)))]).toString("base64url").slice(0, bytes);
}

/**
 * Writes about `megabytes` MB; returns the number of records written. `resumable` gives the session
 * meta the timestamp Codex needs to open the file, so replay sends it as Codex would.
 */
export function generateRollout(path: string, megabytes: number, seed = 7, options: { resumable?: boolean } = {}): number {
  const next = random(seed);
  const fd = openSync(path, "w");
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let ordinal = 0;
  let batch: string[] = [];
  const emit = (type: string, payload: unknown, metadata?: unknown) => {
    const record = { timestamp: new Date(Date.UTC(2026, 10, 21, 18, 0, 0, ordinal)).toISOString(), ordinal: ordinal++, type, payload, ...(metadata ? { metadata } : {}) };
    batch.push(JSON.stringify(record));
  };
  const flush = () => {
    const chunk = batch.join("\n") + "\n";
    writeSync(fd, chunk);
    written += Buffer.byteLength(chunk);
    batch = [];
  };
  emit("session_meta", { id: "01a1ff5c-921b-7310-a309-ed46b61967dc", ...(options.resumable ? { timestamp: "2026-11-21T18:00:00.000Z" } : {}), cwd: "/work", originator: "codex_exec", cli_version: "0.169.0", source: "exec", model_provider: "openai" });
  let turn = 0;
  while (written < target) {
    turn += 1;
    emit("turn_context", { turn_id: `turn-${turn}`, cwd: "/work", model: "gpt-5.5", approval_policy: "never" });
    emit("response_item", { type: "message", role: "user", content: [{ type: "input_text", text: text(next, 80 + Math.floor(next() * 400)) }] }, { history_sequence: ordinal });
    for (let step = 0; step < 3 + Math.floor(next() * 5); step += 1) {
      emit("response_item", { type: "reasoning", id: `rs_${turn}_${step}`, summary: [{ type: "summary_text", text: text(next, 120) }], encrypted_content: opaque(next, 1500 + Math.floor(next() * 2500)) }, { history_sequence: ordinal });
      const calls = next() < 0.2 ? 2 : 1;
      for (let c = 0; c < calls; c += 1) {
        emit("response_item", { type: "function_call", id: `fc_${turn}_${step}_${c}`, name: "exec_command", arguments: JSON.stringify({ cmd: text(next, 60) }), call_id: `call_${turn}_${step}_${c}` }, { history_sequence: ordinal });
      }
      for (let c = 0; c < calls; c += 1) {
        emit("response_item", { type: "function_call_output", call_id: `call_${turn}_${step}_${c}`, output: text(next, 200 + Math.floor(next() * 5800)) }, { history_sequence: ordinal });
      }
      emit("event_msg", { type: "token_count", info: { total_token_usage: { input_tokens: 1000 * turn, output_tokens: 100 * step } } });
    }
    emit("response_item", { type: "message", role: "assistant", content: [{ type: "output_text", text: text(next, 300) }] }, { history_sequence: ordinal });
    emit("event_msg", { type: "agent_message", message: text(next, 200) });
    emit("event_msg", { type: "task_complete", last_agent_message: null });
    if (batch.length > 200) flush();
  }
  flush();
  closeSync(fd);
  return ordinal;
}
