// The prefix cache files an open analysis under windows of its prefix (its first bytes, and bytes at powers of two),
// and looks a body up under the windows it holds: a longer body that repeats the prefix must find it, and
// conversations that start alike for tens of kilobytes (Codex's instructions) must be answered as fresh validations are.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InspectionCache } from "../../src/server/inspection-cache.js";
import { PrefixCache, windowsOf } from "../../src/server/prefix-cache.js";
import { inspect } from "../../src/server/validate.js";

describe("the windows a body holds", () => {
  it("hold the ones its prefix is filed under, whatever the body adds, and each fits in the body", () => {
    fc.assert(
      fc.property(fc.nat({ max: 4 << 20 }), fc.nat({ max: 4 << 20 }), (prefix, added) => {
        const windows = windowsOf(prefix + added);
        for (const at of windows) expect(at + 64).toBeLessThanOrEqual(prefix + added);
        // The body's lookups try its windows from all of them down to the first alone: the prefix's are one of those.
        const filed = windowsOf(prefix);
        if (filed.length > 0) expect(windows.slice(windows.length - filed.length)).toEqual(filed);
        else expect(prefix).toBeLessThan(64);
      }),
      { numRuns: 5000 },
    );
  });

  it("are the first bytes and each power of two from 4 KB whose 64 bytes fit, no fewer", () => {
    expect([63, 64, 4159, 4160, 8255, 8256].map(windowsOf)).toEqual([[], [0], [0], [4096, 0], [4096, 0], [8192, 4096, 0]]);
    fc.assert(
      fc.property(fc.integer({ min: 64, max: 4 << 20 }), (length) => {
        const far = windowsOf(length).slice(0, -1);
        far.forEach((at, i) => expect(at).toBe(4096 * 2 ** (far.length - 1 - i)));
        // The next power of two would not fit.
        expect((far[0] ?? 2048) * 2 + 64).toBeGreaterThan(length);
      }),
      { numRuns: 2000 },
    );
  });
});

/** Text with multi-byte characters and escapes, some of it long. */
const text = fc.string({ unit: fc.constantFrom("a", "é", "😀", '"', "\\", " ", "x".repeat(500)), maxLength: 20 });

/** A tool round of conversation `c`: a call and its output. */
function round(c: number, i: number, output: string): unknown[] {
  return [
    { type: "function_call", call_id: `call_${c}_${i}`, name: "exec_command", arguments: JSON.stringify({ cmd: `ls ${i}` }) },
    { type: "function_call_output", call_id: `call_${c}_${i}`, output },
  ];
}

/** Conversations that share their first element (instructions of 0 to 70 KB), each request one round longer, sent interleaved; and how many conversations sent any. */
const sharedStarts = fc
  .record({
    instructions: fc.tuple(text, fc.nat({ max: 70_000 })).map(([t, n]) => `${t}${"i".repeat(n)}`),
    outputs: fc.array(fc.array(text, { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 4 }),
    picks: fc.array(fc.nat(), { maxLength: 40 }),
    tail: fc.constantFrom(undefined, "01a1ff6d-aac3-7fd1-b154-779dd751bfc6"),
  })
  .map(({ instructions, outputs, picks, tail }) => {
    const first = { type: "message", role: "developer", content: [{ type: "input_text", text: instructions }] };
    const conversations = outputs.map((texts, c) => {
      const input: unknown[] = [first, { role: "user", content: `conversation ${c}` }];
      return texts.map((output, i) => {
        input.push(...round(c, i, output));
        return JSON.stringify({ model: "gpt-5.5", input, ...(tail ? { tools: [], prompt_cache_key: `${tail}-${c}` } : {}) });
      });
    });
    const sent: string[] = [];
    for (const pick of picks) {
      const next = conversations[pick % conversations.length]?.shift();
      if (next) sent.push(next);
    }
    return { bodies: [...sent, ...conversations.flat()], conversations: outputs.length };
  });

describe("conversations that start alike", () => {
  it("are each answered as a fresh validation answers them, every body after a conversation's first from its open analysis", () => {
    fc.assert(
      fc.property(sharedStarts, ({ bodies, conversations }) => {
        const cache = new PrefixCache(1 << 26, 0);
        for (const body of bodies) {
          const bytes = Buffer.from(body);
          expect(cache.inspect("responses", bytes, "openai-responses")).toEqual(inspect("responses", bytes, "openai-responses"));
        }
        expect(cache.stats.continued).toBe(bodies.length - conversations);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it("each keep their own analysis when they send the same input with other fields of their own, interleaved", () => {
    const cache = new PrefixCache(1 << 24, 0);
    const input: unknown[] = [{ role: "user", content: "the same task ".repeat(20) }];
    for (let i = 0; i < 5; i += 1) {
      input.push(...round(0, i, "done"));
      for (const key of ["session-a", "session-b"]) {
        const bytes = Buffer.from(JSON.stringify({ model: "gpt-5.5", input, prompt_cache_key: key }));
        expect(cache.inspect("responses", bytes, "openai-responses")).toEqual(inspect("responses", bytes, "openai-responses"));
      }
    }
    // Before, the first conversation's entry was dropped when the second's body repeated its prefix: none continued.
    expect(cache.stats).toEqual({ entries: 2, continued: 8 });
  });
});

describe("a body that is not UTF-8", () => {
  it("is answered as fresh and kept open only where its bytes are text", () => {
    fc.assert(
      fc.property(fc.nat({ max: 3 }), fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc3])), (badRound, bad) => {
        const cache = new PrefixCache(1 << 24, 0);
        const input: unknown[] = [{ role: "user", content: "hi ".repeat(40) }];
        for (let i = 0; i < 4; i += 1) {
          input.push(...round(0, i, i === badRound ? "@@BAD@@" : "done"));
          const [before, after] = JSON.stringify({ model: "gpt-5.5", input }).split("@@BAD@@") as [string, string | undefined];
          const bytes = after === undefined ? Buffer.from(before) : Buffer.concat([Buffer.from(before), bad, Buffer.from(after)]);
          expect(cache.inspect("responses", bytes, "openai-responses")).toEqual(inspect("responses", bytes, "openai-responses"));
        }
        // The bodies before the bad bytes were kept and continued, up to the first bad one; none after it was kept, its prefix misplaced.
        expect(cache.stats).toEqual({ entries: 0, continued: badRound });
      }),
      { numRuns: 40 },
    );
  });
});

describe("a member name with a bad escape", () => {
  it("is no body the prefix cache continues, and the answers are the fresh ones (the scanner threw: the mock answered 500)", () => {
    const cache = new InspectionCache(4 * 1024 * 1024, 0);
    const input: unknown[] = [{ role: "user", content: "hi ".repeat(200) }];
    for (let i = 0; i < 3; i += 1) {
      const body = Buffer.from(`{"model":"gpt-5.5","\\x":1,"input":${JSON.stringify(input)}}`);
      expect(cache.inspect("responses", body, "openai-responses")).toEqual(inspect("responses", body, "openai-responses"));
      input.push(...round(0, i, "done"));
    }
  });
});
