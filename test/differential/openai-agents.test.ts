// The differential test against the real OpenAI Agents SDK (`@openai/agents` 0.14.3): paused runs the SDK
// writes in this run and the committed fixtures, each edit of the field, and histlint's repairs are resumed
// by the SDK in a fresh process against the mock; what the resume really did (refused, lost, would not
// open, or finished with the approved tool run) must be what histlint says of the file.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixBytes, lintFile, type LintResult } from "../../src/index.js";
import { APPROVED_TOOL_OUTPUT, readHistory } from "../../src/clients/index.js";
import { planReplay } from "../../src/replay/index.js";
import { collectItems, type Item } from "../../src/history/index.js";
import { readRecords } from "../../src/read/index.js";
import { approvalSchedule, crashedWrite } from "../../src/testing/index.js";
import { startMockServer, type MockServer } from "../../src/server/index.js";
import { AGENT_OF, AGENTS_SCENARIO, BROKEN_STATES } from "../support/agents-variants.mjs";

const root = join(process.cwd(), ".e2e", `openai-agents-differential-${process.pid}`);
const FIXTURES = "fixtures/openai-agents";
let mock: MockServer;

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  mock = await startMockServer({ scenario: AGENTS_SCENARIO });
});
afterAll(async () => {
  await mock?.close();
  rmSync(root, { recursive: true, force: true });
});

interface Resumed {
  outcome: "paused" | "finished" | "error" | "decided";
  stage?: "load" | "run";
  error?: string;
  ran: string[];
  finalOutput?: string | null;
}

type Kind = "clean" | "refused" | "lost" | "wont-open";

/** Runs the driver in a fresh process: the SDK of a restarted service, with nothing but the file. */
async function drive(mode: "pause" | "resume", agent: string, file: string, decision?: "approve" | "reject" | "keep"): Promise<{ result: Resumed; requests: MockServer["requests"] }> {
  const before = mock.requests.length;
  const { stdout } = await promisify(execFile)(process.execPath, ["test/support/agents-sdk-driver.mjs", mode, agent, file, ...(decision ? [decision] : [])], { env: { ...process.env, HISTLINT_MOCK_URL: mock.url } });
  return { result: JSON.parse(stdout.trim().split("\n").at(-1) as string) as Resumed, requests: mock.requests.slice(before) };
}

/** What the resume did, in histlint's kinds: every tool approved ran and the run finished, or how it did not. */
function kindOf(result: Resumed): Kind {
  if (result.outcome === "error") return result.stage === "load" ? "wont-open" : /^400 /.test(result.error ?? "") ? "refused" : (`error ${result.error}` as Kind);
  if (result.outcome === "paused") return "lost"; // the approval given was not the one the run waited for
  if (!result.ran.some((tool) => tool.startsWith("delete_file"))) return "lost"; // the approved tool never ran
  if (String(result.finalOutput).includes("An error occurred while running the tool")) return "lost"; // a nested failure swallowed
  return "clean";
}

/** The worst kind histlint gives the file's findings. */
function verdictOf(result: LintResult): Kind {
  const kinds = new Set(result.messages.map((d) => d.consequence));
  return kinds.has("wont-open") ? "wont-open" : kinds.has("refused") ? "refused" : kinds.has("lost") ? "lost" : "clean";
}

/** Items as comparable words: role and text, call and output by call id. */
function words(items: readonly { type?: unknown; role?: unknown; call_id?: unknown; content?: unknown; output?: unknown }[]): string[] {
  return items.map((item) => (item.type === "function_call" ? `call ${String(item.call_id)}` : item.type === "function_call_output" ? `output ${String(item.call_id)}` : `${String(item.role)} message`));
}

function itemWords(items: readonly Item[]): string[] {
  return items.map((item) => (item.type === "tool_call" ? `call ${item.callId}` : item.type === "tool_output" ? `output ${item.callId}` : `${item.type === "message" ? item.role : item.type} message`));
}

function historyOf(file: string): Item[] {
  const records = [...readRecords({ buffer: readFileSync(file) })].flatMap((event) => (event.record ? [event.record] : []));
  return collectItems(readHistory("openai-agents-state", records, { bytes: readFileSync(file) }).events);
}

const recorded = readdirSync(FIXTURES).filter((name) => name.startsWith("real-") && name.endsWith(".json") && !name.includes(".fixed."));

describe("OpenAI Agents SDK 0.14.3 against histlint's model of it", () => {
  it.each(["janitor", "sweeper", "boss"])("a run of %s the SDK pauses now lints clean, and the SDK resumes it to the end", async (agent) => {
    const file = join(root, `fresh-${agent}.json`);
    const paused = await drive("pause", agent, file);
    expect(paused.result.outcome).toBe("paused");
    expect(lintFile(file).messages).toEqual([]);
    const { result } = await drive("resume", agent, file);
    expect(kindOf(result)).toBe("clean");
  }, 60_000);

  // Generated schedules, a few a run (each step is a fresh SDK process): a pause, then a person's answer
  // or a crash while the state is written, over a run that pauses itself or inside an agent tool (the seed
  // gives a nested approval, a nested rejection and crashes).
  const schedules = fc.sample(approvalSchedule({ maxRounds: 2, maxNesting: 1, maxApprovals: 1 }), { numRuns: 3, seed: 5 });
  it.each(schedules.map((schedule, i) => [i, schedule] as const))("generated schedule %i: every saved state lints as the SDK resumes it", async (i, schedule) => {
    const agent = schedule.nesting === 0 ? "janitor" : "boss";
    for (const [r, round] of schedule.rounds.entries()) {
      const file = join(root, `schedule-${i}-${r}.json`);
      expect((await drive("pause", agent, file)).result.outcome).toBe("paused");
      expect(lintFile(file).messages).toEqual([]);
      if (round.crashAt !== undefined) {
        writeFileSync(file, crashedWrite(readFileSync(file, "utf8"), round.crashAt));
        expect(lintFile(file).errorCount).toBeGreaterThan(0);
        expect(kindOf((await drive("resume", agent, file)).result)).toBe("wont-open");
        continue;
      }
      const decision = round.decisions[0] ?? "approve";
      const { result } = await drive("resume", agent, file, decision);
      expect(result.outcome, JSON.stringify(result)).toBe("finished");
      // Approved, the tool ran; rejected, it did not and the run still finished.
      expect(result.ran.some((tool) => tool.startsWith("delete_file"))).toBe(decision === "approve");
    }
  }, 120_000);

  it.each(recorded)("%s (recorded) lints clean; resumed, the SDK sends the request histlint plans for the resume", async (name) => {
    const file = join(root, name);
    copyFileSync(join(FIXTURES, name), file);
    expect(lintFile(file).messages).toEqual([]);
    const agent = AGENT_OF[name.replace(/\.json$/, "") as keyof typeof AGENT_OF];
    const { result, requests } = await drive("resume", agent, file, name.includes("approved") ? "keep" : "approve");
    expect(kindOf(result)).toBe("clean");
    if (agent === "boss") return; // the first request is the nested agent's, which the outer history does not hold
    // The resume request histlint plans (every interruption approved) is the one the SDK sent, item for item.
    const plan = planReplay(file, { buffer: readFileSync(file) });
    if (!plan.ok) throw new Error(plan.message);
    const planned = (plan.requests.at(-1)?.body() as { input: Parameters<typeof words>[0] }).input;
    expect(words((requests[0]?.body as { input: Parameters<typeof words>[0] }).input)).toEqual(words(planned));
    // And before the approved tools run, the SDK holds what histlint's history of the file says.
    const ranOnResume = new Set(planned.filter((item) => item.output === APPROVED_TOOL_OUTPUT).map((item) => String(item.call_id)));
    expect(words(planned).filter((w) => ![...ranOnResume].some((id) => w.endsWith(` ${id}`)))).toEqual(itemWords(historyOf(file)));
  }, 60_000);

  it.each(BROKEN_STATES.map((variant) => [variant.name, variant] as const))("%s: histlint's kind is what the SDK's resume really does", async (name, variant) => {
    const file = join(root, `${name}.json`);
    copyFileSync(join(FIXTURES, `${name}.json`), file);
    const lint = lintFile(file);
    const { result, requests } = await drive("resume", variant.agent, file, variant.decided ? "keep" : "approve");
    const real = kindOf(result);
    expect(real, JSON.stringify(result)).toBe(variant.expected);
    // A cut document is detected as no format at all: histlint still says it is broken, not how the SDK fails.
    if (name === "document-cut") expect(lint.errorCount).toBeGreaterThan(0);
    else expect(verdictOf(lint), JSON.stringify(lint.messages.map((d) => d.message))).toBe(real);
    if (real === "refused") {
      const refusal = requests.find((request) => request.status === 400)?.error as { error: { message: string } };
      expect(lint.messages.some((d) => d.message.includes(refusal.error.message))).toBe(true);
    }
  }, 60_000);

  const repairable = BROKEN_STATES.filter((variant) => fixBytes(variant.name, readFileSync(join(FIXTURES, `${variant.name}.json`))).changed);
  it("repairs the edits that have one right answer", () => {
    expect(repairable.map((variant) => variant.name).sort()).toEqual(
      ["alias-stale", "alias-without-run", "approval-item-missing", "interruptions-missing", "nested-approval-item-missing", "nested-pending-call-not-generated", "orphan-output", "pending-call-not-generated", "pending-call-not-generated-two-calls"].sort(),
    );
  });

  // An alias without its run has one right answer (remove it), but the run it stood for is still gone: the
  // repair opens, and the nested run starts again, as the finding left for a person says.
  it.each(repairable.map((variant) => [variant.name, variant] as const))("%s, repaired by histlint fix, resumes as the repair's own findings say", async (name, variant) => {
    const file = join(root, `${name}.fixed.json`);
    const outcome = fixBytes(file, readFileSync(join(FIXTURES, `${name}.json`)));
    writeFileSync(file, outcome.output);
    expect(outcome.remaining.messages.filter((d) => d.fixable || d.consequence !== "lost")).toEqual([]);
    const { result } = await drive("resume", variant.agent, file, variant.decided ? "keep" : "approve");
    expect(kindOf(result), JSON.stringify(result)).toBe(verdictOf(outcome.remaining));
    if (name !== "alias-without-run") expect(verdictOf(outcome.remaining)).toBe("clean");
  }, 60_000);
});
