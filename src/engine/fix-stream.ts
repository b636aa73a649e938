// Repairs a JSONL file without holding it: each pass lints the file as lint does (records on demand)
// and writes its edits as a streamed copy into a temporary beside the target; the next pass reads that.
import { closeSync, openSync, statSync, unlinkSync } from "node:fs";
import { streamLines, type Edit } from "../formats/index.js";
import type { RawRecord } from "../read/index.js";
import { collectGarbage } from "./collect-garbage.js";
import { FileSink, fileSource, recordsAtVersion, recordsOfVersion, sameBytes, type FileVersion } from "./file-line-source.js";
import { ContextOnDemand } from "./fix-context-on-demand.js";
import { passOf, settle, type FixMedium, type FixOptions, type PassAnalysis, type Settled } from "./fix-passes.js";
import { analyse, internalError } from "./lint-file.js";
import { temporaryPath } from "./temporary-files.js";

/** A version of the file a repair produced: the original itself when nothing changed, or a temporary. */
export interface RepairedFile extends FileVersion {
  temporary: boolean;
}

export type StreamedFixOutcome = Settled<RepairedFile>;

export interface StreamPlace {
  /** The file the repair will become: temporaries are made beside it, named after it. */
  beside: string;
  /** The repair becomes a new file (its mode then follows the umask), not a replacement. */
  fresh?: boolean;
  /** Read the file no further than this (its size when the write protocol took its digest); all of it by default. */
  length?: number;
  /** The name results give the file (its path by default). */
  name?: string;
}

/** The file turned out not to be one a stream can repair (one JSON document): repair it held whole. */
class NotStreamable extends Error {}

/**
 * Repairs the JSONL file at `filePath` as `fixBytes` would its bytes, with the same outcome, holding the
 * records the fixes read rather than the file. The output is a temporary beside `place.beside` (the
 * caller renames it into place or removes it) or, when nothing changed, the original. Undefined when
 * the file is not JSONL: the caller repairs it whole. No temporary is left behind when it throws.
 */
export function fixFileStreamed(filePath: string, options: FixOptions, place: StreamPlace): StreamedFixOutcome | undefined {
  const name = place.name ?? filePath;
  const original: RepairedFile = { path: filePath, size: place.length ?? statSync(filePath).size, temporary: false };
  const made = new Set<string>();
  let outcome: StreamedFixOutcome | undefined;
  try {
    outcome = settle(onDisk(name, original, options, place, made), original, options);
    return outcome;
  } catch (error) {
    if (error instanceof NotStreamable) return undefined;
    // A temporary that could not be written (a full disk, a read-only folder) is the caller's to report, not histlint's bug.
    if (typeof (error as NodeJS.ErrnoException).code === "string") throw error;
    return { output: original, changed: false, applied: [], needUnsafe: [], unsettled: [], remaining: internalError(name, error) };
  } finally {
    for (const temporary of made) if (temporary !== outcome?.output.path) removeQuietly(temporary);
  }
}

/** Removes a repair's temporary that will not be put in place. */
export function discardRepair(repaired: RepairedFile): void {
  if (repaired.temporary) removeQuietly(repaired.path);
}

function onDisk(name: string, original: RepairedFile, options: FixOptions, place: StreamPlace, made: Set<string>): FixMedium<RepairedFile> {
  const analysed = (analysis: PassAnalysis) => {
    const { adapter } = analysis;
    if (adapter && (adapter.layout !== "lines" || !analysis.survey || analysis.recordCount === undefined)) throw new NotStreamable();
    return analysis;
  };
  return {
    analyse: (current) => (collectAfterLargeRead(current), analysed(passOf(analyse(name, { path: current.path, length: current.size }, options, { survey: true })))),
    recordCount: (analysis) => analysis.recordCount ?? 0,
    context(current, analysis) {
      return new ContextOnDemand({
        adapter: analysis.adapter as NonNullable<PassAnalysis["adapter"]>,
        profile: analysis.profile,
        ...(options.cancelText !== undefined ? { cancelText: options.cancelText } : {}),
        count: analysis.recordCount ?? 0,
        fetch: (indices) => recordsAtVersion(current, indices),
        all: () => recordsOfVersion(current),
      });
    },
    apply(current, analysis, edits) {
      collectAfterLargeRead(current);
      const next = writePass(current, analysis, edits, place, made);
      if (!next) return { next: current, same: true };
      // The loop never goes back to a version it has moved past.
      if (current.temporary) removeQuietly(current.path), made.delete(current.path);
      return { next, same: false };
    },
    changed: (output) => output.temporary && (output.size !== original.size || !sameBytes(output, original)),
  };
}

/** Below this, a pass's garbage is not worth a full collection (a test's hundreds of small files). */
const GARBAGE_WORTH_COLLECTING = 16 * 1024 * 1024;

/** Lets go of the last pass's garbage before a pass that reads `version` again (see collect-garbage.ts). */
function collectAfterLargeRead(version: FileVersion): void {
  if (version.size >= GARBAGE_WORTH_COLLECTING) collectGarbage();
}

/** Writes `current` with `edits` applied to a new temporary; undefined (and no temporary) when that is the same bytes. */
function writePass(current: RepairedFile, analysis: PassAnalysis, edits: readonly Edit[], place: StreamPlace, made: Set<string>): RepairedFile | undefined {
  const temporary = temporaryPath(place.beside);
  const out = openSync(temporary, "wx", place.fresh ? 0o666 : 0o600);
  made.add(temporary);
  const input = openSync(current.path, "r");
  let size: number;
  let same: boolean;
  try {
    const source = fileSource(input, current, movedRecords(current, edits));
    const sink = new FileSink(out, source);
    streamLines(source, edits, (analysis.survey as NonNullable<PassAnalysis["survey"]>).style(edits), sink);
    same = sink.finish();
    size = sink.size;
  } finally {
    closeSync(input);
    closeSync(out);
  }
  if (!same) return { path: temporary, size, temporary: true };
  removeQuietly(temporary);
  made.delete(temporary);
  return undefined;
}

/** The records edits move (and the record after each, where a moved record's line ends), read before the write. */
function movedRecords(version: FileVersion, edits: readonly Edit[]): Map<number, RawRecord> {
  const wanted = new Set(edits.flatMap((edit) => (edit.op === "move" ? [edit.record, edit.record + 1] : [])));
  const moved = new Map<number, RawRecord>();
  if (wanted.size > 0) for (const record of recordsAtVersion(version, wanted)) moved.set(record.index, record);
  return moved;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
