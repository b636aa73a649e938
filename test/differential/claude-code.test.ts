// The differential test against the real Claude Code: sessions the client records in this run (and the
// committed real fixtures), each bent in one way, are resumed by Claude Code 2.1.330 and planned by
// histlint; the first main-loop request the client sends must carry the messages histlint says it will
// (compared as JSON values: the order of an object's keys is not part of a request).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planReplay } from "../../src/replay/index.js";
import { claudeHome, claudeProvider, isMainLoop, resumeSession, runClaude, sessionFiles, type AnthropicRequest } from "../support/claude-code.js";
import { Session, variants, type Bases, type Variant } from "./claude-code-variants.js";
import { compact, conversationKeys, missingFrom, normaliseMessages, NEW_PROMPT, type Message } from "./normalise.js";
import { fixBytes } from "../../src/index.js";

const root = join(process.cwd(), ".e2e", `claude-code-differential-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The id every variant is resumed as: Claude Code resumes the file of that name, whatever ids its records carry. */
const SESSION_ID = "d1ff0000-0000-4000-8000-00000000c1a0";

const bash = (command: string) => ({ name: "Bash", arguments: { command, description: `Run ${command}` } });
const lastText = (request: AnthropicRequest): string => JSON.stringify(request.messages.at(-1));
const answersTool = (request: AnthropicRequest): boolean => lastText(request).includes('"type":"tool_result"');

/** Records one real session: the first prompt, then a `--resume` for each further prompt. */
async function record(name: string, prompts: string[], reply: (request: AnthropicRequest) => { text?: string; calls?: ReturnType<typeof bash>[] }): Promise<Session> {
  const { home, workspace } = claudeHome(join(root, `base-${name}`));
  const provider = await claudeProvider((request) => (isMainLoop(request) ? reply(request) : { text: "Session" }));
  try {
    const [prompt, ...more] = prompts as [string, ...string[]];
    const run = await runClaude(home, workspace, provider.baseUrl, [prompt]);
    expect(run.code, run.output).toBe(0);
    const [file] = sessionFiles(home);
    const sessionId = /([0-9a-f-]{36})\.jsonl$/.exec(file ?? "")?.[1] as string;
    for (const next of more) {
      const resumed = await runClaude(home, workspace, provider.baseUrl, ["--resume", sessionId, next]);
      expect(resumed.code, resumed.output).toBe(0);
    }
    return new Session(readFileSync(file as string, "utf8"));
  } finally {
    await provider.close();
  }
}

async function recordBases(): Promise<Bases> {
  const recorded = await Promise.allSettled([
    record("one-tool", ["list the files"], (req) => (answersTool(req) ? { text: "There is one file." } : { text: "Listing.", calls: [bash("ls")] })),
    record("parallel", ["print two words"], (req) => (answersTool(req) ? { text: "Printed both." } : { calls: [bash("echo one"), bash("echo two")] })),
    record("turns", ["say hello", "now run pwd", "now run ls"], (req) => {
      if (answersTool(req)) return { text: "That is what it printed." };
      if (lastText(req).includes("now run pwd")) return { calls: [bash("pwd")] };
      if (lastText(req).includes("now run ls")) return { calls: [bash("ls")] };
      return { text: "Hello!" };
    }),
  ]);
  // Every recording has ended before a failure is reported: no client outlives the cleanup.
  const failed = recorded.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  const [oneTool, parallel, turns] = recorded.map((r) => (r as PromiseFulfilledResult<Session>).value) as [Session, Session, Session];
  const fixtures = Object.fromEntries(
    ["real-one-tool-call", "real-parallel-calls", "real-resumed"].map((name) => [name, new Session(readFileSync(join("fixtures", "claude-code", `${name}.jsonl`), "utf8"))]),
  );
  return { oneTool, parallel, turns, fixtures };
}

type Side = { refused: string } | { messages: Message[] } | { threw: string };
interface Outcome {
  variant: Variant;
  client: Side;
  histlint: Side;
  agree: boolean;
  /** The conversation records the client wrote into the file on resume before the new prompt. */
  appended: unknown[];
  exit: number | null;
  timedOut: boolean;
  /** The same file after `histlint fix`, resumed: whether the client opened it, and what it no longer sent. */
  afterFix?: { opens: boolean; missing: string[] };
}

/** `histlint fix` the variant; when that changed it, resume the repair and list what the client sent before and not after. */
async function afterFix(variant: Variant, file: string, client: Side): Promise<Outcome["afterFix"]> {
  const { output, remaining } = fixBytes(file, variant.bytes);
  if (output.equals(variant.bytes) || remaining.messages.some((d) => d.consequence === "wont-open")) return undefined;
  const resumed = await resumeSession(join(root, "runs", `${variant.name}-fixed`), output, SESSION_ID, NEW_PROMPT);
  const fixed = clientSide(resumed.requests, resumed.output);
  if (!("messages" in fixed)) return { opens: false, missing: [] };
  return { opens: true, missing: "messages" in client ? missingFrom(conversationKeys(client.messages), conversationKeys(fixed.messages)) : [] };
}

function clientSide(requests: AnthropicRequest[], output: string): Side {
  const main = requests.find(isMainLoop);
  return main ? { messages: normaliseMessages(main.messages, { dropPrompt: true }) } : { refused: output.trim() || "(no request, no output)" };
}

/** histlint's side; a throw is an outcome too (it disagrees with whatever the client did). */
function histlintSide(file: string, bytes: Buffer): Side {
  try {
    return planned(file, bytes);
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) };
  }
}

function planned(file: string, bytes: Buffer): Side {
  const plan = planReplay(file, { buffer: bytes }, {});
  // A file the client will not open is `{ ok: false, wontOpen: true }`; until that field exists every `ok: false` counts as one.
  if (!plan.ok) return (plan as { wontOpen?: boolean }).wontOpen === false ? { threw: `planReplay failed: ${plan.message}` } : { refused: plan.message };
  const resume = plan.requests.at(-1);
  if (!resume) return { refused: "(no request planned)" };
  const messages = resume.body().messages as { role: string; content: unknown }[];
  // The synthetic resume message stands for the new prompt.
  const sent = resume.units.at(-1)?.synthetic === "the resume message" ? messages.slice(0, -1) : messages;
  return { messages: normaliseMessages(sent, { dropPrompt: false }) };
}

/** The conversation records the client wrote before the new prompt (its own repair of the file). */
function appendedRepair(before: Buffer, after: Buffer): unknown[] {
  if (!after.subarray(0, before.length).equals(before)) return ["(the file was rewritten, not appended to)"];
  const records = after
    .subarray(before.length)
    .toString("utf8")
    .split("\n")
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown> & { message?: { content?: unknown } }];
      } catch {
        return [];
      }
    });
  const prompt = records.findIndex((r) => r.type === "user" && r.message?.content === NEW_PROMPT);
  return records.slice(0, prompt < 0 ? records.length : prompt).filter((r) => ["user", "assistant", "system"].includes(r.type as string));
}

/** Runs `limit` at a time; a failure is thrown only once every run has ended (no client outlives the test's cleanup). */
async function inTurn<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i] as T);
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: limit }, worker));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return results;
}

/** Where two JSON values first differ: a path and both values, for what the one-line view hides. */
function firstDifference(a: unknown, b: unknown, path = "messages"): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: client ${JSON.stringify(a) ?? "(absent)"}, histlint ${JSON.stringify(b) ?? "(absent)"}`;
}

const show = (side: Side): string[] => ("refused" in side ? [`(refuses: ${side.refused.split("\n")[0]})`] : "threw" in side ? [`(throws: ${side.threw})`] : compact(side.messages));

const difference = (o: Outcome): string[] => {
  const found = "messages" in o.client && "messages" in o.histlint ? firstDifference(o.client.messages, o.histlint.messages) : undefined;
  return found ? [`  first difference: ${found}`] : [];
};

describe("Claude Code 2.1.330 resumes what histlint says it resumes", () => {
  let bases: Bases;
  beforeAll(async () => {
    bases = await recordBases();
  }, 120_000);

  it("refuses a session id that has no file, with its message", async () => {
    const { home, workspace } = claudeHome(join(root, "unknown-id"));
    const provider = await claudeProvider(() => ({ text: "Resumed." }));
    try {
      const run = await runClaude(home, workspace, provider.baseUrl, ["--resume", SESSION_ID, NEW_PROMPT]);
      expect(run.code).toBe(1);
      expect(run.output.trim()).toBe(`No conversation found with session ID: ${SESSION_ID}`);
      expect(provider.requests.filter(isMainLoop)).toEqual([]);
    } finally {
      await provider.close();
    }
  }, 60_000);

  it("sends, for every variant, the messages histlint plans", async () => {
    const all = variants(bases);
    expect(all.length).toBeGreaterThanOrEqual(30);
    const folder = join(root, "variants");
    mkdirSync(folder, { recursive: true });
    const outcomes = await inTurn(all, 3, async (variant): Promise<Outcome> => {
      const file = join(folder, `${variant.name}.jsonl`);
      writeFileSync(file, variant.bytes);
      const resumed = await resumeSession(join(root, "runs", variant.name), variant.bytes, SESSION_ID, NEW_PROMPT);
      const client = clientSide(resumed.requests, resumed.output);
      const histlint = histlintSide(file, variant.bytes);
      const agree = "refused" in client ? "refused" in histlint : "messages" in client && "messages" in histlint && isDeepStrictEqual(client.messages, histlint.messages);
      const repaired = await afterFix(variant, file, client);
      return { variant, client, histlint, agree, appended: appendedRepair(variant.bytes, resumed.after), exit: resumed.code, timedOut: resumed.timedOut, ...(repaired ? { afterFix: repaired } : {}) };
    });
    expect(outcomes.filter((o) => o.timedOut).map((o) => o.variant.name)).toEqual([]);
    const agreeing = outcomes.filter((o) => o.agree).length;
    const repaired = outcomes.filter((o) => o.afterFix);
    const keeping = repaired.filter((o) => o.afterFix?.opens && o.afterFix.missing.length === 0);
    console.log(`claude-code differential: ${agreeing}/${outcomes.length} variants agree; after histlint fix, ${keeping.length}/${repaired.length} repaired files keep all Claude Code sent`);
    for (const o of repaired.filter((o) => !keeping.includes(o))) console.log(`✗ after fix, ${o.variant.name}: ${o.afterFix?.opens ? `no longer sent: ${o.afterFix.missing.join(" | ")}` : "the client does not open the repair"}`);
    for (const o of outcomes.filter((o) => !o.agree)) {
      console.log([`✗ ${o.variant.name} (fact ${o.variant.fact})`, "  client sent:", ...show(o.client).map((l) => `    ${l}`), "  histlint plans:", ...show(o.histlint).map((l) => `    ${l}`), ...difference(o)].join("\n"));
    }
    if (process.env.CLAUDE_CODE_DIFF_REPORT) {
      const report = outcomes.map((o) => ({ name: o.variant.name, fact: o.variant.fact, agree: o.agree, exit: o.exit, client: show(o.client), histlint: show(o.histlint), difference: difference(o), appended: o.appended }));
      writeFileSync(process.env.CLAUDE_CODE_DIFF_REPORT, JSON.stringify(report, null, 1));
      mkdirSync(`${process.env.CLAUDE_CODE_DIFF_REPORT}.d`, { recursive: true });
      for (const o of outcomes) writeFileSync(join(`${process.env.CLAUDE_CODE_DIFF_REPORT}.d`, `${o.variant.name}.jsonl`), o.variant.bytes);
    }
    // Every baseline is a real conversation: the client sent it, with its tool results.
    for (const o of outcomes.filter((o) => o.variant.fact === "baseline")) expect(show(o.client).join("\n"), o.variant.name).toContain("tool_result(");
    expect(outcomes.filter((o) => !o.agree).map((o) => o.variant.name)).toEqual([]);
    expect(repaired.length).toBeGreaterThanOrEqual(10);
    expect(repaired.filter((o) => !keeping.includes(o)).map((o) => o.variant.name)).toEqual([]);
  }, 400_000);
});
