// Replays files: plans each one's requests, sends them in order to the target or an embedded mock,
// and says for each whether it was accepted, or refused with what and where.
import { closeSync, openSync, readSync } from "node:fs";
import { describeIoError, HeapCeiling, KEEPS_LITTLE_FLOOR_BYTES, type Diagnostic } from "../engine/index.js";
import type { FormatName } from "../history/index.js";
import { startMockServer, type MockServer } from "../server/index.js";
import { refusalOf, type Refusal } from "./locate.js";
import { planReplay, type PlannedRequest, type PlanOptions, type ReplayPlan } from "./plan.js";
import { sendWire, type Target } from "./send.js";
import { profileFor, type WireApi } from "./wire.js";

export interface ReplayOptions extends PlanOptions {
  /** Where to send; an embedded mock on loopback when absent. */
  target?: Target;
  /** The API the user expects the requests to go to; a history of another API must be translated. */
  endpoint?: WireApi;
  /** How the embedded mock validates Responses requests (default: `codex` for rollouts). */
  profile?: "codex" | "openai-responses";
  /** `last`: only the request a resume would send. */
  only?: "all" | "last";
  timeoutMs?: number;
  retries?: number;
}

export interface RequestOutcome {
  number: number;
  /** Elements of the request's array. */
  size: number;
  /** Bytes of the request body sent. */
  bytes: number;
  resume: boolean;
  accepted: boolean;
  status?: number;
  refusal?: Refusal;
  /** Where in the file the refused element came from. */
  line?: number;
  column?: number;
  /** The refused element was put there by replay (Codex's repair, the resume message). */
  synthetic?: string;
  attempts: number;
  /** The target could not be reached (no status): the file's replay stops there. */
  unreachable?: string;
}

export type FileReplay =
  | { file: string; ok: false; message: string; /** The client refuses to open the file: nothing is sent, and that is the finding. */ wontOpen?: true }
  | {
      file: string;
      ok: true;
      format: FormatName;
      api: WireApi;
      target: string;
      profile?: string;
      total: number;
      requests: RequestOutcome[];
      readProblems: Diagnostic[];
      notes: string[];
      /** Why the file's later requests were not sent (one was refused as too large: each later one is longer). */
      stopped?: string;
    };

/** One embedded mock a Responses profile, started when first needed. */
class EmbeddedMocks {
  private readonly started = new Map<string, Promise<MockServer>>();
  get(profile: "codex" | "openai-responses"): Promise<MockServer> {
    let mock = this.started.get(profile);
    if (!mock) this.started.set(profile, (mock = startMockServer({ profile, maxRecorded: 0, maxRecordedBytes: 0 })));
    return mock;
  }
  async close(): Promise<void> {
    await Promise.all([...this.started.values()].map(async (mock) => (await mock).close()));
  }
}

/** A history that is not a file on disk (standard input, a test's bytes), under the name reports give it. */
export interface NamedBytes {
  name: string;
  bytes: Buffer;
}

/** Replays the files, `concurrency` at a time, each file's requests in order. */
export async function replayFiles(files: readonly (string | NamedBytes)[], options: ReplayOptions & { concurrency?: number } = {}): Promise<FileReplay[]> {
  const mocks = new EmbeddedMocks();
  const results: FileReplay[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) results[i] = await replayOne(files[i] as string | NamedBytes, options, mocks);
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, files.length)) }, worker));
  } finally {
    await mocks.close();
  }
  return results;
}

export async function replayFile(file: string, options: ReplayOptions = {}): Promise<FileReplay> {
  return (await replayFiles([file], options))[0] as FileReplay;
}

async function replayOne(input: string | NamedBytes, options: ReplayOptions, mocks: EmbeddedMocks): Promise<FileReplay> {
  const file = typeof input === "string" ? input : input.name;
  let plan: ReplayPlan;
  try {
    // A file is read as it streams, not held: its requests read their elements from it again.
    if (typeof input === "string") readable(input);
    plan = planReplay(file, typeof input === "string" ? { path: input } : { buffer: input.bytes }, options);
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
    return { file, ok: false, message: `cannot read the file: ${describeIoError(error)}` };
  }
  if (!plan.ok) return { file, ok: false, message: plan.message, ...(plan.wontOpen ? { wontOpen: true as const } : {}) };
  try {
    return await sendPlan(file, plan, options, mocks);
  } finally {
    plan.close();
  }
}

/** Throws what reading the file would: it is missing, a folder, not ours to read. */
function readable(path: string): void {
  const fd = openSync(path, "r");
  try {
    readSync(fd, Buffer.alloc(1), 0, 1, 0);
  } finally {
    closeSync(fd);
  }
}

async function sendPlan(file: string, plan: ReplayPlan & { ok: true }, options: ReplayOptions, mocks: EmbeddedMocks): Promise<FileReplay> {
  if (options.endpoint && options.endpoint !== plan.api) {
    const convert = options.endpoint === "messages" ? "anthropic" : options.endpoint;
    return { file, ok: false, message: `a ${plan.format} history goes to the ${plan.api} API; to send it to ${options.endpoint}, translate it with --convert-to ${convert}` };
  }
  // Only the Responses endpoint has a choice of profile; the mock's Chat and Messages endpoints have one each.
  const profile = (plan.api === "responses" && options.profile) || profileFor(plan.api, plan.format);
  const target: Target = options.target ?? { baseUrl: (await mocks.get(profile === "codex" ? "codex" : "openai-responses")).url };
  const planned = options.only === "last" ? plan.requests.slice(-1) : plan.requests;
  const requests: RequestOutcome[] = [];
  let stopped: string | undefined;
  // Writing each body reads its records again by span: between V8's own full collections, a full replay of
  // a 200 MB rollout grew its heap from 20 to 70 MB with about 25 MB live.
  const heap = new HeapCeiling(undefined, KEEPS_LITTLE_FLOOR_BYTES);
  for (const [i, request] of planned.entries()) {
    const outcome = await send(request, plan.api, target, options);
    requests.push(outcome);
    heap.read(outcome.bytes);
    if (outcome.unreachable) break;
    if (outcome.status === 413 && i < planned.length - 1) {
      stopped = `request ${request.number} was refused as too large, and each later request is longer: the ${planned.length - 1 - i} after it were not sent`;
      break;
    }
  }
  return {
    file,
    ok: true,
    format: plan.format,
    api: plan.api,
    target: options.target ? options.target.baseUrl : "embedded mock",
    ...(options.target ? {} : { profile }),
    total: plan.requests.length,
    requests,
    readProblems: plan.readProblems,
    notes: plan.notes,
    ...(stopped ? { stopped } : {}),
  };
}

async function send(request: PlannedRequest, api: WireApi, target: Target, options: ReplayOptions): Promise<RequestOutcome> {
  const answer = await sendWire(target, api, request.wire(), { timeoutMs: options.timeoutMs ?? 60_000, retries: options.retries ?? 0 });
  const base = { number: request.number, size: request.size, bytes: answer.bytes, resume: request.resume, attempts: answer.attempts };
  if (answer.kind === "unreachable") return { ...base, accepted: false, unreachable: `cannot reach ${answer.url}: ${answer.message}` };
  if (answer.status >= 200 && answer.status < 300) return { ...base, accepted: true, status: answer.status };
  const refusal = refusalOf(answer.body);
  const unit = request.refusedUnit(refusal); // none: the refusal is about the request as a whole
  return {
    ...base,
    accepted: false,
    status: answer.status,
    refusal,
    ...(unit ? { line: unit.line, column: unit.column } : {}),
    ...(unit?.synthetic ? { synthetic: unit.synthetic } : {}),
  };
}
