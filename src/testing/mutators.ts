// `brokenHistory`: a valid history with one fault of the field in it, and the rule that must find it.
import fc from "fast-check";
import type { FormatName } from "../history/index.js";
import type { ProfileName } from "../profiles/index.js";
import type { Entry, GeneratedHistory } from "./entries.js";
import { anthropicMessages } from "./write-anthropic.js";
import { writeHistory } from "./write.js";

export type FaultName =
  | "drop-output"
  | "drop-call"
  | "user-between-call-and-output"
  | "duplicate-output"
  | "truncate"
  | "reasoning-only-final-turn"
  | "foreign-reasoning"
  | "wrong-role";

export interface BrokenHistory extends GeneratedHistory {
  fault: FaultName;
  /** The rule that must report the fault. */
  rule: string;
  /**
   * `histlint fix` can repair it with no judgement needed. A cut JSON document cannot be (what is
   * left of it is the whole conversation), nor a cut that leaves a Claude Code reply ending in thinking.
   */
  repairable: boolean;
  /** The history before the fault. */
  original: GeneratedHistory;
}

interface Fault {
  name: FaultName;
  rule: string;
  profiles: readonly ProfileName[];
  /** Formats that cannot carry the fault (a Claude Code record has no role to get wrong). */
  notIn?: readonly FormatName[];
  /** Where in the entries the fault can go (indexes after the last compaction: what is still sent). */
  places(entries: readonly Entry[], from: number): number[];
  /** The broken entries, or a function of the file text for faults of the bytes. */
  apply(entries: readonly Entry[], at: number): Entry[] | ((text: string) => string);
}

const DOCUMENT_FORMATS = new Set<FormatName>(["chat", "anthropic", "gemini"]);
const ALL: readonly ProfileName[] = ["codex", "openai-responses", "openai-chat", "anthropic", "gemini"];
const RESPONSES: readonly ProfileName[] = ["codex", "openai-responses"];

const indexesOf = (entries: readonly Entry[], from: number, type: Entry["type"]) => entries.flatMap((e, i) => (i >= from && e.type === type ? [i] : []));
const without = (entries: readonly Entry[], at: number) => entries.filter((_, i) => i !== at);
const inserted = (entries: readonly Entry[], at: number, ...added: Entry[]) => [...entries.slice(0, at), ...added, ...entries.slice(at)];

export const FAULTS: readonly Fault[] = [
  { name: "drop-output", rule: "tool-call-without-output", profiles: ALL, places: (e, from) => indexesOf(e, from, "output"), apply: without },
  {
    name: "drop-call",
    rule: "tool-output-without-call",
    profiles: ALL,
    // Not a call that is all its reasoning leads to: dropping it would strand the reasoning, a second fault.
    places: (e, from) => indexesOf(e, from, "call").filter((i) => !(e[i - 1]?.type === "reasoning" && e[i + 1]?.type !== "call")),
    apply: without,
  },
  {
    name: "user-between-call-and-output",
    rule: "user-message-during-pending-call",
    profiles: ["openai-chat"],
    places: (e, from) => indexesOf(e, from, "output").filter((i) => e[i - 1]?.type === "call"),
    apply: (e, at) => inserted(e, at, { type: "user", text: "also check the logs" }),
  },
  { name: "duplicate-output", rule: "duplicate-tool-output", profiles: ALL, places: (e, from) => indexesOf(e, from, "output"), apply: (e, at) => inserted(e, at, e[at] as Entry) },
  {
    name: "truncate",
    rule: "truncated-record",
    profiles: ALL,
    places: (e) => (e.length > 0 ? [0] : []),
    apply: () => (text) => text.slice(0, text.trimEnd().length - Math.max(2, Math.floor(lastLine(text).length / 2))),
  },
  {
    name: "reasoning-only-final-turn",
    rule: "reasoning-only-turn",
    profiles: RESPONSES,
    places: (e) => [e.length],
    apply: (e) => [...e, { type: "user", text: "and now?" }, { type: "reasoning", summary: "thinking, then stopped" }],
  },
  {
    name: "foreign-reasoning",
    rule: "reasoning-not-replayable",
    profiles: RESPONSES,
    places: (e, from) => indexesOf(e, from, "assistant"),
    apply: (e, at) => inserted(e, at, { type: "wire", value: { type: "reasoning", id: "rs_foreign", summary: [], content: [{ type: "reasoning_text", text: "raw thoughts from another provider" }] } }),
  },
  {
    name: "wrong-role",
    rule: "role-not-allowed",
    profiles: [...RESPONSES, "anthropic"],
    notIn: ["claude-code"],
    places: (e, from) => indexesOf(e, from, "user"),
    apply: (e, at) => inserted(e, at + 1, { type: "wire", value: { type: "message", role: "tool", tool_call_id: "call_elsewhere", content: "a Chat-style tool message" } }),
  },
];

function lastLine(text: string): string {
  const lines = text.trimEnd().split("\n");
  return lines[lines.length - 1] ?? "";
}

/**
 * Cutting a Claude Code session's last record (a reply's last block) can leave the reply ending in a
 * thinking block, which the API refuses and only a person can settle (drop the thinking, or rewrite).
 */
function cutLeavesThinkingLast(history: GeneratedHistory): boolean {
  if (history.format !== "claude-code") return false;
  const last = anthropicMessages(history.entries).pop();
  return last !== undefined && last.content.length >= 2 && last.content[last.content.length - 2]?.type === "thinking";
}

/** Where the history that is still sent starts: after the last compaction. */
const liveFrom = (entries: readonly Entry[]) => entries.map((e) => e.type).lastIndexOf("compaction") + 1;

/** The faults that can break `history`, each with the places it can go. */
export function faultsFor(history: GeneratedHistory): { fault: Fault; places: number[] }[] {
  const from = liveFrom(history.entries);
  return FAULTS.filter((fault) => fault.profiles.includes(history.profile) && !fault.notIn?.includes(history.format)).flatMap((fault) => {
    const places = fault.places(history.entries, from);
    return places.length > 0 ? [{ fault, places }] : [];
  });
}

export function breakHistory(history: GeneratedHistory, choice: { fault: number; place: number }): BrokenHistory {
  const options = faultsFor(history);
  const { fault, places } = options[choice.fault % options.length] as (typeof options)[number];
  const at = places[choice.place % places.length] as number;
  const applied = fault.apply(history.entries, at);
  const entries = typeof applied === "function" ? history.entries : applied;
  const text = typeof applied === "function" ? applied(history.text) : writeHistory(entries, history.format);
  const repairable = !(fault.name === "truncate" && (DOCUMENT_FORMATS.has(history.format) || cutLeavesThinkingLast(history)));
  return { profile: history.profile, format: history.format, entries, text, fault: fault.name, rule: fault.rule, repairable, original: history };
}

/** Each value of `arb` with one known fault in it (truncation always applies, so every history breaks). */
export function brokenHistory(arb: fc.Arbitrary<GeneratedHistory>): fc.Arbitrary<BrokenHistory> {
  return fc.tuple(arb, fc.nat(), fc.nat()).map(([history, fault, place]) => breakHistory(history, { fault, place }));
}
