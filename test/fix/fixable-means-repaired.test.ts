// "Fixable" means fix repairs it: the cases the fuzzing of issue 12 found marked fixable and left as they were.
import { describe, expect, it } from "vitest";
import { fixBytes, lintSource, type FormatName } from "../../src/index.js";

/** The findings lint marks fixable, and those of them still there after a fix (with --unsafe: every kind). */
function fixableAndLeft(text: string | Buffer, inputFormat?: FormatName) {
  const bytes = Buffer.from(text);
  const options = inputFormat ? { inputFormat } : {};
  const lint = lintSource("case", { buffer: bytes }, options);
  const outcome = fixBytes("case", bytes, { ...options, unsafe: true });
  const key = (d: { ruleId: string; message: string }) => `${d.ruleId}: ${d.message}`;
  const after = new Set(outcome.remaining.messages.map(key));
  const fixable = lint.messages.filter((d) => d.fixable);
  return { lint, outcome, fixable: fixable.map((d) => d.ruleId), left: fixable.filter((d) => after.has(key(d))).map((d) => d.ruleId) };
}

describe("a part type the API does not know", () => {
  it("among the blocks of an Anthropic message: the text block is renamed, in place of the one it stands beside", () => {
    const body = '{"model":"m","max_tokens":9,"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"input_text","text":"b"}]}]}';
    const { fixable, left, outcome } = fixableAndLeft(body);
    expect(fixable).toEqual(["content-type-mismatch"]);
    expect(left).toEqual([]);
    expect(outcome.output.toString()).toBe('{"model":"m","max_tokens":9,"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}');
  });

  it("in a Claude Code record of several blocks: the record's message is rewritten", () => {
    const session = '{"type":"user","uuid":"u1","parentUuid":null,"message":{"role":"user","content":[{"type":"text","text":"a"},{"type":"output_text","text":"b"}]}}\n';
    const { fixable, left, outcome } = fixableAndLeft(session);
    expect(fixable).toEqual(["content-type-mismatch"]);
    expect(left).toEqual([]);
    expect(outcome.output.toString()).toContain('[{"type":"text","text":"a"},{"type":"text","text":"b"}]');
  });

  it("that is no text part: not fixable, and fix leaves it", () => {
    const { lint, left, outcome } = fixableAndLeft('{"type":"message","role":"user","content":[{"type":"mystery_part","text":"hi"}]}\n');
    expect(lint.messages.map((d) => [d.ruleId, d.fixable])).toEqual([["content-type-mismatch", false]]);
    expect(lint.fixableCount).toBe(0);
    expect(left).toEqual([]);
    expect(outcome.changed).toBe(false);
  });
});

describe("a file with no record", () => {
  it("that is only a byte order mark: nothing is fixable, and fix writes nothing", () => {
    const { lint, outcome } = fixableAndLeft(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(lint.messages.map((d) => [d.ruleId, d.fixable])).toEqual([
      ["byte-order-mark", false],
      ["empty-file", false],
    ]);
    expect(lint.fixableCount).toBe(0);
    expect(outcome.changed).toBe(false);
  });

  it('that is a lone ": the cut record is not fixable (it is all the file holds), and fix writes nothing', () => {
    const { lint, outcome } = fixableAndLeft('"');
    expect(lint.messages.map((d) => [d.ruleId, d.fixable])).toEqual([["truncated-record", false]]);
    expect(lint.fixableCount).toBe(0);
    expect(outcome.changed).toBe(false);
  });

  it("that is a cut request body: not fixable either, under the body's own format", () => {
    const { lint, outcome } = fixableAndLeft('{"model":"m","messages":[{"role":"user","content":"hi"', "chat");
    expect(lint.messages.map((d) => [d.ruleId, d.fixable])).toEqual([["truncated-record", false]]);
    expect(outcome.changed).toBe(false);
  });
});

describe("a fix a rule offers that builds no edit for this file", () => {
  it("is withdrawn: a Claude Code message with no content, in a record fix cannot drop, is not fixable", () => {
    const { lint, left } = fixableAndLeft('{"type":"user","uuid":"u1","parentUuid":null,"message":{"role":"user","cotent":"hi"}}\n');
    expect(lint.messages.map((d) => [d.ruleId, d.fixable])).toEqual([["empty-message", false]]);
    expect(left).toEqual([]);
  });
});
