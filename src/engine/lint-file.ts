// Lints one file: read records, pick the format and profile, stream the history through the rules.
import { readFileSync, statSync, type Stats } from "node:fs";
import { RULES } from "../../rules/index.js";
import { clientFor, readHistory } from "../clients/index.js";
import { adapterFor, detectFormat, DETECTION_SAMPLE, type FormatAdapter, type HistoryStream, type LineSurvey } from "../formats/index.js";
import { collectItems, type FormatName, type Item, type RequestContext } from "../history/index.js";
import { DEFAULT_PROFILE, PROFILES, type ProfileName } from "../profiles/index.js";
import { FILE_START, readRecords, RecordReader, type ByteSource, type RawRecord, type ReadEvent } from "../read/index.js";
import { defaultLevel, type Level } from "../rule-kit/index.js";
import { summarize, type Diagnostic, type LintResult } from "./diagnostic.js";
import { withdrawInapplicableFixesOnDemand } from "./fix-check-on-demand.js";
import { fixContext, withdrawInapplicableFixes } from "./fix-context.js";
import { openDocument, type LiveDocument } from "./live-document.js";
import { HeapCeiling } from "./heap-ceiling.js";
import { diagnosticFor, RuleRunner, type EnabledRule } from "./rule-runner.js";

export interface LintOptions {
  /** Force a format instead of detecting it. */
  inputFormat?: FormatName | "auto";
  /** The endpoint to check against; the format's default when absent. */
  profile?: ProfileName;
  /** The endpoint for some formats, over `profile` (a configuration's `"profile": { "chat": "openai-chat" }`). */
  profiles?: Partial<Record<FormatName, ProfileName>>;
  /** Levels that override the rules' defaults, by rule id. */
  rules?: Readonly<Record<string, Level>>;
}

/** Files up to this size are read whole (document formats need their bytes); larger ones are streamed. */
const WHOLE_FILE_BYTES = 64 * 1024 * 1024;

/** Lints a file on disk. I/O errors come back as a fatal result, never as an exception. */
export function lintFile(filePath: string, options: LintOptions = {}): LintResult {
  let source: ByteSource;
  try {
    const stat = statSync(filePath);
    // A FIFO would block the read and a device (/dev/zero) would never end it.
    if (!stat.isFile()) return fatalResult(filePath, "unreadable", `not a regular file (${fileKind(stat)}): give a history file`);
    source = stat.size <= WHOLE_FILE_BYTES ? { buffer: readFileSync(filePath) } : { path: filePath };
  } catch (error) {
    return fatalResult(filePath, "unreadable", `cannot read the file: ${describeIoError(error)}`);
  }
  return lintSource(filePath, source, options);
}

/** What a path that is not a regular file is, in words. */
export function fileKind(stat: Stats): string {
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  if (stat.isDirectory()) return "a directory";
  return "not a file";
}

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = { ENOENT: "no such file", EACCES: "permission denied", EISDIR: "it is a directory", EMFILE: "too many open files" };
  return (code && Object.hasOwn(known, code) ? known[code] : undefined) ?? (error as Error).message;
}

function fatalResult(filePath: string, ruleId: string, message: string): LintResult {
  return summarize(filePath, { inputFormat: null, profile: null, fatal: true }, [diagnosticFor(ruleId, "error", message, FILE_START)]);
}

const enabledCache = new Map<string, EnabledRule[]>();

/** The rules that run for a format under a profile, at their levels (computed once a combination). */
export function enabledRules(format: FormatName, profile: ProfileName, overrides: Readonly<Record<string, Level>> = {}): EnabledRule[] {
  const key = `${format}|${profile}|${JSON.stringify(overrides)}`;
  const cached = enabledCache.get(key);
  if (cached) return cached;
  const enabled = RULES.flatMap((rule) => {
    const configured = overrides[rule.meta.id];
    const level = configured ?? defaultLevel(rule.meta, profile);
    if (level === "off" || (rule.meta.formats && !rule.meta.formats.includes(format))) return [];
    return [{ rule, severity: level, ...(configured ? { configured: true } : {}) }];
  });
  enabledCache.set(key, enabled);
  return enabled;
}

/** Lints bytes from any source (a file, stdin, a test buffer). */
export function lintSource(filePath: string, source: ByteSource, options: LintOptions = {}): LintResult {
  try {
    return analyse(filePath, source, options).result;
  } catch (error) {
    return internalError(filePath, error);
  }
}

/** A failure of histlint itself outside any one rule: this file's result says so, and the other files still run. */
export function internalError(filePath: string, error: unknown): LintResult {
  const why = error instanceof Error ? error.message : String(error);
  return fatalResult(filePath, "internal-error", `internal error while checking this file: ${why}; the other files were still checked. Please report it with this file`);
}

/** What `fix` needs beside the result: the records, the adapter, the profile, the fixes offered. */
export interface Analysis {
  result: LintResult;
  adapter?: FormatAdapter;
  records: RawRecord[];
  runner?: RuleRunner;
  profile?: ProfileName;
  /** The history's items, when asked for (`keep`): what the mock server answers from. */
  items?: Item[];
  /** What the file says about the request beside the items (model, instructions, tools). */
  request?: RequestContext;
  /** The open analysis, when asked for and the file is one request body with its array. */
  live?: LiveDocument;
  /** How many records the file holds, when they were all read. */
  recordCount?: number;
  /** What the format's JSONL writer noted of every record, when asked for (a fix streamed to a file). */
  survey?: LineSurvey;
}

/** What an analysis keeps beyond the result; lint keeps nothing, so memory stays flat. */
export interface Keep {
  records?: boolean;
  items?: boolean;
  /** Line and column of each body element (the server shows none, so it skips the scan). */
  positions?: boolean;
  /** A request body's runner left open, to be fed the elements a later, longer body adds (the mock's prefix cache). */
  live?: boolean;
  /** The format's JSONL writer survey, fed every record as it is read (a fix that writes a stream). */
  survey?: boolean;
}

/** Reads, detects and runs the rules; `keepRecords` holds every record for a repair (lint streams). */
export function analyse(filePath: string, source: ByteSource, options: LintOptions, keep: Keep = {}): Analysis {
  const keeping: Keep = { positions: true, ...keep };
  const events = new RecordReader(source);
  const head: ReadEvent[] = [];
  let headRecordCount = 0;
  for (let event = events.next(); event; event = events.next()) {
    head.push(event);
    if (event.record) headRecordCount += 1;
    if (event.problem?.code === "not-text") {
      events.close();
      const fatal = summarize(filePath, { inputFormat: null, profile: null, fatal: true }, [diagnosticFor("not-text", "error", event.problem.message, event.problem.span)]);
      return { result: fatal, records: [] };
    }
    if (headRecordCount >= DETECTION_SAMPLE) break;
  }
  const headRecords = head.flatMap((event) => (event.record ? [event.record] : []));
  const adapter = chooseAdapter(headRecords, options);
  const forced = options.inputFormat !== undefined && options.inputFormat !== "auto";
  const misfit = forced && adapter && headRecords.length > 0 ? forcedMisfit(adapter, headRecords) : undefined;
  if (misfit) return { result: fatalResult(filePath, "input-format-mismatch", misfit), records: [] };
  if (!adapter) {
    if (headRecords.length === 0) return { result: lintEmpty(filePath, head, options), records: [] };
    const message = "cannot tell which history format this is (Codex rollout, Claude Code session, Responses, Chat or Anthropic request); name it with --input-format";
    return { result: fatalResult(filePath, "unknown-format", message), records: [] };
  }
  const profileName = options.profiles?.[adapter.name] ?? options.profile ?? DEFAULT_PROFILE[adapter.name];
  const bytes = "buffer" in source && keeping.positions ? Buffer.from(source.buffer.buffer, source.buffer.byteOffset, source.buffer.byteLength) : undefined;
  let stream: HistoryStream | undefined;
  const client = clientFor(adapter.name);
  const runner = new RuleRunner({
    rules: enabledRules(adapter.name, profileName, options.rules),
    profile: PROFILES[profileName],
    format: adapter.name,
    layout: adapter.layout === "lines" || headRecords.length > 1 ? "lines" : "document",
    request: () => stream?.request(),
    ...(client && client.profile === profileName ? { client } : {}),
  });
  const kept: RawRecord[] = [];
  const read = { count: 0, done: false };
  const survey = keeping.survey ? adapter.lineSurvey?.() : undefined;
  const records = new RecordFeed(head, events, runner, keeping.records ? kept : undefined, read, survey);
  let items: Item[] | undefined = keeping.items ? [] : undefined;
  stream = readHistory(adapter.name, adapter.layout === "document" ? [...records] : records, bytes ? { bytes } : {});
  let index = 0;
  let rolledBack = false;
  for (const event of stream.events) {
    if (event.type === "reset") {
      runner.reset();
      index = 0;
      if (items) items = [];
    } else if (event.type === "rollback") rolledBack = true;
    else {
      runner.item(event, index++);
      items?.push(event);
    }
  }
  if (rolledBack) {
    // A rollback drops turns the rules already saw: read again and check the history that remains.
    const again = recordsOf(source);
    const remaining = collectItems(readHistory(adapter.name, again, bytes ? { bytes } : {}).events);
    runner.replayItems(remaining);
    if (items) items = remaining;
  }
  const live = keeping.live && !rolledBack ? openDocument(adapter, kept, head, runner, items) : undefined;
  const diagnostics = live ? runner.findingsSoFar() : runner.finish();
  // Lint keeps no records (memory stays flat): a file with fixes to try is read again for them, a line
  // file only for the records those fixes read (fix-check-on-demand.ts). A file with no record is left
  // as it is, its format forced or not (see lintEmpty).
  const repairable = runner.fixes.size > 0 && headRecords.length > 0;
  if (repairable && !keeping.records && adapter.layout === "lines" && read.done) {
    withdrawInapplicableFixesOnDemand(diagnostics, runner.fixes, { adapter, profile: profileName, count: read.count, fetch: (indices) => recordsAt(source, indices), all: () => recordsOf(source) });
  } else {
    const fixRecords = () => (keeping.records ? kept : recordsOf(source));
    withdrawInapplicableFixes(diagnostics, runner.fixes, repairable ? fixContext({ adapter, records: fixRecords(), profile: profileName }) : undefined);
  }
  const result = summarize(filePath, { inputFormat: adapter.name, profile: profileName, fatal: false }, diagnostics);
  const request = stream.request();
  return { result, adapter, records: kept, runner, profile: profileName, ...(read.done ? { recordCount: read.count } : {}), ...(items ? { items } : {}), ...(request ? { request } : {}), ...(live ? { live } : {}), ...(survey ? { survey } : {}) };
}

/**
 * A file with no records: only the read problems apply, under the forced or Codex format. `fix` leaves
 * such a file as it is (what little it holds is all there is: a cut body, a lone BOM), so nothing in it is fixable.
 */
function lintEmpty(filePath: string, head: ReadEvent[], options: LintOptions): LintResult {
  const format: FormatName = options.inputFormat && options.inputFormat !== "auto" ? options.inputFormat : "codex";
  const profileName = options.profiles?.[format] ?? options.profile ?? DEFAULT_PROFILE[format];
  const runner = new RuleRunner({ rules: enabledRules(format, profileName, options.rules), profile: PROFILES[profileName], format, layout: "lines", request: () => undefined });
  for (const event of head) if (event.problem) runner.readProblem(event.problem);
  const diagnostics: Diagnostic[] = runner.finish();
  withdrawInapplicableFixes(diagnostics, runner.fixes, undefined);
  return summarize(filePath, { inputFormat: options.inputFormat && options.inputFormat !== "auto" ? format : null, profile: profileName, fatal: false }, diagnostics);
}

function recordsOf(source: ByteSource): RawRecord[] {
  return [...readRecords(source)].flatMap((event) => (event.record ? [event.record] : []));
}

/** The records at these indices, read again (and no further than the last of them). */
function* recordsAt(source: ByteSource, indices: ReadonlySet<number>): Generator<RawRecord> {
  let last = -1;
  for (const index of indices) last = Math.max(last, index);
  const heap = new HeapCeiling();
  for (const event of readRecords(source)) {
    if (!event.record) continue;
    heap.read(event.record.span.length);
    if (indices.has(event.record.index)) yield event.record;
    if (event.record.index >= last) return;
  }
}

/** A detection this sure is a file's own shape (a Codex envelope, a Claude Code uuid chain, a body's `input`), not a guess. */
const SURE = 0.9;

/** Formats of one shape (a body of role/content `messages`): a broken one of either can look like the other. */
const SAME_SHAPE = new Set<FormatName>(["chat", "anthropic"]);

/**
 * A forced format the file plainly is not: its adapter does not recognise the records and another one,
 * of another shape, is sure of them. (Otherwise the forced format is the point of forcing it: a broken
 * history may look like nothing, or like its sibling format, to detection.)
 */
function forcedMisfit(forced: FormatAdapter, head: RawRecord[]): string | undefined {
  const sample = head.map((record) => record.value);
  if (forced.detect(sample) > 0) return undefined;
  const detected = detectFormat(sample);
  if (!detected || detected === forced || detected.detect(sample) < SURE) return undefined;
  if (SAME_SHAPE.has(forced.name) && SAME_SHAPE.has(detected.name)) return undefined;
  return `the input format is forced to ${forced.name}, but this is a ${FORMAT_TITLE[detected.name]}: drop --input-format (or the configuration's inputFormat) to detect it, or name ${detected.name}`;
}

const FORMAT_TITLE: Record<FormatName, string> = { codex: "Codex rollout", "claude-code": "Claude Code session", responses: "Responses request", chat: "Chat Completions request", anthropic: "Anthropic Messages request", "openai-agents-state": "OpenAI Agents SDK run state", gemini: "Gemini generateContent request", "gemini-cli": "Gemini CLI session" };

function chooseAdapter(head: RawRecord[], options: LintOptions): FormatAdapter | undefined {
  if (options.inputFormat && options.inputFormat !== "auto") return adapterFor(options.inputFormat);
  return detectFormat(head.map((record) => record.value));
}

/**
 * The events read for detection, then the rest: problems and records go to the rules on the way, and
 * the records on to the history. An iterator by hand, not a generator, with one result object for
 * every step: it runs once a record.
 */
class RecordFeed implements IterableIterator<RawRecord> {
  private at = 0;
  private readonly result: IteratorYieldResult<RawRecord> = { done: false, value: undefined as unknown as RawRecord };
  private readonly heap = new HeapCeiling();

  constructor(
    private readonly head: readonly ReadEvent[],
    private readonly rest: RecordReader,
    private readonly runner: RuleRunner,
    private readonly keep: RawRecord[] | undefined,
    private readonly read: { count: number; done: boolean },
    private readonly survey: LineSurvey | undefined,
  ) {}

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<RawRecord> {
    for (;;) {
      const event = this.at < this.head.length ? this.head[this.at++] : this.rest.next();
      if (event === undefined) {
        this.read.done = true;
        return FEED_DONE;
      }
      if (event.problem) {
        this.runner.readProblem(event.problem);
        continue;
      }
      const record = event.record;
      this.runner.record(record);
      this.keep?.push(record);
      this.survey?.note(record);
      this.read.count += 1;
      this.heap.read(record.span.length);
      this.result.value = record;
      return this.result;
    }
  }
}

const FEED_DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
