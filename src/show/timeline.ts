// Builds a file's timeline: the conversation its client resumes, the client's own repair, each finding pinned to its entry.
import { clientFor, readHistory, type ClientModel } from "../clients/index.js";
import type { Diagnostic } from "../engine/index.js";
import { startsUserTurn, type FormatName } from "../history/index.js";
import { itemTokens, PROFILES, type ProfileName } from "../profiles/index.js";
import type { RawRecord } from "../read/index.js";
import { applySelfRepair, MAX_ENTRY_TEXT, sequenceEvents, type Placed } from "./entries.js";
import type { Timeline, ViewEntry, ViewFinding, ViewRow } from "./view-model.js";

export interface TimelineInput {
  format: FormatName;
  profile: ProfileName;
  records: readonly RawRecord[];
  /** The whole file, for formats that locate elements inside one document. */
  bytes?: Buffer;
  diagnostics: readonly Diagnostic[];
  /** The text of a line of the file, for findings about lines no item stands for. */
  lineText: (line: number) => string | undefined;
}

/** The client whose repair applies: only when the file goes to that client's own endpoint. */
export function resumingClient(format: FormatName, profile: ProfileName): ClientModel | undefined {
  const client = clientFor(format);
  return client && client.profile === profile ? client : undefined;
}

/** A place on the timeline: an entry, or a divider where a compaction or rollback rewrote what came before. */
type Step = { entry: number } | { divider: { line: number; why: string } };

export function buildTimeline(input: TimelineInput): Timeline {
  const client = resumingClient(input.format, input.profile);
  const events = readHistory(input.format, input.records, input.bytes ? { bytes: input.bytes } : {}).events;
  const { sequence, live } = sequenceEvents(events, input.records);
  const repaired = client ? applySelfRepair(sequence, client.selfRepair(live, input.records), client) : sequence;
  const entries: ViewEntry[] = [];
  const steps: Step[] = [];
  const items: Placed[] = [];
  for (const step of repaired) {
    if ("divider" in step) {
      steps.push(step);
      continue;
    }
    entries.push({ ...step.entry, n: entries.length, findings: [] });
    items.push(step);
    steps.push({ entry: entries.length - 1 });
  }
  const findings = pinFindings(input, client, entries, items, steps);
  const profile = PROFILES[input.profile];
  const tokensOf = (n: number) => {
    const placed = items[n];
    const fate = entries[n]?.fate;
    return placed?.item && (fate === "sent" || fate === "inserted") ? itemTokens(profile, placed.item) : 0;
  };
  const { rows, turns } = rowsOf(entries, items, steps, tokensOf);
  return {
    entries,
    rows,
    findings,
    turns,
    calls: entries.filter((e) => e.kind === "call" && e.fate !== "inserted").length,
    tokens: entries.reduce((sum, entry) => sum + tokensOf(entry.n), 0),
  };
}

/**
 * Pins each finding to the entry of its record (the one at its JSON pointer if several, never one the
 * client made); a finding no entry stands for gets an entry of its own at its line, in file order.
 */
function pinFindings(input: TimelineInput, client: ClientModel | undefined, entries: ViewEntry[], items: Placed[], steps: Step[]): ViewFinding[] {
  const byRecord = new Map<number, number[]>();
  for (const entry of entries) {
    const pointer = items[entry.n]?.item?.source.pointer ?? "";
    if (entry.record === undefined || pointer.startsWith("#")) continue;
    byRecord.set(entry.record, [...(byRecord.get(entry.record) ?? []), entry.n]);
  }
  const findings: ViewFinding[] = [];
  for (const diagnostic of input.diagnostics) {
    const candidates = diagnostic.record !== undefined ? (byRecord.get(diagnostic.record) ?? []) : entries.filter((e) => e.line === diagnostic.line && e.fate !== "inserted").map((e) => e.n);
    const live = candidates.filter((n) => entries[n]?.fate !== "superseded");
    const pool = live.length > 0 ? live : candidates;
    const exact = pool.find((n) => diagnostic.pointer !== undefined && items[n]?.item?.source.pointer === diagnostic.pointer);
    const inside = pool.find((n) => diagnostic.pointer !== undefined && diagnostic.pointer.startsWith(items[n]?.item?.source.pointer ?? "\0"));
    const target = exact ?? inside ?? pool[0] ?? lineEntry(input, client, diagnostic, entries, steps);
    const finding: ViewFinding = {
      n: findings.length,
      ruleId: diagnostic.ruleId,
      severity: diagnostic.severity,
      message: diagnostic.message,
      line: diagnostic.line,
      column: diagnostic.column,
      ...(diagnostic.consequence ? { consequence: diagnostic.consequence } : {}),
      entry: target,
    };
    findings.push(finding);
    entries[target]?.findings.push(finding.n);
  }
  return findings;
}

/** An entry for a line the conversation holds nothing of: a line the client skips, or a note about the file. */
function lineEntry(input: TimelineInput, client: ClientModel | undefined, diagnostic: Diagnostic, entries: ViewEntry[], steps: Step[]): number {
  const existing = entries.find((e) => e.kind === "line" && e.line === diagnostic.line);
  if (existing) return existing.n;
  const record = diagnostic.record !== undefined ? input.records[diagnostic.record] : undefined;
  // A lost finding with no entry of the conversation: the client leaves the line out, unread or unsent.
  const unread = diagnostic.consequence === "lost" && client !== undefined;
  const why = record === undefined || !client?.reads(record) ? "does not read this line" : "does not send this record on resume";
  const whole = input.lineText(diagnostic.line) ?? "";
  const entry: ViewEntry = {
    n: entries.length,
    kind: "line",
    label: `line ${diagnostic.line}`,
    text: whole.slice(0, MAX_ENTRY_TEXT),
    ...(whole.length > MAX_ENTRY_TEXT ? { fullLength: whole.length } : {}),
    line: diagnostic.line,
    column: 1,
    ...(diagnostic.record !== undefined ? { record: diagnostic.record } : {}),
    fate: unread ? "skipped" : "note",
    ...(unread && client ? { why: `${client.label} ${client.version} ${why}` } : {}),
    findings: [],
  };
  entries.push(entry);
  // In file order among the entries that stand for lines of the file.
  const at = steps.findIndex((step) => "entry" in step && (entries[step.entry]?.line ?? 0) > diagnostic.line && entries[step.entry]?.fate !== "inserted");
  steps.splice(at < 0 ? steps.length : at, 0, { entry: entry.n });
  return entry.n;
}

/** Groups entries into rows: a heading at each user turn, tool calls made together with the outputs that answer them. */
function rowsOf(entries: ViewEntry[], items: Placed[], steps: Step[], tokensOf: (n: number) => number): { rows: ViewRow[]; turns: number } {
  const rows: ViewRow[] = [];
  const joined = new Set<number>();
  const order = steps.flatMap((step) => ("entry" in step ? [step.entry] : []));
  const answers = answersByCall(entries, order);
  let turns = 0;
  let turnRow: Extract<ViewRow, { type: "turn" }> | undefined;
  let callsRow: Extract<ViewRow, { type: "calls" }> | undefined;
  for (const step of steps) {
    if ("divider" in step) {
      rows.push({ type: "reset", ...step.divider });
      callsRow = undefined;
      continue;
    }
    const entry = entries[step.entry] as ViewEntry;
    if (joined.has(entry.n)) continue;
    const item = items[entry.n]?.item;
    if (item && startsUserTurn(item) && entry.fate === "superseded") {
      // A turn a compaction replaced or a rollback undid: headed, but not counted among the turns sent.
      turnRow = { type: "turn", turn: 0, superseded: true, line: entry.line };
      rows.push(turnRow);
    } else if (item && startsUserTurn(item) && entry.fate !== "inserted") {
      turns += 1;
      turnRow = { type: "turn", turn: turns, line: entry.line, tokens: 0 };
      rows.push(turnRow);
    }
    if (!turnRow && rows.length === 0) rows.push((turnRow = { type: "turn", turn: 0, line: entry.line, tokens: 0 }));
    if (turnRow) turnRow.tokens = (turnRow.tokens ?? 0) + tokensOf(entry.n);
    if (entry.kind === "call") {
      const outputs = answers.beside.get(entry.n) ?? [];
      const apart = answers.apart.get(entry.n) ?? [];
      outputs.forEach((n) => {
        joined.add(n);
        if (turnRow) turnRow.tokens = (turnRow.tokens ?? 0) + tokensOf(n);
      });
      if (!callsRow) rows.push((callsRow = { type: "calls", pairs: [] }));
      callsRow.pairs.push({ call: entry.n, outputs, ...(apart.length > 0 ? { apart: apart.map((n) => entries[n]?.line ?? 0) } : {}) });
      continue;
    }
    callsRow = undefined;
    rows.push({ type: "entry", entry: entry.n });
  }
  return { rows, turns };
}

/**
 * For each call, the outputs that answer it (by call id) before anything else comes between: those
 * stand beside it. An output after a message, or after the next call with the same id, stands apart
 * in its place (as does one written before its call), so the page shows the order the endpoint sees.
 */
function answersByCall(entries: ViewEntry[], order: number[]): { beside: Map<number, number[]>; apart: Map<number, number[]> } {
  const beside = new Map<number, number[]>();
  const apart = new Map<number, number[]>();
  let open = new Map<string, number>();
  const lastCall = new Map<string, number>();
  const before = new Map<string, number[]>();
  for (const n of order) {
    const entry = entries[n] as ViewEntry;
    if (entry.kind === "call" && entry.callId !== undefined) {
      open.set(entry.callId, n);
      lastCall.set(entry.callId, n);
      beside.set(n, []);
      // Outputs of this id written before the call stand apart from it too.
      if (before.has(entry.callId)) apart.set(n, before.get(entry.callId) as number[]);
      before.delete(entry.callId);
    } else if (entry.kind === "output" && entry.callId !== undefined) {
      const call = open.get(entry.callId);
      const earlier = lastCall.get(entry.callId);
      if (call !== undefined) beside.get(call)?.push(n);
      else if (earlier !== undefined) apart.set(earlier, [...(apart.get(earlier) ?? []), n]);
      else before.set(entry.callId, [...(before.get(entry.callId) ?? []), n]);
    } else if (entry.kind !== "reasoning" && entry.kind !== "call" && entry.kind !== "output") open = new Map();
  }
  return { beside, apart };
}
