// One input's repair for `histlint fix`, held whole (stdin, documents, small files) or streamed from
// disk (a large JSONL file), behind one face: what to report, and where to put the result.
import { closeSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { clientFor } from "../clients/index.js";
import { describeIoError, discardRepair, fixBytes, fixFileStreamed, lintSource, placeWhole, replaceFile, snapshotOf, writeWhole, type FixOptions, type LintResult, type ReplaceOptions, type ReplaceOutcome, type Settled, type StreamedFixOutcome } from "../engine/index.js";
import { DEFAULT_PROFILE } from "../profiles/index.js";
import { MAX_LINE_BYTES, splitLines } from "../read/index.js";
import { streamedEditScript, unifiedDiff, writeUnifiedDiff } from "../report/index.js";
import { UsageError } from "./exit-codes.js";

export interface Repair {
  outcome: Settled<unknown>;
  /** The repair checked against the endpoint `--profile` named, for a client's own file. */
  portability?: LintResult;
  /** Writes the unified diff from the input to the repair. */
  diff(name: string, write: (text: string) => void): void;
  print(write: (text: string) => void): void;
  writeTo(path: string): void;
  replace(file: string, options: ReplaceOptions): ReplaceOutcome;
  /** Lets go of what the repair holds on disk when it is not written. */
  discard(): void;
}

/**
 * Files above this size are repaired streamed (memory stays flat); smaller ones are read whole, which
 * is quicker. HISTLINT_STREAM_FIX_BYTES changes it (the tests stream small files).
 */
const STREAM_ABOVE_BYTES = Number(process.env.HISTLINT_STREAM_FIX_BYTES ?? 64 * 1024 * 1024);

/** A client's own file is repaired for its client: `--profile` of another endpoint only checks the repair there. */
function ownOptions(format: string | null, options: FixOptions): FixOptions | undefined {
  const profile = format ? (options.profiles?.[format as keyof NonNullable<FixOptions["profiles"]>] ?? options.profile) : undefined;
  if (!profile || !format || !clientFor(format as never) || DEFAULT_PROFILE[format as keyof typeof DEFAULT_PROFILE] === profile) return undefined;
  const { profile: _profile, profiles: _profiles, ...own } = options;
  return own;
}

/** The repair of bytes held whole. */
export function wholeRepair(name: string, input: Buffer, options: FixOptions): Repair {
  let outcome = fixBytes(name, input, options);
  const own = ownOptions(outcome.remaining.inputFormat, options);
  let portability: LintResult | undefined;
  if (own) {
    outcome = fixBytes(name, input, own);
    portability = lintSource(name, { buffer: outcome.output }, options);
  }
  const output = outcome.output;
  return {
    outcome,
    ...(portability ? { portability } : {}),
    diff: (label, write) => write(unifiedDiff(label, input.toString("utf8"), output.toString("utf8"))),
    print: (write) => write(output.toString("utf8")),
    writeTo: (path) => writeWhole(path, output),
    replace: (file, replaceOptions) => replaceFile(file, output, input, replaceOptions),
    discard: () => undefined,
  };
}

/**
 * The repair of a large JSONL file, streamed into a temporary beside where it goes (`-o`, or the file
 * itself); undefined for a small file or one that is not JSONL, to be repaired whole.
 */
export function streamedRepair(file: string, options: FixOptions, destination: { output?: string; inPlace: boolean }): Repair | undefined {
  const size = statSync(file).size;
  if (size <= STREAM_ABOVE_BYTES) return undefined;
  // In place, the write protocol guards the bytes the repair read by their digest.
  const snapshot = destination.inPlace ? snapshotOf(file) : undefined;
  // For --stdout there is no target: the temporary goes where temporaries go, not beside a file in a folder that may be read-only.
  const beside = destination.output ?? (destination.inPlace ? realpathSync(file) : join(tmpdir(), basename(file)));
  // The bytes the repair reads: what a writer appends meanwhile is not part of it (in place, the write protocol keeps it).
  const length = snapshot?.size ?? size;
  const place = { beside, fresh: destination.output !== undefined && !exists(destination.output), length };
  const repair = (settings: FixOptions) => {
    try {
      return fixFileStreamed(file, settings, place);
    } catch (error) {
      throw new UsageError(`${file}: cannot write the repair: ${describeIoError(error)}`);
    }
  };
  let outcome: StreamedFixOutcome | undefined = repair(options);
  if (!outcome) return undefined;
  const own = ownOptions(outcome.remaining.inputFormat, options);
  let portability: LintResult | undefined;
  if (own) {
    discardRepair(outcome.output);
    outcome = repair(own) as StreamedFixOutcome;
    portability = lintSource(file, { path: outcome.output.path, length: outcome.output.size }, options);
  }
  const output = outcome.output;
  return {
    outcome,
    ...(portability ? { portability } : {}),
    diff: (label, write) => {
      const before = new DiffLines(file, length);
      const after = new DiffLines(output.path, output.size);
      const script = () => streamedEditScript(before.lines(), after.lines());
      writeUnifiedDiff(label, script, write, () => before.endsWithNewline !== after.endsWithNewline);
    },
    print: (write) => {
      printFile(output.path, output.size, write);
      discardRepair(output);
    },
    writeTo: (path) => placeWhole(path, output),
    replace: (target, replaceOptions) => replaceFile(target, output, snapshot ?? snapshotOf(target), replaceOptions),
    discard: () => discardRepair(output),
  };
}

/** A file's lines as `unifiedDiff` splits a text: by "\n" alone (a CR stays on its line), the byte-order mark on the first. */
class DiffLines {
  endsWithNewline = false;

  constructor(
    private readonly path: string,
    private readonly length: number,
  ) {}

  *lines(): Generator<string> {
    let mark = "";
    for (const line of splitLines({ path: this.path, length: this.length })) {
      if (!("text" in line)) {
        mark = line.hasByteOrderMark ? "\uFEFF" : "";
        continue;
      }
      if (line.tooLong) throw new UsageError(`${this.path}:${line.line}: the line is over ${MAX_LINE_BYTES / 1024 / 1024} MB: --dry-run cannot show it (fix -o writes the repair elsewhere)`);
      this.endsWithNewline = line.eol !== "";
      yield `${mark}${line.text}${line.eol === "\r\n" ? "\r" : ""}`;
      mark = "";
    }
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Prints a file as text a chunk at a time; a character split between chunks is decoded whole. */
function printFile(path: string, size: number, write: (text: string) => void): void {
  const fd = openSync(path, "r");
  const decoder = new StringDecoder("utf8");
  const chunk = Buffer.allocUnsafe(1 << 20);
  try {
    for (let at = 0; at < size; ) {
      const read = readSync(fd, chunk, 0, Math.min(chunk.length, size - at), at);
      if (read === 0) break;
      write(decoder.write(chunk.subarray(0, read)));
      at += read;
    }
    write(decoder.end());
  } finally {
    closeSync(fd);
  }
}
