// The requests a history implies: one before each run of model output (the model was called there),
// and the one a resume sends, rebuilt as the client builds them.
import { readFileSync } from "node:fs";
import { analyse, type Analysis, type Diagnostic } from "../engine/index.js";
import { detectFormat, DETECTION_SAMPLE } from "../formats/index.js";
import { isObject } from "../formats/json-shape.js";
import type { FormatName, Item } from "../history/index.js";
import { readRecords, type ByteSource } from "../read/index.js";
import { clientFor, clientName } from "../clients/index.js";
import { heldRecords, nativeUnits, type RecordValues } from "./native-units.js";
import { requestBody, resumeUnit, toolsByUnit, wireBody, type BodyBase, type ToolIntroduction, type WireBody } from "./request-body.js";
import { slimCodexHistory } from "./slim-history.js";
import { anthropicUnits } from "./to-anthropic.js";
import { chatUnits } from "./to-chat.js";
import { geminiUnits } from "./to-gemini.js";
import { responsesUnits } from "./to-responses.js";
import { isModelOutput, NATIVE_API, type WireApi, type WireUnit } from "./wire.js";

export interface PlanOptions {
  inputFormat?: FormatName | "auto";
  /** Translate the history to this API first. */
  convertTo?: WireApi;
  /** Send a client's file without the repair the client makes before each request. */
  raw?: boolean;
  model?: string;
}

export interface PlannedRequest {
  /** 1-based position among the file's requests. */
  number: number;
  /** Elements of the request's array. */
  size: number;
  /** The units the request sends, gathered when asked (a refusal is pointed at one of them). */
  readonly units: WireUnit[];
  /** The request a resume sends: the whole history. */
  resume: boolean;
  /** The whole body as one value. */
  body(): Record<string, unknown>;
  /** The body as it is sent, written one element at a time: the same bytes as `stringifyJson(body())` (without Gemini's model). */
  wire(): WireBody;
}

export type ReplayPlan =
  | { ok: false; message: string; /** The client refuses to open the file: `message` is what it says. */ wontOpen?: true }
  | {
      ok: true;
      format: FormatName;
      api: WireApi;
      requests: PlannedRequest[];
      readProblems: Diagnostic[];
      notes: string[];
      /** Lets go of the file the requests are read from. */
      close(): void;
      /** The whole history as one request body of `api`, without the message a resume adds (what `histlint convert` writes). */
      history(): Record<string, unknown>;
    };

/**
 * Reads a history and plans its requests; a file that holds no history gives a message instead. A Codex
 * rollout sent as Codex sends it is not held: its units are read again from the file as each request is
 * written (`close()` lets go of it).
 */
export function planReplay(filePath: string, file: ByteSource, options: PlanOptions = {}): ReplayPlan {
  const settings = options.inputFormat ? { inputFormat: options.inputFormat } : {};
  let analysis = sentAsRead(file, options) ? analyse(filePath, file, settings, { positions: true }) : undefined;
  if (analysis?.adapter && analysis.adapter.name !== "codex") analysis = undefined; // not a rollout after all: read it whole
  // Held histories are read whole, as before: a document's elements are located in its bytes.
  analysis ??= analyse(filePath, "path" in file ? { buffer: readFileSync(file.path) } : file, settings, { records: true, items: true, positions: true });
  const slim = analysis.adapter?.name === "codex" && !analysis.result.fatal && !analysis.items;
  // What the rules kept (ids they paired, …) goes before the rollout is read again.
  if (slim) analysis = { result: analysis.result, records: [], ...(analysis.adapter ? { adapter: analysis.adapter } : {}) };
  const read = slim ? slimCodexHistory(file) : undefined;
  if (read) analysis = { ...analysis, items: read.items, ...(read.request ? { request: read.request } : {}) };
  const records: RecordValues & { close?(): void } = read?.records ?? heldRecords(analysis.records);
  const plan = planFrom(analysis, records, options);
  if (!plan.ok) records.close?.();
  return plan.ok ? { ...plan, close: () => records.close?.() } : plan;
}

/** Whether the file looks like a Codex rollout sent in its own API: the case a history can be large. */
function sentAsRead(source: ByteSource, options: PlanOptions): boolean {
  if (options.convertTo !== undefined && options.convertTo !== "responses") return false;
  if (options.inputFormat && options.inputFormat !== "auto") return options.inputFormat === "codex";
  const head: unknown[] = [];
  for (const event of readRecords(source)) {
    if (event.record) head.push(event.record.value);
    if (head.length >= DETECTION_SAMPLE) break;
  }
  return detectFormat(head)?.name === "codex";
}

function planFrom(analysis: Analysis, records: RecordValues, options: PlanOptions): ReplayPlan {
  const format = analysis.adapter?.name;
  if (!format || analysis.result.fatal) return { ok: false, message: analysis.result.messages[0]?.message ?? "no history found" };
  const readProblems = analysis.result.messages.filter((d) => READ_PROBLEMS.has(d.ruleId));
  const notes: string[] = [];
  let items: Item[] = analysis.items ?? [];
  let inserted = new Set<Item>();
  const resumedBy = clientFor(format);
  const client = options.raw ? undefined : resumedBy;
  if (client) {
    const refusal = analysis.result.messages.find((d) => d.consequence === "wont-open");
    if (refusal) return { ok: false, wontOpen: true, message: `${clientName(client)} will not open this file: ${refusal.message.replace(/^won't open: /, "")} (line ${refusal.line})` };
    // Codex's repair reads no record (a slim history holds none); the others read what they hold.
    const repair = client.selfRepair(items, analysis.records);
    ({ items, inserted } = repair);
    if (repair.inserted.size > 0) notes.push(`${client.label} adds ${repair.inserted.size} item(s) of its own (--raw sends the file without them)`);
    if (repair.dropped.length > 0) notes.push(`${client.label} drops ${repair.dropped.length} item(s): ${[...new Set(repair.dropped.map((d) => d.why))].join("; ")} (--raw sends them)`);
    if (repair.replaced.length > 0) notes.push(`${client.label} sends ${repair.replaced.length} item(s) as other text (--raw sends them as written)`);
  }
  const api = options.convertTo ?? NATIVE_API[format];
  const translated = api !== NATIVE_API[format];
  const recordedValue = analysis.records.length === 1 ? analysis.records[0]?.value : undefined;
  const recorded = analysis.adapter?.layout === "document" && isObject(recordedValue) && !translated ? recordedValue : undefined;
  const base: BodyBase = { ...(recorded ? { recorded } : {}), ...(options.model ? { model: options.model } : {}), ...(!translated ? { request: analysis.request ?? {} } : {}) };
  let units: WireUnit[];
  if (client?.format === "codex" && !translated) base.instructionsIn = "input";
  if (client?.format === "gemini-cli" && !translated) base.activeLoopSignatures = true;
  if (!translated) units = analysis.records.length === 0 && format === "codex" ? codexUnits(items, records, client !== undefined) : nativeUnits(format, items, records, client !== undefined);
  else if (api === "chat") units = chatUnits(items);
  else if (api === "responses") units = responsesUnits(items);
  else if (api === "gemini") {
    const translation = geminiUnits(items);
    units = translation.units;
    base.system = translation.system.join("\n\n");
    notes.push(...translation.notes);
  } else {
    const translation = anthropicUnits(items);
    units = translation.units;
    base.system = translation.system.join("\n\n");
  }
  for (const unit of units) if (unit.items.some((item) => inserted.has(item))) unit.synthetic = `${client?.label ?? "the client"}'s own repair`;
  return { ok: true, format, api, requests: cutRequests(api, units, base, resumedBy !== undefined), readProblems, notes, close: () => undefined, history: () => requestBody(api, units, base) };
}

/**
 * A slim rollout's units: what each is, kept; its value read from the file each time it is asked for.
 * Whether the model wrote it needs the value only where the item is not a whole record's payload.
 */
function codexUnits(items: readonly Item[], records: RecordValues, asClient: boolean): WireUnit[] {
  return items.map((item) => {
    const whole = item.source.pointer === "/payload" || item.source.pointer === "";
    const modelOutput = whole ? isModelOutput(item) : (nativeUnits("codex", [item], records, asClient)[0] as WireUnit).modelOutput;
    return new RereadUnit(item, records, asClient, modelOutput);
  });
}

/** A unit that holds where its value is, not the value (a class: a hundred thousand of them stay small). */
class RereadUnit implements WireUnit {
  readonly items: Item[];
  readonly line: number;
  readonly column: number;
  synthetic?: string;
  constructor(
    item: Item,
    private readonly records: RecordValues,
    private readonly asClient: boolean,
    readonly modelOutput: boolean,
  ) {
    this.items = [item];
    this.line = item.source.line;
    this.column = item.source.column;
  }
  get value(): unknown {
    return (nativeUnits("codex", this.items, this.records, this.asClient)[0] as WireUnit).value;
  }
}

const READ_PROBLEMS = new Set(["invalid-json", "truncated-record", "byte-order-mark", "non-object-record"]);

/** A request before each run of model output (never an empty one), then the resume request; each holds only its length. */
function cutRequests(api: WireApi, units: WireUnit[], base: BodyBase, resumedByClient: boolean): PlannedRequest[] {
  const cuts: number[] = [];
  units.forEach((unit, i) => {
    if (i > 0 && unit.modelOutput && !(units[i - 1] as WireUnit).modelOutput) cuts.push(i);
  });
  const last = units[units.length - 1];
  // A resume always sends a new prompt: after the model's turn, or as the only message of an empty history.
  const resumeUnits = last === undefined ? (resumedByClient ? [resumeUnit(api, undefined)] : units) : last.modelOutput ? [...units, resumeUnit(api, last)] : units;
  const shared: Shared = { api, base, tools: toolsByUnit(api, resumeUnits) };
  return [...cuts.map((cut, i) => new Prefix(shared, i + 1, units, cut, false)), new Prefix(shared, cuts.length + 1, resumeUnits, resumeUnits.length, true)];
}

interface Shared {
  api: WireApi;
  base: BodyBase;
  tools: ToolIntroduction[];
}

/** A request: the first `size` of the file's units (tens of thousands of them share one array). */
class Prefix implements PlannedRequest {
  constructor(
    private readonly shared: Shared,
    readonly number: number,
    private readonly all: readonly WireUnit[],
    readonly size: number,
    readonly resume: boolean,
  ) {}
  get units(): WireUnit[] {
    return this.all.slice(0, this.size);
  }
  body(): Record<string, unknown> {
    return requestBody(this.shared.api, this.units, this.shared.base);
  }
  wire(): WireBody {
    return wireBody(this.shared.api, this.size, (i) => (this.all[i] as WireUnit).value, this.shared.tools, this.shared.base);
  }
}
