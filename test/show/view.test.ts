// The view model of `histlint show`: what the client does is on the timeline, and every finding is pinned to an entry.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { showBytes, type SessionView, type Timeline } from "../../src/show/index.js";
import { fixtureFiles } from "./fixture-list.js";

const view = (path: string, fix = false): SessionView => showBytes(path, readFileSync(path), fix ? { fix: true } : {});
const entriesIn = (timeline: Timeline) => timeline.rows.flatMap((row) => (row.type === "entry" ? [row.entry] : row.type === "calls" ? row.pairs.flatMap((p) => [p.call, ...p.outputs]) : []));

describe("the timeline", () => {
  it("joins Codex's aborted output to the call the killed process left open, marked as not in the file", () => {
    const { timeline } = view("fixtures/codex/real-killed-mid-tool.jsonl");
    const calls = timeline.rows.flatMap((row) => (row.type === "calls" ? row.pairs : []));
    expect(calls).toHaveLength(1);
    const output = timeline.entries[calls[0]?.outputs[0] as number];
    expect(output).toMatchObject({ kind: "output", fate: "inserted", text: "aborted", why: "Codex CLI 0.169.0 adds it on resume" });
    const finding = timeline.findings[0];
    expect(finding?.ruleId).toBe("tool-call-without-output");
    expect(timeline.entries[finding?.entry as number]?.kind).toBe("call");
  });

  it("shows a line Codex skips as a line of its own, with both findings on it", () => {
    const { timeline } = view("fixtures/read/multi-record-line.jsonl");
    const skipped = timeline.entries.filter((e) => e.fate === "skipped");
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ kind: "line", line: 3, why: "Codex CLI 0.169.0 does not read this line" });
    expect(skipped[0]?.findings).toHaveLength(2);
    const order = entriesIn(timeline).map((n) => timeline.entries[n]?.line);
    expect(order).toEqual([2, 3, 4]); // in file order: between the user message and the answer
  });

  it("greys what a compaction replaced behind a divider", () => {
    const { timeline } = view("fixtures/codex/compacted-with-summary.jsonl");
    expect(timeline.rows.some((row) => row.type === "reset")).toBe(true);
    expect(timeline.entries.filter((e) => e.fate === "superseded").length).toBeGreaterThan(0);
    expect(timeline.entries.filter((e) => e.fate === "sent").length).toBeGreaterThan(0);
    // The turn the compaction replaced is headed as such and not counted among the turns sent.
    expect(timeline.rows.filter((r) => r.type === "turn" && r.superseded)).toHaveLength(1);
    expect(timeline.rows.filter((r) => r.type === "turn" && r.turn > 0)).toHaveLength(timeline.turns);
  });

  it("draws Claude Code's parallel calls side by side, each with its result", () => {
    const { timeline } = view("fixtures/claude-code/real-parallel-calls.jsonl");
    const row = timeline.rows.find((r) => r.type === "calls");
    expect(row?.type === "calls" && row.pairs.map((p) => p.outputs.map((o) => timeline.entries[o]?.text))).toEqual([["one"], ["two"]]);
  });

  it("counts turns, calls and the tokens each turn sends", () => {
    const { timeline } = view("fixtures/codex/real-several-turns.jsonl");
    const turns = timeline.rows.filter((r) => r.type === "turn" && r.turn > 0);
    expect(turns.length).toBe(timeline.turns);
    expect(timeline.turns).toBeGreaterThan(1);
    expect(turns.every((r) => r.type === "turn" && (r.tokens ?? 0) > 0)).toBe(true);
  });

  it("leaves an output where it stands when a message comes between it and its call, and says so at the call", () => {
    const { timeline } = view("fixtures/rules/tool-output-not-adjacent.json");
    const pair = timeline.rows.flatMap((row) => (row.type === "calls" ? row.pairs : []))[0];
    expect(pair).toMatchObject({ outputs: [], apart: [5] });
    expect(timeline.rows.some((row) => row.type === "entry" && timeline.entries[row.entry]?.kind === "output")).toBe(true);
  });
});

describe("the Claude Code tree", () => {
  it("marks a bridged parent and keeps the resumed chain", () => {
    const { tree } = view("fixtures/claude-code/dangling-parent-bridged.jsonl");
    const orphan = tree?.find((row) => row.line === 4);
    expect(orphan?.link).toBe('parentUuid "gone-uuid" names no record: Claude Code bridges it to line 3');
    expect(orphan?.findings).toHaveLength(1);
    expect(tree?.every((row) => row.state === "resumed")).toBe(true);
  });

  it("indents a sidechain as a branch that is not resumed", () => {
    const { tree } = view("fixtures/claude-code/sidechain-and-duplicates.jsonl");
    const side = tree?.filter((row) => row.state === "sidechain") ?? [];
    expect(side.map((row) => row.line)).toEqual([4, 5]);
    expect(side[0]).toMatchObject({ depth: 1, branch: true });
  });

  it("puts the chain through the parallel reply at the trunk and the gathered result beside it", () => {
    const { tree } = view("fixtures/claude-code/real-parallel-calls.jsonl");
    const gathered = tree?.filter((row) => row.gathered) ?? [];
    expect(gathered.map((row) => row.line)).toEqual([24]);
    expect(tree?.find((row) => row.line === 28)?.depth).toBe(0);
  });
});

/** A Claude Code record: `type`, its uuid and parent, a text, a time a second after the last. */
function claudeRecord(type: "user" | "assistant", uuid: string, parentUuid: string | null, text: string, second: number): string {
  const message = type === "user" ? { role: "user", content: text } : { id: `msg_${uuid}`, role: "assistant", model: "claude-sonnet-4-5", content: [{ type: "text", text }] };
  return JSON.stringify({ parentUuid, isSidechain: false, type, message, uuid, sessionId: "s", timestamp: `2026-11-21T18:00:0${second}.000Z` });
}

describe("a rewound Claude Code session", () => {
  const rewound = [
    claudeRecord("user", "a", null, "first prompt", 1),
    claudeRecord("assistant", "b", "a", "first answer", 2),
    claudeRecord("user", "c", "b", "abandoned prompt", 3),
    claudeRecord("assistant", "c2", "c", "abandoned answer", 4),
    claudeRecord("user", "d", "b", "prompt after the rewind", 5),
    claudeRecord("assistant", "e", "d", "answer after the rewind", 6),
  ].join("\n");

  it("indents the abandoned branch, off the chain, and keeps the resumed line at the trunk", () => {
    const { tree, timeline } = showBytes("rewound.jsonl", Buffer.from(rewound + "\n"));
    expect(tree?.map((row) => [row.line, row.depth, row.state])).toEqual([
      [1, 0, "resumed"],
      [2, 0, "resumed"],
      [3, 1, "off-chain"],
      [4, 1, "off-chain"],
      [5, 0, "resumed"],
      [6, 0, "resumed"],
    ]);
    expect(tree?.[2]?.branch).toBe(true);
    // The timeline is what the resume sends: the abandoned turn is not in it.
    expect(timeline.entries.filter((e) => e.kind !== "line").map((e) => e.text)).toEqual(["first prompt", "first answer", "prompt after the rewind", "answer after the rewind"]);
    // The abandoned records are findings of their own, each left out with the client's reason.
    const left = timeline.entries.filter((e) => e.kind === "line");
    expect(left.map((e) => [e.line, e.fate, e.why])).toEqual([
      [3, "skipped", "Claude Code 2.1.330 does not send this record on resume"],
      [4, "skipped", "Claude Code 2.1.330 does not send this record on resume"],
    ]);
  });
});

describe("the repair, before and after", () => {
  it("marks what the repair moves, in file order", () => {
    const { repair } = view("fixtures/rules/tool-output-not-adjacent.json", true);
    expect(repair?.after.entries.filter((e) => e.change).map((e) => [e.change, e.kind, e.label])).toEqual([["moved", "message", "user"]]);
  });

  it("marks the output histlint fix inserts", () => {
    const { repair } = view("fixtures/codex/real-killed-mid-tool.jsonl", true);
    expect(repair?.applied.map((a) => a.ruleId)).toEqual(["tool-call-without-output"]);
    expect(repair?.after.entries.filter((e) => e.change).map((e) => [e.change, e.label])).toEqual([["added", "function_call_output"]]);
    expect(repair?.after.findings).toHaveLength(0);
  });

  it("marks the skipped line removed and the records it held added", () => {
    const before = view("fixtures/read/multi-record-line.jsonl", true);
    expect(before.timeline.entries.find((e) => e.fate === "skipped")?.change).toBe("removed");
    expect(before.repair?.after.entries.filter((e) => e.change === "added").map((e) => e.kind)).toEqual(["call", "output"]);
  });
});

describe("every bundled fixture", () => {
  it.each(fixtureFiles())("%s: every finding is pinned to an entry on the timeline that lists it", (file) => {
    const { timeline } = view(file);
    const shown = new Set(entriesIn(timeline));
    for (const finding of timeline.findings) {
      expect(shown.has(finding.entry)).toBe(true);
      expect(timeline.entries[finding.entry]?.findings).toContain(finding.n);
    }
  });
});
