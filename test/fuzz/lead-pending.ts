// Failures the fuzz suite finds that wait for fixes outside it (issue 12, the lead's items): each one
// narrow, named, and to be removed as the fix lands on main.
import { readRecords, type FixOutcome, type ReadProblem } from "../../src/index.js";

export const leadPending = {
  /**
   * lead: remove once fix's loop never drops, as a truncated last record, a record that was cut in the
   * middle of the file when the run started. A safe run removes what follows it (a truncated line, a
   * reasoning-only turn), the cut record is then last, and goes as truncated: a safe fix has dropped a
   * line the README says goes only with --unsafe. `{"type":"message","role":"user","content":"list\r\n"}`
   * (the second line goes as truncated, then the first); or one-item-a-line.jsonl cut inside the
   * function call's arguments with a reasoning item after it.
   */
  cutRecordMadeLast: (problem: ReadProblem, outcome: FixOutcome) => problem.message.startsWith("record is cut short") && outcome.applied.some((fix) => fix.ruleId === "truncated-record"),
  /**
   * lead: remove once the reader reads a cut, pretty-printed record the same wherever it stands, and
   * its tolerant path stops at a line that starts a record. Two cases the suite found:
   * - with a broken first line, `{"model\u0001:"m","messages":[\n{"role":"user","content":"hi"},\n,\n]}`
   *   reads as one truncated record to the end of the file, though `{"role":"user","content":"hi"}`
   *   and a stray `,` read as a record when another line follows (here: once fix removed the rest);
   * - a rollout ending `…"call_id":"call_1"}}\n{\n  "timestamp"` ends in one truncated record, but once
   *   fix inserts the call's "aborted" output after the call's gap (the cut lines), they read as a
   *   cut record and a string record `"timestamp"` in the middle (a new non-object-record).
   */
  multiLineTruncation: (bytes: Buffer) => [...readRecords({ buffer: bytes })].some(({ problem }) => problem?.code === "truncated-record" && problem.span.endLine > problem.span.line),
};
