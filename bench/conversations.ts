// The bodies of the mock benchmark: one valid 50-item Responses history, and conversations that grow the
// way an agent's do, each request the previous one's input plus the model's turn and the tool's output.

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
