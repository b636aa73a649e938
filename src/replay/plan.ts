// The requests a history implies: one before each run of model output (the model was called there),
// and the one a resume sends, rebuilt as the client builds them.
import { readFileSync } from "node:fs";
import { analyse, type Analysis, type Diagnostic } from "../engine/index.js";
import { detectFormat, DETECTION_SAMPLE } from "../formats/index.js";
import { isObject } from "../formats/json-shape.js";
import type { FormatName, Item } from "../history/index.js";
import { readRecords, type ByteSource } from "../read/index.js";
import { clientFor, clientName, type SelfRepair } from "../clients/index.js";
import type { Refusal } from "./locate.js";
import { heldRecords, nativeUnits, type RecordValues } from "./native-units.js";
import { requestBody, resumeUnit, toolsByUnit, wireBody, type BodyBase, type ToolIntroduction, type WireBody } from "./request-body.js";
import { slimCodexHistory, type SlimHistory } from "./slim-history.js";
import { anthropicUnits } from "./to-anthropic.js";
import { chatUnits } from "./to-chat.js";
import { geminiUnits } from "./to-gemini.js";
import { responsesUnits } from "./to-responses.js";
import { HeldUnits, refusedIn, unitsOf, WithResume, type UnitList } from "./unit-list.js";
import { NATIVE_API, type WireApi, type WireUnit } from "./wire.js";

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
  /** The unit a refusal of this request is about, or undefined when nothing in it says. */
  refusedUnit(refusal: Refusal): WireUnit | undefined;
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
 * rollout sent as Codex sends it is not held: its units are rows read again from the file as each
 * request is written (`close()` lets go of it).
 */
export function planReplay(filePath: string, file: ByteSource, options: PlanOptions = {}): ReplayPlan {
  const settings = options.inputFormat ? { inputFormat: options.inputFormat } : {};
  let analysis = sentAsRead(file, options) ? analyse(filePath, file, settings, { positions: true }) : undefined;
  if (analysis?.adapter && analysis.adapter.name !== "codex") analysis = undefined; // not a rollout after all: read it whole
  // Held histories are read whole, as before: a document's elements are located in its bytes.
  analysis ??= analyse(filePath, "path" in file ? { buffer: readFileSync(file.path) } : file, settings, { records: true, items: true, positions: true });
  const isSlim = analysis.adapter?.name === "codex" && !analysis.result.fatal && !analysis.items;
  // What the rules kept (ids they paired, …) goes before the rollout is read again.
  if (isSlim) analysis = { result: analysis.result, records: [], ...(analysis.adapter ? { adapter: analysis.adapter } : {}) };
  const slim = isSlim ? slimCodexHistory(file) : undefined;
  if (slim?.request) analysis = { ...analysis, request: slim.request };
  const records: RecordValues & { close?(): void } = slim?.records ?? heldRecords(analysis.records);
  const plan = planFrom(analysis, records, options, slim);
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

function planFrom(analysis: Analysis, records: RecordValues, options: PlanOptions, slim: SlimHistory | undefined): ReplayPlan {
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
  }
  // A slim rollout is repaired on its rows; the others on their items, which each record they hold.
  const slimUnits = slim?.units(client, client !== undefined);
  const repair = slimUnits ? slimUnits.repair : client?.selfRepair(items, analysis.records);
  if (client && repair) {
    if (!slimUnits) ({ items, inserted } = repair);
    notes.push(...repairNotes(client.label, repair));
  }
  const api = options.convertTo ?? NATIVE_API[format];
  const translated = api !== NATIVE_API[format];
  const recordedValue = analysis.records.length === 1 ? analysis.records[0]?.value : undefined;
  const recorded = analysis.adapter?.layout === "document" && isObject(recordedValue) && !translated ? recordedValue : undefined;
  const base: BodyBase = { ...(recorded ? { recorded } : {}), ...(options.model ? { model: options.model } : {}), ...(!translated ? { request: analysis.request ?? {} } : {}) };
  if (client?.format === "codex" && !translated) base.instructionsIn = "input";
  if (client?.format === "gemini-cli" && !translated) base.activeLoopSignatures = true;
  if (slimUnits) {
    const units = slimUnits.units;
    // The resume's message calls no tool: the rows' tools are the requests'.
    const history = () => requestBody(api, unitsOf(units, units.length), base);
    return { ok: true, format, api, requests: cutRequests(api, units, base, true, () => units.tools(api)), readProblems, notes, close: () => undefined, history };
  }
  let units: WireUnit[];
  if (!translated) units = nativeUnits(format, items, records, client !== undefined);
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
  const held = new HeldUnits(units);
  const requests = cutRequests(api, held, base, resumedBy !== undefined, (all) => toolsByUnit(api, unitsOf(all, all.length)));
  return { ok: true, format, api, requests, readProblems, notes, close: () => undefined, history: () => requestBody(api, units, base) };
}

/** What the client's repair did, each kind in a line (`--raw` sends the file without it). */
function repairNotes(label: string, repair: SelfRepair): string[] {
  const notes: string[] = [];
  if (repair.inserted.size > 0) notes.push(`${label} adds ${repair.inserted.size} item(s) of its own (--raw sends the file without them)`);
  if (repair.dropped.length > 0) notes.push(`${label} drops ${repair.dropped.length} item(s): ${[...new Set(repair.dropped.map((d) => d.why))].join("; ")} (--raw sends them)`);
  if (repair.replaced.length > 0) notes.push(`${label} sends ${repair.replaced.length} item(s) as other text (--raw sends them as written)`);
  return notes;
}

const READ_PROBLEMS = new Set(["invalid-json", "truncated-record", "byte-order-mark", "non-object-record"]);

/**
 * A request before each run of model output (never an empty one), then the resume request; each holds
 * only its length. `toolsOf` gives the tool definitions of the units the requests are prefixes of.
 */
function cutRequests(api: WireApi, units: UnitList, base: BodyBase, resumedByClient: boolean, toolsOf: (all: UnitList) => ToolIntroduction[]): PlannedRequest[] {
  const cuts: number[] = [];
  for (let i = 1; i < units.length; i += 1) if (units.modelOutput(i) && !units.modelOutput(i - 1)) cuts.push(i);
  const last = units.length > 0 ? units.unit(units.length - 1) : undefined;
  // A resume always sends a new prompt: after the model's turn, or as the only message of an empty history.
  const resumeUnits = last === undefined ? (resumedByClient ? new HeldUnits([resumeUnit(api, undefined)]) : units) : last.modelOutput ? new WithResume(units, resumeUnit(api, last)) : units;
  const shared: Shared = { api, base, tools: toolsOf(resumeUnits) };
  return [...cuts.map((cut, i) => new Prefix(shared, i + 1, units, cut, false)), new Prefix(shared, cuts.length + 1, resumeUnits, resumeUnits.length, true)];
}

interface Shared {
  api: WireApi;
  base: BodyBase;
  tools: ToolIntroduction[];
}

/** A request: the first `size` of the file's units (tens of thousands of them share one list). */
class Prefix implements PlannedRequest {
  constructor(
    private readonly shared: Shared,
    readonly number: number,
    private readonly all: UnitList,
    readonly size: number,
    readonly resume: boolean,
  ) {}
  get units(): WireUnit[] {
    return unitsOf(this.all, this.size);
  }
  body(): Record<string, unknown> {
    return requestBody(this.shared.api, this.units, this.shared.base);
  }
  wire(): WireBody {
    return wireBody(this.shared.api, this.size, (i) => this.all.value(i), this.shared.tools, this.shared.base, this.all.elementBytes?.(this.size));
  }
  refusedUnit(refusal: Refusal): WireUnit | undefined {
    return refusedIn(refusal, this.all, this.size);
  }
}
