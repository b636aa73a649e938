// A request refused as too large ends its file's replay (each later request is longer), and a body
// long enough to be streamed in chunks is accepted as the same bytes the plan writes.
import { describe, expect, it } from "vitest";
import { planReplay, replayFile, startMockServer } from "../../src/index.js";
import { tempFile } from "../support/files.js";

/** A Codex rollout of `turns` user turns, each a call whose output is `outputBytes` long. */
function rollout(turns: number, outputBytes: number): string {
  const lines = [{ timestamp: "2026-11-21T18:00:00.000Z", type: "session_meta", payload: { id: "01a1ff5c-921b-7310-a309-ed46b61967dc", timestamp: "2026-11-21T18:00:00.000Z", cwd: "/work", originator: "codex_exec", cli_version: "0.169.0" } }];
  for (let turn = 1; turn <= turns; turn += 1) {
    const item = (payload: unknown) => ({ timestamp: "2026-11-21T18:00:01.000Z", type: "response_item", payload });
    lines.push(item({ type: "message", role: "user", content: [{ type: "input_text", text: `turn ${turn}` }] }) as never);
    lines.push(item({ type: "function_call", name: "exec_command", arguments: "{}", call_id: `call_${turn}` }) as never);
    lines.push(item({ type: "function_call_output", call_id: `call_${turn}`, output: "x".repeat(outputBytes) }) as never);
    lines.push(item({ type: "message", role: "assistant", content: [{ type: "output_text", text: "done" }] }) as never);
  }
  return lines.map((line) => JSON.stringify(line)).join("\n") + "\n";
}

describe("replay of long requests", () => {
  it("stops a file's replay at the first request refused as too large, and says how many it did not send", async () => {
    const mock = await startMockServer({ profile: "codex", maxBody: 20_000 });
    try {
      const file = tempFile("too-large.jsonl", rollout(6, 6_000));
      const result = await replayFile(file, { target: { baseUrl: mock.url } });
      if (!result.ok) throw new Error(result.message);
      const statuses = result.requests.map((request) => request.status);
      expect(statuses.at(-1)).toBe(413);
      expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
      expect(result.requests.length).toBeLessThan(result.total);
      expect(result.stopped).toBe(`request ${result.requests.length} was refused as too large, and each later request is longer: the ${result.total - result.requests.length} after it were not sent`);
    } finally {
      await mock.close();
    }
  });

  it("sends a body of several MB, streamed in chunks, as the bytes the plan writes", async () => {
    const mock = await startMockServer({ profile: "codex" });
    try {
      const file = tempFile("long.jsonl", rollout(3, 1_500_000));
      const result = await replayFile(file, { target: { baseUrl: mock.url }, only: "last" });
      if (!result.ok) throw new Error(result.message);
      const plan = planReplay(file, { path: file });
      if (!plan.ok) throw new Error(plan.message);
      const written = [...(plan.requests.at(-1)?.wire().pieces() ?? [])].join("");
      plan.close();
      expect(result.requests).toEqual([expect.objectContaining({ accepted: true, bytes: Buffer.byteLength(written) })]);
      expect(Buffer.byteLength(written)).toBeGreaterThan(4_000_000);
      expect(mock.requests.at(-1)?.bodyBytes).toBe(Buffer.byteLength(written));
      // Its length goes ahead of it, so a server can refuse it from the headers.
      expect(mock.requests.at(-1)?.headers["content-length"]).toBe(String(Buffer.byteLength(written)));
      expect(mock.requests.at(-1)?.headers["transfer-encoding"]).toBeUndefined();
    } finally {
      await mock.close();
    }
  });

  it("is refused from its announced length when it is longer than the mock takes", async () => {
    const mock = await startMockServer({ profile: "codex", maxBody: 3_000_000 });
    try {
      const file = tempFile("longer.jsonl", rollout(3, 1_500_000));
      const result = await replayFile(file, { target: { baseUrl: mock.url }, only: "last" });
      if (!result.ok) throw new Error(result.message);
      expect(result.requests).toEqual([expect.objectContaining({ status: 413 })]);
      expect(result.requests[0]?.bytes).toBeGreaterThan(4_000_000);
    } finally {
      await mock.close();
    }
  });
});
