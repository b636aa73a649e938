// Properties of the requests replay rebuilds, over generated conversations in each format.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planReplay, replayFile } from "../../src/index.js";
import { tempFile } from "../support/files.js";
import { conversation, serialize, type GeneratedFormat } from "../support/generate.js";

const RUNS = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 25);
const formats: GeneratedFormat[] = ["codex", "responses", "chat", "anthropic"];
const arrayOf = (body: Record<string, unknown>) => (body.input ?? body.messages) as unknown[];

describe("replay's requests", () => {
  it.each(formats)("%s: one request before each run of model output and one for the resume, each a prefix of the next", (format) => {
    fc.assert(
      fc.property(conversation, (c) => {
        const text = serialize(c, format);
        const plan = planReplay(`generated.${format === "codex" ? "jsonl" : "json"}`, { buffer: Buffer.from(text) });
        if (!plan.ok) throw new Error(plan.message);
        const modelRuns = c.turns.reduce((n, turn) => n + turn.steps.length + 1, 0);
        expect(plan.requests.length).toBe(modelRuns + 1);
        const arrays = plan.requests.map((request) => arrayOf(request.body()));
        for (let i = 1; i < arrays.length; i += 1) expect(arrays[i]?.slice(0, arrays[i - 1]?.length)).toEqual(arrays[i - 1]);
        expect(plan.requests.map((request) => request.resume)).toEqual(plan.requests.map((_, i) => i === plan.requests.length - 1));
      }),
      { numRuns: RUNS },
    );
  });

  it.each(formats)("%s: a valid history replays with every request accepted", async (format) => {
    await fc.assert(
      fc.asyncProperty(conversation, async (c) => {
        const file = tempFile(`generated.${format === "codex" ? "jsonl" : "json"}`, serialize(c, format));
        const replay = await replayFile(file);
        expect(replay.ok && replay.requests.filter((request) => !request.accepted)).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });
});
