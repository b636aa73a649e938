// Lints one file: read records, pick the format, stream the history, collect what is wrong.
import { readFileSync, statSync } from "node:fs";
import { adapterFor, detectFormat, DETECTION_SAMPLE, type FormatAdapter } from "../formats/index.js";
import type { FormatName } from "../history/index.js";
import { FILE_START, readRecords, type ByteSource, type RawRecord, type ReadEvent } from "../read/index.js";
import { summarize, type Diagnostic, type LintResult } from "./diagnostic.js";
import { diagnosticAt, FATAL_READ_PROBLEMS, lineLayoutProblems, readProblemDiagnostic, recordProblemDiagnostic } from "./record-checks.js";

export interface LintOptions {
  /** Force a format instead of detecting it. */
  inputFormat?: FormatName | "auto";
}

/** The profile each format is sent to when none is named. */
export const DEFAULT_PROFILE: Record<FormatName, string> = {
  codex: "codex",
  "claude-code": "anthropic",
  responses: "openai-responses",
  chat: "openai-chat",
  anthropic: "anthropic",
};

/** Files up to this size are read whole (document formats need their bytes); larger ones are streamed. */
const WHOLE_FILE_BYTES = 64 * 1024 * 1024;

/** Lints a file on disk. I/O errors come back as a fatal result, never as an exception. */
export function lintFile(filePath: string, options: LintOptions = {}): LintResult {
  let source: ByteSource;
  try {
    const size = statSync(filePath).size;
    source = size <= WHOLE_FILE_BYTES ? { buffer: readFileSync(filePath) } : { path: filePath };
  } catch (error) {
    return fatalResult(filePath, "unreadable", `cannot read the file: ${describeIoError(error)}`);
  }
  return lintSource(filePath, source, options);
}

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = { ENOENT: "no such file", EACCES: "permission denied", EISDIR: "it is a directory", EMFILE: "too many open files" };
  return (code && known[code]) ?? (error as Error).message;
}

function fatalResult(filePath: string, ruleId: string, message: string, inputFormat: FormatName | null = null): LintResult {
  return summarize(filePath, { inputFormat, profile: null, fatal: true }, [diagnosticAt(ruleId, "error", message, FILE_START)]);
}

/** Lints bytes from any source (a file, stdin, a test buffer). */
export function lintSource(filePath: string, source: ByteSource, options: LintOptions = {}): LintResult {
  const diagnostics: Diagnostic[] = [];
  const events = readRecords(source);
  const head: RawRecord[] = [];
  let fatal = false;
  for (const event of takeUntil(events, () => head.length >= DETECTION_SAMPLE)) {
    if (event.record) head.push(event.record);
    else {
      diagnostics.push(readProblemDiagnostic(event.problem));
      fatal ||= FATAL_READ_PROBLEMS.has(event.problem.code);
    }
  }
  if (fatal || (head.length === 0 && diagnostics.length > 0)) {
    return summarize(filePath, { inputFormat: null, profile: null, fatal }, diagnostics);
  }
  const adapter = chooseAdapter(head, options);
  if (!adapter) {
    const message = "cannot tell which history format this is (Codex rollout, Claude Code session, Responses, Chat or Anthropic request); name it with --input-format";
    return fatalResult(filePath, "unknown-format", message);
  }
  const records = recordStream(head, events, adapter, diagnostics);
  const bytes = "buffer" in source ? Buffer.from(source.buffer.buffer, source.buffer.byteOffset, source.buffer.byteLength) : undefined;
  const stream = adapter.history(adapter.layout === "document" ? [...records] : records, {
    report: (problem) => diagnostics.push(recordProblemDiagnostic(problem)),
    ...(bytes ? { bytes } : {}),
  });
  for (const _event of stream.events) {
    // Items are checked by rules (next layer); reading them through is what reports record problems.
  }
  return summarize(filePath, { inputFormat: adapter.name, profile: DEFAULT_PROFILE[adapter.name], fatal: false }, diagnostics);
}

function chooseAdapter(head: RawRecord[], options: LintOptions): FormatAdapter | undefined {
  if (options.inputFormat && options.inputFormat !== "auto") return adapterFor(options.inputFormat);
  return detectFormat(head.map((record) => record.value));
}

/** Yields from the iterator until `done()` holds, leaving the rest unread. */
function* takeUntil<T>(iterator: Iterator<T>, done: () => boolean): Generator<T> {
  while (!done()) {
    const next = iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

/** The records read for detection, then the rest, with their read and layout problems collected. */
function* recordStream(head: RawRecord[], rest: Iterator<ReadEvent>, adapter: FormatAdapter, diagnostics: Diagnostic[]): Generator<RawRecord> {
  const multiple = head.length > 1;
  for (const record of head) {
    diagnostics.push(...lineLayoutProblems(record, adapter, multiple ? 2 : 1));
    yield record;
  }
  for (let next = rest.next(); !next.done; next = rest.next()) {
    const event = next.value;
    if (event.problem) {
      diagnostics.push(readProblemDiagnostic(event.problem));
      continue;
    }
    diagnostics.push(...lineLayoutProblems(event.record, adapter, 2));
    yield event.record;
  }
}
