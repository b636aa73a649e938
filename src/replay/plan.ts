// The requests a history implies: one before each run of model output (the model was called there),
// and the one a resume sends, rebuilt as the client builds them.
import { analyse, type Diagnostic } from "../engine/index.js";
import { isObject } from "../formats/json-shape.js";
import type { FormatName, Item } from "../history/index.js";
import type { ByteSource } from "../read/index.js";
import { clientFor, clientName } from "../clients/index.js";
import { nativeUnits } from "./native-units.js";
import { requestBody, resumeUnit, type BodyBase } from "./request-body.js";
import { anthropicUnits } from "./to-anthropic.js";
import { chatUnits } from "./to-chat.js";
import { geminiUnits } from "./to-gemini.js";
import { responsesUnits } from "./to-responses.js";
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
  units: WireUnit[];
  /** The request a resume sends: the whole history. */
  resume: boolean;
  body(): Record<string, unknown>;
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
      /** The whole history as one request body of `api`, without the message a resume adds (what `histlint convert` writes). */
      history(): Record<string, unknown>;
    };

/** Reads a history and plans its requests; a file that holds no history gives a message instead. */
export function planReplay(filePath: string, source: ByteSource, options: PlanOptions = {}): ReplayPlan {
  const analysis = analyse(filePath, source, { ...(options.inputFormat ? { inputFormat: options.inputFormat } : {}) }, { records: true, items: true, positions: true });
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
  if (!translated) units = nativeUnits(format, items, analysis.records, client !== undefined);
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
  return { ok: true, format, api, requests: cutRequests(api, units, base, resumedBy !== undefined), readProblems, notes, history: () => requestBody(api, units, base) };
}

const READ_PROBLEMS = new Set(["invalid-json", "truncated-record", "byte-order-mark", "non-object-record"]);

/** A request before each run of model output (never an empty one), then the resume request. */
function cutRequests(api: WireApi, units: WireUnit[], base: BodyBase, resumedByClient: boolean): PlannedRequest[] {
  const cuts: number[] = [];
  units.forEach((unit, i) => {
    if (i > 0 && unit.modelOutput && !(units[i - 1] as WireUnit).modelOutput) cuts.push(i);
  });
  const last = units[units.length - 1];
  // A resume always sends a new prompt: after the model's turn, or as the only message of an empty history.
  const resumeUnits = last === undefined ? (resumedByClient ? [resumeUnit(api, undefined)] : units) : last.modelOutput ? [...units, resumeUnit(api, last)] : units;
  const prefixes = [...cuts.map((cut) => units.slice(0, cut)), resumeUnits];
  return prefixes.map((prefix, i) => ({
    number: i + 1,
    units: prefix,
    resume: i === prefixes.length - 1,
    body: () => requestBody(api, prefix, base),
  }));
}
