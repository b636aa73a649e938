// The differential harness: the real Codex CLI resumes a rollout, and the first request it sends is
// set beside the resume request histlint plans for the same file.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { dirname, join, relative } from "node:path";
import { startProvider } from "../../fixtures/recording/scripted-provider.mjs";
import { planReplay } from "../../src/replay/index.js";
import { codexHome, rolloutIn, runCodex } from "./codex.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface LoggedRequest {
  url: string;
  headers: Record<string, string>;
  body: JsonObject;
}

/** What a scripted provider answers: `{ text }` or `{ calls }` (see scripted-provider.mjs). */
export type Reply = { text?: string; reasoning?: string; calls?: { kind?: "custom"; name: string; arguments?: unknown; input?: string }[] };
export type Script = (body: JsonObject, turn: number) => Reply;

/** A provider on loopback logging every request to `log` (one JSON line each, headers included). */
async function provider(log: string, script: Script): Promise<{ server: Server; baseUrl: string }> {
  const { server, port } = (await startProvider({ script, log })) as { server: Server; port: number };
  return { server, baseUrl: `http://127.0.0.1:${port}/v1` };
}

export function readLog(log: string): LoggedRequest[] {
  let text = "";
  try {
    text = readFileSync(log, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as LoggedRequest);
}

/** A compaction is an ordinary POST /responses; its turn metadata header says so. */
export function isCompaction(request: LoggedRequest): boolean {
  const header = request.headers["x-codex-turn-metadata"];
  if (header === undefined) return false;
  try {
    return (JSON.parse(header) as { request_kind?: string }).request_kind === "compaction";
  } catch {
    return false;
  }
}

export interface Recording {
  name: string;
  /** The rollout as Codex left it after every prompt. */
  text: string;
  sessionId: string;
  /** Where the rollout lives under CODEX_HOME (sessions/YYYY/MM/DD/rollout-…-<id>.jsonl). */
  relativePath: string;
  requests: LoggedRequest[];
}

/** Records a real rollout: the first prompt with `codex exec`, each later one with `codex exec resume`. */
export async function recordRollout(root: string, name: string, prompts: string[], script: Script): Promise<Recording> {
  const dir = join(root, "base", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const log = join(dir, "requests.jsonl");
  const { server, baseUrl } = await provider(log, script);
  try {
    const { home, workspace } = codexHome(dir, baseUrl);
    writeFileSync(join(workspace, "notes.txt"), "a file to list\n");
    const [first, ...later] = prompts;
    const run = await runCodex(home, workspace, [first as string]);
    if (run.code !== 0) throw new Error(`recording ${name}: codex exited ${run.code}\n${run.output}`);
    const rollout = rolloutIn(home);
    const sessionId = sessionIdOf(rollout);
    for (const prompt of later) {
      const again = await runCodex(home, workspace, ["resume", sessionId, prompt]);
      if (again.code !== 0) throw new Error(`recording ${name}: resume exited ${again.code}\n${again.output}`);
    }
    return { name, text: readFileSync(rollout, "utf8"), sessionId, relativePath: relative(home, rollout), requests: readLog(log) };
  } finally {
    server.close();
  }
}

export function sessionIdOf(path: string): string {
  const id = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/.exec(path)?.[1];
  if (id === undefined) throw new Error(`no session id in ${path}`);
  return id;
}

export interface Resumed {
  /** The file as written for Codex (and read by histlint). */
  path: string;
  before: Buffer;
  after: Buffer;
  code: number | null;
  output: string;
  requests: LoggedRequest[];
  /** The first request that is not a compaction, if Codex sent one. */
  first: LoggedRequest | undefined;
}

/** The answer to every request of a resume: plain text, so the turn ends after one request. */
const answer: Script = () => ({ text: "Resumed." });

/**
 * Writes `content` as the rollout of `sessionId` in a Codex home of its own and runs
 * `codex exec resume <sessionId> <prompt>` on it against a provider of its own.
 */
export async function resumeRollout(root: string, name: string, content: Buffer, sessionId: string, relativePath: string, prompt: string): Promise<Resumed> {
  const dir = join(root, "variants", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const log = join(dir, "requests.jsonl");
  const { server, baseUrl } = await provider(log, answer);
  try {
    const { home, workspace } = codexHome(dir, baseUrl);
    const path = join(home, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    const run = await runCodex(home, workspace, ["resume", sessionId, prompt]);
    const requests = readLog(log).filter((request) => request.body.input !== undefined);
    return { path, before: content, after: readFileSync(path), code: run.code, output: run.output, requests, first: requests.find((request) => !isCompaction(request)) };
  } finally {
    server.close();
  }
}

/** The response items a resume appended to the rollout before the model answered: the new turn. */
export function appendedTurnItems(before: Buffer, after: Buffer): JsonObject[] {
  const added = after.subarray(before.length).toString("utf8");
  const items: JsonObject[] = [];
  for (const line of added.split("\n")) {
    if (line.trim() === "") continue;
    let record: JsonObject;
    try {
      record = JSON.parse(line) as JsonObject;
    } catch {
      continue;
    }
    if (record.type !== "response_item") continue;
    const payload = record.payload as JsonObject;
    if (payload.type === "message" && payload.role === "assistant") break; // the model's answer: the request was sent before it
    items.push(payload);
  }
  return items;
}

/** The records a resume appended before the first response item of its turn, by type. */
export function appendedRecordTypes(before: Buffer, after: Buffer): string[] {
  const added = after.subarray(before.length).toString("utf8");
  const types: string[] = [];
  for (const line of added.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const record = JSON.parse(line) as JsonObject;
      const payload = record.payload as JsonObject | undefined;
      types.push(payload && typeof payload.type === "string" ? `${String(record.type)}:${payload.type}` : String(record.type));
    } catch {
      types.push("(unparsable)");
    }
  }
  return types;
}

function withoutPassthrough(value: Json): Json {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const { internal_chat_message_metadata_passthrough: _passthrough, ...rest } = value;
  return rest;
}

/**
 * Codex's side of the comparison: its first request after the resume, with the new turn taken off
 * the end of `input` — exactly the response items this resume appended to the rollout before the
 * model answered (the user message holding the prompt, and anything else the new turn adds), each
 * checked to be what the request ends with. What the comparison keeps: `input` and `instructions`.
 */
export function codexSide(resumed: Resumed): { request: { instructions?: Json; input: Json[] }; turn: JsonObject[]; problems: string[] } | undefined {
  const first = resumed.first;
  if (first === undefined) return undefined;
  const input = [...(first.body.input as Json[])];
  const turn = appendedTurnItems(resumed.before, resumed.after);
  const problems: string[] = [];
  for (const item of [...turn].reverse()) {
    const last = input.at(-1);
    if (last !== undefined && canonical(last) === canonical(withoutPassthrough(item))) input.pop();
    else problems.push(`the new turn's ${canonical(withoutPassthrough(item)).slice(0, 200)} is not at the end of the request`);
  }
  const request: { instructions?: Json; input: Json[] } = { input };
  if ("instructions" in first.body) request.instructions = first.body.instructions as Json;
  return { request, turn, problems };
}

export type HistlintSide =
  | { opens: true; request: { instructions?: Json; input: Json[] }; notes: string[] }
  | { opens: false; message: string; wontOpen: boolean | undefined };

/** histlint's side: the resume request planReplay builds for the file as it was before the resume, without the message standing for the new prompt. */
export function histlintSide(path: string, buffer: Buffer): HistlintSide {
  const plan = planReplay(path, { buffer }, {});
  if (!plan.ok) return { opens: false, message: plan.message, wontOpen: (plan as { wontOpen?: boolean }).wontOpen };
  const last = plan.requests.at(-1);
  if (last === undefined) return { opens: true, request: { input: [] }, notes: plan.notes };
  const body = last.body() as JsonObject;
  const input = [...(body.input as Json[])];
  if (last.units.at(-1)?.synthetic === "the resume message") input.pop();
  const request: { instructions?: Json; input: Json[] } = { input };
  if ("instructions" in body) request.instructions = body.instructions as Json;
  return { opens: true, request, notes: plan.notes };
}

/**
 * The one normalisation of ids: an item id that appears nowhere in the rollout was minted by Codex
 * for this request (the base instructions' developer message `msg_<uuid>`, the synthetic aborted
 * output's `fco_<uuid>`); it becomes `<prefix>_<minted>`, keeping its prefix, its presence and its
 * position compared. Ids the rollout holds are compared as they are.
 */
export function normalise(request: { instructions?: Json; input: Json[] }, rollout: Buffer): { instructions?: Json; input: Json[] } {
  const text = rollout.toString("utf8");
  const builtIn = !hasBaseInstructions(text);
  const input = request.input.map((item, i) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return item;
    // A rollout with no base instructions gets Codex's built-in text, which is not in the file: like a
    // system reminder, it is compared by place and shape, not by its 21,299 characters.
    if (builtIn && i === 0 && item.role === "developer") item = { ...item, content: [{ type: "input_text", text: "<Codex's built-in base instructions>" }] };
    if (typeof item.id === "string" && !text.includes(JSON.stringify(item.id))) return { ...item, id: mintedId(item.id) };
    return item;
  });
  return { ...request, input };
}

function hasBaseInstructions(rollout: string): boolean {
  try {
    const meta = JSON.parse(rollout.replace(/^\uFEFF/, "").split("\n")[0] ?? "") as { payload?: { base_instructions?: unknown } };
    return meta.payload?.base_instructions !== undefined;
  } catch {
    return true;
  }
}

export function mintedId(id: string): string {
  const underscore = id.indexOf("_");
  return `${underscore > 0 ? id.slice(0, underscore) : ""}_<minted>`;
}

/** JSON with sorted keys: key order is not part of a request. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * Codex's error when it will not open a rollout: the `Error: …` line with the file's path replaced by
 * <rollout>, and its innermost reason (after the last ": ", before " (code …)").
 */
export function codexError(output: string, path: string): { line: string; reason: string } | undefined {
  const line = output
    .split("\n")
    .map((l) => l.split(path).join("<rollout>").trim())
    .find((l) => l.startsWith("Error"));
  if (line === undefined) return undefined;
  const reason = line.replace(/ \(code -?\d+\)$/, "").split(": ").at(-1) as string;
  return { line, reason };
}

/** The first difference between two JSON values, as a path and both sides. */
export function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (canonical(a) === canonical(b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) return `${path}[${i}]: codex has nothing, histlint ${short(b[i])}`;
      if (i >= b.length) return `${path}[${i}]: codex ${short(a[i])}, histlint has nothing`;
      const inner = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (inner) return inner;
    }
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const inner = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (inner) return inner;
    }
  }
  return `${path || "(root)"}: codex ${short(a)}, histlint ${short(b)}`;
}

function short(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = canonical(value);
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

/** Runs `task` over `items`, `limit` at a time, keeping the order of the results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Every difference between Codex's request and histlint's, briefly: `instructions`, then the items
 * only one side has (an LCS over the items' sorted-key JSON), at most `limit` of them.
 */
export function differences(codex: { instructions?: Json; input: Json[] }, ours: { instructions?: Json; input: Json[] }, limit = 6): string[] {
  const found: string[] = [];
  if (canonical(codex.instructions) !== canonical(ours.instructions)) found.push(`instructions: codex ${short(codex.instructions)}, histlint ${short(ours.instructions)}`);
  const a = codex.input.map(canonical);
  const b = ours.input.map(canonical);
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) (table[i] as number[])[j] = a[i] === b[j] ? ((table[i + 1] as number[])[j + 1] as number) + 1 : Math.max((table[i + 1] as number[])[j] as number, (table[i] as number[])[j + 1] as number);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && ((table[i + 1] as number[])[j] as number) >= ((table[i] as number[])[j + 1] as number))) {
      found.push(`codex only, input[${i}]: ${short(codex.input[i])}`);
      i++;
    } else {
      found.push(`histlint only, input[${j}]: ${short(ours.input[j])}`);
      j++;
    }
  }
  return found.length > limit ? [...found.slice(0, limit), `… ${found.length - limit} more`] : found;
}

/**
 * What the model is told, item by item, ids aside: the conversation a repair must keep. An output
 * Codex made itself (its id minted, its text "aborted") is keyed by its call alone: a repair may give
 * that call its real output back, which is what the repair is for.
 */
export function conversationKeys(input: readonly Json[], rollout: Buffer): string[] {
  const text = rollout.toString("utf8");
  return input.flatMap((item) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return [canonical(item)];
    const { id, ...rest } = item;
    const minted = typeof id === "string" && !text.includes(JSON.stringify(id));
    if (minted && typeof rest.call_id === "string" && rest.output === "aborted") return [`output of ${rest.call_id}`];
    if (minted && rest.role === "developer") return []; // the base instructions, compared by the main test
    return [canonical(rest)];
  });
}

/**
 * The keys of `before` that `after` lacks (a call given a real output counts as kept). A set, not a
 * multiset: a repair that removes an exact duplicate keeps what it said.
 */
export function missingKeys(before: readonly string[], after: readonly string[]): string[] {
  const present = new Set(after);
  const outputsAfter = new Set(after.flatMap((key) => {
    try {
      const value = JSON.parse(key) as { call_id?: unknown; output?: unknown };
      return typeof value.call_id === "string" && value.output !== undefined ? [`output of ${value.call_id}`] : [];
    } catch {
      return [key];
    }
  }));
  return before.filter((key) => {
    return !outputsAfter.has(key) && !present.has(key);
  });
}
