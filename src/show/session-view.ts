// A file as its session page shows it: lint it, rebuild what its client resumes, and with --fix the repair beside it.
import { clientName } from "../clients/index.js";
import { fixBytes, lintSource, type Diagnostic, type LintOptions, type LintResult } from "../engine/index.js";
import type { FormatName } from "../history/index.js";
import { DEFAULT_PROFILE, type ProfileName } from "../profiles/index.js";
import { readRecords, splitLines, type Line, type RawRecord } from "../read/index.js";
import { claudeCodeTree } from "./claude-tree.js";
import { markRepair } from "./repair-diff.js";
import { buildTimeline, resumingClient } from "./timeline.js";
import type { SessionView, Timeline, ViewEntry, ViewFinding } from "./view-model.js";
import { MAX_ENTRY_TEXT } from "./entries.js";

export interface ShowOptions extends LintOptions {
  /** Show the repair `histlint fix` would make, as a before and after (nothing is written). */
  fix?: boolean;
  /** With `fix`: the repairs that may drop data too. */
  unsafe?: boolean;
}

/** The texts of the given lines of a file, read in one pass. */
function linesOf(bytes: Buffer, wanted: Set<number>): Map<number, string> {
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  const last = Math.max(...wanted);
  for (const entry of splitLines({ buffer: bytes })) {
    if (!("line" in entry)) continue;
    const line = entry as Line;
    if (wanted.has(line.line)) found.set(line.line, line.text);
    if (line.line >= last) break;
  }
  return found;
}

function recordsOf(bytes: Buffer): RawRecord[] {
  return [...readRecords({ buffer: bytes })].flatMap((event) => (event.record ? [event.record] : []));
}

/** A file that is not a history the view can rebuild: only its findings, each at its line. */
function findingsOnly(diagnostics: readonly Diagnostic[], lines: Map<number, string>): Timeline {
  const entries: ViewEntry[] = [];
  const findings: ViewFinding[] = diagnostics.map((d, n) => {
    let entry = entries.find((e) => e.line === d.line);
    if (!entry) {
      const text = lines.get(d.line) ?? "";
      entry = { n: entries.length, kind: "line", label: `line ${d.line}`, text: text.slice(0, MAX_ENTRY_TEXT), line: d.line, column: 1, fate: "note", findings: [] };
      entries.push(entry);
    }
    entry.findings.push(n);
    return { n, ruleId: d.ruleId, severity: d.severity, message: d.message, line: d.line, column: d.column, ...(d.consequence ? { consequence: d.consequence } : {}), entry: entry.n };
  });
  return { entries, rows: entries.map((e) => ({ type: "entry", entry: e.n })), findings, turns: 0, calls: 0 };
}

function timelineOf(bytes: Buffer, records: RawRecord[], format: FormatName, profile: ProfileName, diagnostics: readonly Diagnostic[]): Timeline {
  const lines = linesOf(bytes, new Set(diagnostics.map((d) => d.line)));
  return buildTimeline({ format, profile, records, bytes, diagnostics, lineText: (line) => lines.get(line) });
}

/** The view of a file already linted: `result` gives the findings (as filtered for the report), `bytes` the file. */
export function sessionView(result: LintResult, bytes: Buffer): SessionView {
  const format = result.inputFormat;
  const profile = (result.profile ?? (format ? DEFAULT_PROFILE[format] : null)) as ProfileName | null;
  const base = { filePath: result.filePath, format, profile, errors: result.errorCount, warnings: result.warningCount };
  if (result.fatal || !format || !profile) {
    const lines = linesOf(bytes, new Set(result.messages.map((d) => d.line)));
    return { ...base, records: 0, ...(result.fatal ? { fatal: result.messages[0]?.message ?? "the file could not be read" } : {}), timeline: findingsOnly(result.messages, lines) };
  }
  const records = recordsOf(bytes);
  const timeline = timelineOf(bytes, records, format, profile, result.messages);
  const client = resumingClient(format, profile);
  const recordOf = (finding: ViewFinding) => result.messages[finding.n]?.record;
  return {
    ...base,
    records: records.length,
    ...(client ? { client: clientName(client) } : {}),
    timeline,
    ...(format === "claude-code" ? { tree: claudeCodeTree(records, timeline.findings, recordOf) } : {}),
  };
}

/** Lints `bytes` and builds the view; with `fix`, the repair too. */
export function showBytes(filePath: string, bytes: Buffer, options: ShowOptions = {}): SessionView {
  const { fix, unsafe, ...lintOptions } = options;
  const view = sessionView(lintSource(filePath, { buffer: bytes }, lintOptions), bytes);
  if (!fix || view.fatal || !view.format || !view.profile) return view;
  const outcome = fixBytes(filePath, bytes, { ...lintOptions, ...(unsafe ? { unsafe } : {}) });
  const after = timelineOf(outcome.output, recordsOf(outcome.output), view.format as FormatName, view.profile as ProfileName, outcome.remaining.messages);
  markRepair(view.timeline, after);
  return { ...view, repair: { applied: outcome.applied, after, needUnsafe: outcome.needUnsafe.length } };
}
