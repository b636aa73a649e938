// Replay against the embedded mock: real clients' files are accepted, each broken fixture is refused
// where lint says and with the provider's text, and its repair replays clean.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyse, fixBytes, planReplay, replayFile, replayFiles, type FileReplay, type RequestOutcome } from "../../src/index.js";
import { tempFile } from "../support/files.js";

const FORMAT_FOLDERS = ["codex", "claude-code", "responses", "chat", "anthropic"];
const realClientFiles = FORMAT_FOLDERS.flatMap((folder) => readdirSync(join("fixtures", folder)).filter((name) => name.startsWith("real-") && !name.includes(".fixed.") && !name.endsWith(".txt")).map((name) => join("fixtures", folder, name)));
const ruleFiles = readdirSync("fixtures/rules").filter((name) => /\.jsonl?$/.test(name) && !name.includes(".fixed.")).map((name) => join("fixtures/rules", name));

function requestsOf(replay: FileReplay): RequestOutcome[] {
  if (!replay.ok) throw new Error(`${replay.file}: ${replay.message}`);
  return replay.requests;
}

/** What lint says the provider would refuse: each diagnostic that carries the provider's answer. */
function refusalsByLint(path: string): { line: number; message: string; aboutAnItem: boolean }[] {
  const analysis = analyse(path, { buffer: readFileSync(path) }, {});
  return [...(analysis.runner?.errors ?? new Map()).entries()].map(([diagnostic, error]) => {
    const body = error.body as { error: { message: string } };
    return { line: diagnostic.line, message: body.error.message, aboutAnItem: diagnostic.pointer !== undefined };
  });
}

describe("replay of real clients' files", () => {
  it("replays many files at once and gives the results in the order of the files", async () => {
    const files = [...realClientFiles].reverse();
    const results = await replayFiles(files, { concurrency: 3 });
    expect(results.map((result) => result.file)).toEqual(files);
  });

  it.each(realClientFiles)("%s: every request is accepted", async (file) => {
    const requests = requestsOf(await replayFile(file));
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.filter((request) => !request.accepted)).toEqual([]);
  });

  it.each(realClientFiles.filter((file) => file.startsWith("fixtures/codex/")))("%s: translated, it replays clean against Chat and Anthropic", async (file) => {
    for (const convertTo of ["chat", "messages"] as const) {
      const replay = await replayFile(file, { convertTo });
      expect(replay.ok && replay.api).toBe(convertTo);
      expect(requestsOf(replay).filter((request) => !request.accepted)).toEqual([]);
    }
  });
});

describe("replay of broken fixtures", () => {
  const cases = ruleFiles.map((file) => ({ file, refusals: refusalsByLint(file) }));

  it.each(cases.filter((c) => c.refusals.length > 0))("$file is refused with the provider's text, at the first request holding what lint names", async ({ file, refusals }) => {
    const requests = requestsOf(await replayFile(file, { raw: true }));
    const refused = requests.find((request) => !request.accepted);
    expect(refused?.status).toBe(400);
    expect(refusals.map((r) => r.message)).toContain(refused?.refusal?.message);
    const plan = planReplay(file, { buffer: readFileSync(file) }, { raw: true });
    if (!plan.ok) throw new Error(plan.message);
    // A refusal about the request as a whole (no tools defined) comes with the first request it applies to.
    const flagged = new Set(refusals.filter((r) => r.aboutAnItem).map((r) => r.line));
    if (flagged.size === 0) return;
    const firstHolding = plan.requests.find((request) => request.units.some((unit) => flagged.has(unit.line)) || request.resume);
    expect(refused?.number).toBe(firstHolding?.number);
  });

  it.each(cases.filter((c) => c.refusals.length === 0))("$file breaks nothing a provider checks: every request is accepted", async ({ file }) => {
    const replay = await replayFile(file, { raw: true });
    if (!replay.ok) return expect(replay.message).toMatch(/empty/); // an empty file has no request to send
    expect(replay.requests.filter((request) => !request.accepted)).toEqual([]);
  });

  it("after histlint fix, every repairable broken fixture replays clean", async () => {
    let repaired = 0;
    for (const { file, refusals } of cases) {
      if (refusals.length === 0) continue;
      const outcome = fixBytes(file, readFileSync(file));
      const fixedFile = tempFile(file.split("/").pop() as string, outcome.output);
      if (refusalsByLint(fixedFile).length > 0) continue; // left to a person: lint still names the refusal
      repaired += 1;
      const requests = requestsOf(await replayFile(fixedFile, { raw: true }));
      expect({ file, refused: requests.filter((request) => !request.accepted) }).toEqual({ file, refused: [] });
    }
    expect(repaired).toBeGreaterThanOrEqual(8);
  });
});

describe("Codex's own repair", () => {
  const killed = "fixtures/codex/real-killed-mid-tool.jsonl";

  it("is applied by default, as Codex does before each request, and --raw sends the file as written", async () => {
    const repaired = await replayFile(killed);
    expect(repaired.ok && repaired.notes).toEqual(["Codex CLI adds 1 item(s) of its own (--raw sends the file without them)"]);
    expect(requestsOf(repaired).every((request) => request.accepted)).toBe(true);
    const raw = requestsOf(await replayFile(killed, { raw: true }));
    expect(raw.map((request) => [request.accepted, request.line, request.refusal?.message])).toEqual([
      [true, undefined, undefined],
      [false, 10, "No tool output found for function call call_1_0."],
    ]);
  });

  it("is what histlint fix writes: the repaired file replays clean as written", async () => {
    const fixed = tempFile("killed.jsonl", fixBytes(killed, readFileSync(killed)).output);
    expect(requestsOf(await replayFile(fixed, { raw: true })).every((request) => request.accepted)).toBe(true);
  });
});
