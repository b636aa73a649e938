// The data a session page is drawn from: plain JSON, so the page's script can render it row by row.

/** What the client does with an entry on resume. */
export type Fate =
  /** Sent as the file holds it. */
  | "sent"
  /** In the file, but the client leaves it out of what it sends. */
  | "dropped"
  /** In the file, but the client sends something else in its place (the entry after it). */
  | "replaced"
  /** Not in the file: the client adds it. */
  | "inserted"
  /** A line the client does not read at all. */
  | "skipped"
  /** Replaced by a later compaction or undone by a rollback: no longer part of the conversation. */
  | "superseded"
  /** A finding with no item of the conversation to stand beside (a note about the file). */
  | "note";

export type EntryKind = "message" | "reasoning" | "call" | "output" | "compaction" | "other" | "line";

/** One thing on the timeline: an item of the conversation, or a line of the file a finding is about. */
export interface ViewEntry {
  n: number;
  kind: EntryKind;
  /** `user`, `assistant`, `developer`, `system` for messages; the tool's name for calls. */
  label: string;
  callId?: string;
  /** What the entry holds, as text; at most MAX_ENTRY_TEXT characters. */
  text: string;
  /** The length of the whole text, when `text` was cut. */
  fullLength?: number;
  isError?: boolean;
  line: number;
  column: number;
  record?: number;
  fate: Fate;
  /** Why the client does what `fate` says. */
  why?: string;
  /** Indices into the timeline's findings. */
  findings: number[];
  /** In a repair's before/after: what the repair did to it. */
  change?: "added" | "removed" | "moved";
}

export interface ViewFinding {
  n: number;
  ruleId: string;
  severity: "error" | "warning" | "info";
  message: string;
  line: number;
  column: number;
  consequence?: "refused" | "lost" | "wont-open";
  /** The entry it is pinned to. */
  entry: number;
}

/** A row of the timeline: a turn's heading, one entry, or tool calls made together, each with its outputs. */
export type ViewRow =
  /** Turn 0 is what comes before the first prompt; a superseded turn is one no longer sent. */
  | { type: "turn"; turn: number; line: number; tokens?: number; superseded?: boolean }
  | { type: "reset"; line: number; why: string }
  | { type: "entry"; entry: number }
  /** `apart`: lines of this call's outputs that stand elsewhere, with something between them and the call. */
  | { type: "calls"; pairs: { call: number; outputs: number[]; apart?: number[] }[] };

export interface Timeline {
  entries: ViewEntry[];
  rows: ViewRow[];
  findings: ViewFinding[];
  turns: number;
  calls: number;
  /** The estimate of what is sent, by the profile's tokenizer. */
  tokens?: number;
}

/** A node of a Claude Code session's `parentUuid` tree, flattened for drawing. */
export interface TreeRow {
  depth: number;
  line: number;
  uuid: string;
  type: string;
  summary: string;
  /** On the chain the resume follows, or gathered beside it (parallel results); off it; or a sidechain. */
  state: "resumed" | "off-chain" | "sidechain";
  /** Resumed, but beside the chain rather than on it: a parallel call or result Claude Code gathers back. */
  gathered?: boolean;
  /** Where a branch leaves the line above it (a rewind, a second reply). */
  branch?: boolean;
  /** The record's `parentUuid` names no record: what Claude Code does about it. */
  link?: string;
  findings: number[];
}

export interface RepairView {
  applied: { ruleId: string; line: number; safety: "safe" | "unsafe" }[];
  after: Timeline;
  /** Problems whose repair needs --unsafe. */
  needUnsafe: number;
}

export interface SessionView {
  filePath: string;
  format: string | null;
  /** `Codex CLI 0.169.0`, when a client writes the format and the profile is the client's endpoint. */
  client?: string;
  profile: string | null;
  records: number;
  errors: number;
  warnings: number;
  /** The file could not be read as a history; `fatal` says why. */
  fatal?: string;
  timeline: Timeline;
  tree?: TreeRow[];
  repair?: RepairView;
}
