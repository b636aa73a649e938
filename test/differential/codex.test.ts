// The differential test against the real Codex CLI 0.169.0: for each variant of a real rollout,
// `codex exec resume <id> "<prompt>"` runs against a loopback provider, and the first request Codex
// sends (compactions aside) is set beside the resume request histlint's planReplay builds.
//
// Compared exactly: `input` (every item, every field, the synthetic outputs and their positions) and
// `instructions` (present or not, and its value). Normalised, and nothing else:
//   - the new turn: the response items this resume appended to the rollout before the model answered
//     (the user message with the prompt, and what else the turn adds — a developer message with the
//     skills instructions and an <environment_context> user message when the workspace differs from the
//     recorded one) are taken off the end of Codex's input; histlint's "the resume message" unit is
//     taken off the end of its input;
//   - ids minted for the request, not in the file: `<prefix>_<uuid>` becomes `<prefix>_<minted>`;
//   - key order (JSON with sorted keys).
// A rollout Codex will not open: both must refuse, and histlint's message must hold Codex's reason.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canonical,
  codexError,
  codexSide,
  differences,
  firstDifference,
  histlintSide,
  mapLimited,
  conversationKeys,
  missingKeys,
  normalise,
  recordRollout,
  resumeRollout,
  sessionIdOf,
  appendedRecordTypes,
  type Json,
  type Recording,
  type Resumed,
} from "../support/codex-differential.js";
import { BASES, VARIANTS, type Variant } from "./codex-variants.js";
import { fixBytes } from "../../src/index.js";

// Codex does not reach the provider with a CODEX_HOME under the system's temporary folder.
const root = join(process.cwd(), ".e2e", `codex-differential-${process.pid}`);
const PROMPT = "what happened so far?";
const CONCURRENCY = 3;
/** Set HISTLINT_DIFFERENTIAL_REPORT=<file> to keep every comparison as JSON. */
const reportFile = process.env.HISTLINT_DIFFERENTIAL_REPORT;

interface Outcome {
  variant: Variant;
  agrees: boolean;
  /** How the two sides differ, or what both did. */
  detail: string;
  codex: { code: number | null; error?: { line: string; reason: string }; requests: number; request?: { instructions?: Json; input: Json[] }; turn?: Json[]; appended: string[] };
  histlint: ReturnType<typeof histlintSide>;
  /** The same file after `histlint fix`, resumed by Codex: whether it opened, and what it no longer sent. */
  afterFix?: { opens: boolean; missing: string[]; detail: string };
}

const outcomes = new Map<string, Outcome>();
const recordings = new Map<string, Recording>();
const recordedText = (name: string): string => {
  const recording = recordings.get(name);
  if (!recording) throw new Error(`no base ${name}`);
  return recording.text;
};
const started = Date.now();

function sessionIdInText(text: string): string {
  const first = JSON.parse(text.split("\n")[0] as string) as { payload?: { id?: string }; id?: string };
  const id = first.payload?.id ?? first.id;
  if (typeof id !== "string") throw new Error("no session id on line 1");
  return id;
}

async function runVariant(variant: Variant, bases: Map<string, Recording>): Promise<Outcome> {
  const base = bases.get(variant.from);
  let text: string;
  let sessionId: string;
  let relativePath: string;
  if (base) {
    ({ text, sessionId, relativePath } = base);
  } else {
    text = readFileSync(variant.from, "utf8");
    sessionId = sessionIdInText(text);
    relativePath = join("sessions", "2026", "11", "21", `rollout-2026-11-21T18-00-00-${sessionId}.jsonl`);
  }
  if (sessionIdOf(relativePath) !== sessionId) throw new Error(`${variant.name}: the file name does not hold the session id`);
  const resumed: Resumed = await resumeRollout(root, variant.name, variant.make(text), sessionId, relativePath, PROMPT);
  const ours = histlintSide(resumed.path, resumed.before);
  const theirs = codexSide(resumed);
  const codex: Outcome["codex"] = { code: resumed.code, requests: resumed.requests.length, appended: appendedRecordTypes(resumed.before, resumed.after) };
  const error = codexError(resumed.output, resumed.path);
  if (error) codex.error = error;
  if (theirs === undefined) {
    // Codex sent nothing: it refused the file (or failed before the model was called).
    if (ours.opens) return { variant, agrees: false, codex, histlint: ours, detail: `codex refused (exit ${resumed.code}: ${error?.line ?? resumed.output.slice(-300)}); histlint planned a request of ${ours.request.input.length} items` };
    const expected = error?.reason.replace(/^rollout at <rollout> /, "") ?? "";
    const message = ours.message.split(resumed.path).join("<rollout>");
    const agrees = resumed.code !== 0 && expected !== "" && message.includes(expected);
    const afterFix = await reopenFixed(variant, resumed, sessionId, relativePath);
    return { variant, agrees, codex, histlint: ours, ...(afterFix ? { afterFix } : {}), detail: agrees ? `both refuse: ${error?.reason}` : `codex refused (exit ${resumed.code}) with "${error?.line}"; histlint refused with "${ours.message}"${ours.wontOpen === undefined ? " (no wontOpen field)" : ""}` };
  }
  codex.request = normalise(theirs.request, resumed.before);
  codex.turn = theirs.turn;
  if (theirs.problems.length > 0) return { variant, agrees: false, codex, histlint: ours, detail: `the new turn is not the end of Codex's request: ${theirs.problems.join("; ")}` };
  if (!ours.opens) return { variant, agrees: false, codex, histlint: ours, detail: `codex sent a request of ${theirs.request.input.length} items; histlint refused: ${ours.message}` };
  const mine = normalise(ours.request, resumed.before);
  const difference = firstDifference(codex.request, mine);
  const detail = difference === undefined ? `same request (${mine.input.length} items)` : `first difference ${difference}\n      ${differences(codex.request, mine).join("\n      ")}`;
  const afterFix = await resumeFixed(variant, resumed, sessionId, relativePath, theirs);
  return { variant, agrees: difference === undefined, codex, histlint: { ...ours, request: mine }, detail, ...(afterFix ? { afterFix } : {}) };
}

/** A file Codex refused that `histlint fix` says it repaired: Codex must open the repair. */
async function reopenFixed(variant: Variant, resumed: Resumed, sessionId: string, relativePath: string): Promise<Outcome["afterFix"]> {
  const { output, remaining } = fixBytes(resumed.path, resumed.before);
  if (output.equals(resumed.before) || remaining.messages.some((d) => d.consequence === "wont-open")) return undefined;
  const again = await resumeRollout(root, `${variant.name}-fixed`, output, sessionId, relativePath, PROMPT);
  const opens = codexSide(again) !== undefined;
  return { opens, missing: [], detail: opens ? "Codex opens the repair" : `Codex still refuses the repair: ${again.output.slice(-300)}` };
}

/** `histlint fix` the file Codex opened, resume the repair, and list what Codex sent before and no longer does. */
async function resumeFixed(variant: Variant, resumed: Resumed, sessionId: string, relativePath: string, theirs: NonNullable<ReturnType<typeof codexSide>>): Promise<Outcome["afterFix"]> {
  const fixed = fixBytes(resumed.path, resumed.before).output;
  if (fixed.equals(resumed.before)) return undefined;
  const again = await resumeRollout(root, `${variant.name}-fixed`, fixed, sessionId, relativePath, PROMPT);
  const side = codexSide(again);
  if (side === undefined) return { opens: false, missing: [], detail: `Codex refused the repaired file: ${again.output.slice(-300)}` };
  const missing = missingKeys(conversationKeys(theirs.request.input, resumed.before), conversationKeys(side.request.input, fixed));
  return { opens: true, missing, detail: missing.length === 0 ? "the repair keeps everything" : `lost by the repair: ${missing.join(" | ").slice(0, 600)}` };
}

describe("histlint's resume request against the real Codex CLI 0.169.0", () => {
  beforeAll(async () => {
    rmSync(root, { recursive: true, force: true });
    const recorded = await mapLimited(BASES, CONCURRENCY, (base) => recordRollout(root, base.name, base.prompts, base.script));
    for (const recording of recorded) recordings.set(recording.name, recording);
    const results = await mapLimited(VARIANTS, CONCURRENCY, (variant) => runVariant(variant, recordings));
    for (const outcome of results) outcomes.set(outcome.variant.name, outcome);
    const agreeing = results.filter((outcome) => outcome.agrees).length;
    const lines = results.map((o) => `${o.agrees ? "  agree   " : "  DIFFER  "}${o.variant.name}: ${o.detail}${o.afterFix ? `; after fix: ${o.afterFix.detail}` : ""}`);
    const fixed = results.filter((o) => o.afterFix);
    const keeping = fixed.filter((o) => o.afterFix?.opens && o.afterFix.missing.length === 0).length;
    console.log(`codex differential: ${agreeing}/${results.length} variants agree; after histlint fix, ${keeping}/${fixed.length} repaired files keep all Codex sent (${((Date.now() - started) / 1000).toFixed(1)} s)\n${lines.join("\n")}`);
    if (reportFile) writeFileSync(reportFile, JSON.stringify(results.map((o) => ({ ...o, variant: { name: o.variant.name, from: o.variant.from, about: o.variant.about } })), null, 1));
  }, 280_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("has at least 30 variants with distinct names", () => {
    expect(VARIANTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(VARIANTS.map((v) => v.name)).size).toBe(VARIANTS.length);
  });

  it("builds every variant deterministically", () => {
    for (const variant of VARIANTS) {
      const text = variant.from.startsWith("fixtures/") ? readFileSync(variant.from, "utf8") : recordedText(variant.from);
      expect(variant.make(text).equals(variant.make(text)), variant.name).toBe(true);
      expect(!variant.make(text).equals(Buffer.from(text)) || variant.name.startsWith("clean-") || variant.name.startsWith("fixture-"), `${variant.name} changes its base`).toBe(true);
    }
  });

  it("repairs something in at least 15 of the variants Codex opens, so the after-fix check has work", () => {
    expect([...outcomes.values()].filter((o) => o.afterFix).length).toBeGreaterThanOrEqual(15);
  });

  it("after histlint fix, Codex opens every repaired file and sends everything it sent from the broken one", () => {
    const failing = [...outcomes.values()].filter((o) => o.afterFix && (!o.afterFix.opens || o.afterFix.missing.length > 0)).map((o) => `${o.variant.name}: ${o.afterFix?.detail}`);
    expect(failing).toEqual([]);
  });

  it.each(VARIANTS.map((variant) => [variant.name, variant] as const))("%s: histlint plans what Codex sends", (name) => {
    const outcome = outcomes.get(name);
    expect(outcome, "the variant ran").toBeDefined();
    expect(outcome?.agrees, `${outcome?.variant.about}: ${outcome?.detail}`).toBe(true);
  });
});
