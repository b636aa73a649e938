// The bodies of the mock benchmark: one valid 50-item Responses history, and conversations that grow the
// way an agent's do, each request the previous one's input plus the model's turn and the tool's output.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A request the real Codex CLI sent, its instructions stripped to their lengths (from dist/bench/, as the other parts find theirs). */
const CODEX_REQUEST = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures", "responses", "real-codex-request.json");

/** A valid 50-item history: a user turn, then reasoning, calls and outputs, and answers. */
export function fixedHistory(): string {
  const input: unknown[] = [{ role: "user", content: "fix the failing test" }];
  for (let i = 0; i < 16; i += 1) input.push(...toolRound("", i, "line of code\n"));
  input.push({ type: "message", role: "assistant", content: [{ type: "output_text", text: "The test passes now." }] });
  return JSON.stringify({ model: "gpt-5.5", input, store: false });
}

function toolRound(conversation: string, i: number, line: string): unknown[] {
  return [
    { type: "reasoning", id: `rs_${conversation}${i}`, summary: [{ type: "summary_text", text: "look at the test" }], encrypted_content: `gAAAAAB${"x".repeat(800)}` },
    { type: "function_call", id: `fc_${conversation}${i}`, call_id: `call_${conversation}${i}`, name: "exec_command", arguments: JSON.stringify({ cmd: `sed -n ${i},${i + 40}p src/app.ts` }) },
    { type: "function_call_output", call_id: `call_${conversation}${i}`, output: line.repeat(60) },
  ];
}

/**
 * One conversation's requests, from 2 items to about `maxItems`: after a user turn the model calls a tool
 * (reasoning, call, output: 3 items a request); every fifth round it answers and the user speaks again.
 * Every conversation has its own ids and texts, so no two share a prefix.
 */
export function conversation(id: string, maxItems: number): string[] {
  const input: unknown[] = [{ role: "user", content: `conversation ${id}: fix the failing test` }];
  const bodies: string[] = [];
  for (let round = 0; input.length < maxItems; round += 1) {
    if (round > 0 && round % 5 === 0) {
      input.push({ type: "message", role: "assistant", content: [{ type: "output_text", text: `Round ${round} done.` }] });
      input.push({ role: "user", content: `conversation ${id}: now round ${round}` });
    } else input.push(...toolRound(`${id}_`, round, `line ${round} of conversation ${id}\n`));
    bodies.push(JSON.stringify({ model: "gpt-5.5", input, store: false }));
  }
  return bodies;
}

/** A text the fixture left out ("[instructions stripped for the fixture: N characters]"), given back as N characters of prose. */
const STRIPPED = /^\[instructions stripped for the fixture: (\d+) characters\]$/;
/** Instructions as Codex's are: Markdown, line breaks, quotes and backticks (escaped in the JSON), a character outside ASCII. */
const PROSE = '## Editing\n- Read the repository before you change it; run `npm test` after.\n- Say "done" only when the tests pass — never before.\n\n';

function restored(value: unknown): unknown {
  if (typeof value === "string") {
    const length = STRIPPED.exec(value)?.[1];
    return length === undefined ? value : PROSE.repeat(Math.ceil(Number(length) / PROSE.length)).slice(0, Number(length));
  }
  if (Array.isArray(value)) return value.map(restored);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, restored(field)]));
}

/** The real request, read once. */
let codexRequest: Record<string, unknown> | undefined;

/**
 * One conversation's requests as Codex sends them: the fields of a request the real Codex CLI sent
 * (`fixtures/responses/real-codex-request.json`: 6.9 KB of tools after the input, reasoning, `include`,
 * `client_metadata`), its first three messages (26 KB of instructions, 21 KB of it the first element, the same
 * in every conversation), then the turns of `conversation`. Answered whole, as the other loads are, not streamed.
 */
export function codexConversation(id: string, maxItems: number): string[] {
  const real = (codexRequest ??= restored(JSON.parse(readFileSync(CODEX_REQUEST, "utf8"))) as Record<string, unknown>);
  const preamble = (real.input as unknown[]).slice(0, 3);
  return conversation(id, maxItems).map((body) => {
    const { input } = JSON.parse(body) as { input: unknown[] };
    // The real request's fields in its order, the input in its place, the session its own.
    const request: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(real)) {
      if (key === "stream") continue;
      request[key] = key === "input" ? [...preamble, ...input] : key === "prompt_cache_key" ? `session-${id}` : value;
    }
    return JSON.stringify(request);
  });
}
