// The differential test against the real Gemini CLI: sessions the client records in this run, each bent
// in one way, are resumed by Gemini CLI 0.61.0 (`--resume latest -p …`) and planned by histlint; the first
// main-loop request the client sends must carry the contents histlint says it will (compared as JSON
// values), apart from the context the CLI renders afresh (`<session_context>`) and the new prompt.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixBytes, startMockServer } from "../../src/index.js";
import { planReplay } from "../../src/replay/index.js";
import { geminiHome, geminiProvider, isMainLoop, runGemini, sessionFiles, type GeminiRequest } from "../support/gemini-cli.js";
import { NEW_PROMPT, variants, type Variant } from "./gemini-cli-variants.js";

const root = join(process.cwd(), ".e2e", `gemini-cli-differential-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Content = { role: string; parts: unknown[] };
type Side = { contents: Content[] } | { none: string };

const shell = (command: string) => ({ name: "run_shell_command", arguments: { command } });
const answered = (body: GeminiRequest["body"]) => body.contents.at(-1)?.parts.some((part) => "functionResponse" in part) === true;
const lastText = (body: GeminiRequest["body"]) => JSON.stringify(body.contents.at(-1));

interface Base {
  home: string;
  workspace: string;
  /** The session file, relative to the home. */
  file: string;
  text: string;
}

async function record(name: string, prompts: string[], reply: (body: GeminiRequest["body"]) => { text?: string; calls?: ReturnType<typeof shell>[] }): Promise<Base> {
  const { home, workspace } = geminiHome(join(root, `base-${name}`));
  const provider = await geminiProvider(reply);
  try {
    for (const [i, prompt] of prompts.entries()) {
      const run = await runGemini(home, workspace, provider.baseUrl, i === 0 ? ["-p", prompt] : ["--resume", "latest", "-p", prompt]);
      expect(run.code, run.output).toBe(0);
    }
    // A resume also starts a file of its own holding only the new context; the conversation is in the first.
    const file = sessionFiles(home).sort()[0] as string;
    return { home, workspace, file: relative(home, file), text: readFileSync(file, "utf8") };
  } finally {
    await provider.close();
  }
}

/** Drops what the CLI renders afresh on every start (`<session_context>`) and the prompt typed on resume. */
function normalise(contents: readonly Content[], dropPrompt: boolean): Content[] {
  const kept = contents
    .map((content) => ({ ...content, parts: content.parts.filter((part) => !(typeof (part as { text?: unknown }).text === "string" && ((part as { text: string }).text.startsWith("<session_context>") || (dropPrompt && (part as { text: string }).text === NEW_PROMPT)))) }))
    .filter((content) => content.parts.length > 0);
  return kept.reduce<Content[]>((merged, content) => {
    const last = merged[merged.length - 1];
    if (last && last.role === content.role) last.parts.push(...content.parts);
    else merged.push({ role: content.role, parts: [...content.parts] });
    return merged;
  }, []);
}

function histlintSide(file: string, bytes: Buffer): Side {
  const plan = planReplay(file, { buffer: bytes }, {});
  if (!plan.ok) return { none: plan.message };
  const resume = plan.requests.at(-1);
  if (!resume) return { none: "(no request planned)" };
  const units = resume.units.at(-1)?.synthetic === "the resume message" ? resume.units.slice(0, -1) : resume.units;
  return { contents: normalise(units.map((unit) => unit.value as Content), false) };
}

async function resume(base: Base, name: string, bytes: Buffer, validate?: Parameters<typeof geminiProvider>[1]): Promise<{ client: Side; requests: GeminiRequest[]; output: string }> {
  const home = join(root, "runs", name.replace(/[^a-z0-9]+/gi, "-"), "home");
  mkdirSync(home, { recursive: true });
  cpSync(join(base.home, ".gemini"), join(home, ".gemini"), { recursive: true });
  for (const file of sessionFiles(home)) rmSync(file);
  writeFileSync(join(home, base.file), bytes);
  const provider = await geminiProvider(() => ({ text: "Resumed." }), validate);
  try {
    const run = await runGemini(home, base.workspace, provider.baseUrl, ["--resume", "latest", "-p", NEW_PROMPT]);
    const main = provider.requests.find(isMainLoop);
    return { client: main ? { contents: normalise(main.body.contents, true) } : { none: run.output.slice(-300) }, requests: provider.requests, output: run.output };
  } finally {
    await provider.close();
  }
}

async function inTurn<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i] as T);
    }
  };
  await Promise.allSettled(Array.from({ length: limit }, worker));
  return results;
}

let bases: Record<string, Base>;
let outcomes: { variant: Variant; client: Side; histlint: Side; agree: boolean }[];

beforeAll(async () => {
  const recorded = await Promise.all([
    record("one-tool", ["list the files"], (body) => (answered(body) ? { text: "There is one file." } : { text: "Listing.", calls: [shell("ls")] })),
    record("parallel", ["print two words"], (body) => (answered(body) ? { text: "Printed both." } : { calls: [shell("echo one"), shell("echo two")] })),
    record("turns", ["say hello", "now run pwd"], (body) => (answered(body) ? { text: "That is the folder." } : lastText(body).includes("pwd") ? { calls: [shell("pwd")] } : { text: "Hello!" })),
  ]);
  bases = { "one-tool": recorded[0], parallel: recorded[1], turns: recorded[2] };
  const all = variants(Object.fromEntries(Object.entries(bases).map(([name, base]) => [name, base.text])));
  outcomes = await inTurn(all, 3, async (variant) => {
    const base = bases[variant.base] as Base;
    const bytes = Buffer.from(variant.text);
    const { client } = await resume(base, variant.name, bytes);
    const histlint = histlintSide(join(base.home, base.file), bytes);
    return { variant, client, histlint, agree: isDeepStrictEqual(client, histlint) };
  });
}, 900_000);

/**
 * A broken session after `histlint fix`, resumed twice by the real CLI against histlint's strict mock (which
 * refuses what the Gemini API refuses): every request must pass, the second resume included — the CLI
 * writes the history back on each resume, and the repair must be the shape it does not break again.
 */
async function resumedAfterFix(base: Base, name: string, bytes: Buffer): Promise<{ statuses: number[]; errors: unknown[]; changed: boolean }> {
  const { output } = fixBytes(join(base.home, base.file), bytes);
  const home = join(root, "fixed", name.replace(/[^a-z0-9]+/gi, "-"), "home");
  mkdirSync(home, { recursive: true });
  cpSync(join(base.home, ".gemini"), join(home, ".gemini"), { recursive: true });
  for (const file of sessionFiles(home)) rmSync(file);
  writeFileSync(join(home, base.file), output);
  const mock = await startMockServer({ scenario: { steps: [{ reply: { text: "Resumed." }, repeat: true }] } });
  try {
    for (const prompt of [NEW_PROMPT, `${NEW_PROMPT} again`]) await runGemini(home, base.workspace, mock.url, ["--resume", "latest", "-p", prompt]);
    return { statuses: mock.requests.map((r) => r.status), errors: mock.requests.flatMap((r) => (r.error ? [r.error] : [])), changed: !output.equals(bytes) };
  } finally {
    await mock.close();
  }
}

describe("Gemini CLI 0.61.0 after histlint fix", () => {
  it("resumes every repaired tool session twice against the strict mock with no 400", async () => {
    // Each recorded session as written (results sent twice), and a call whose result was lost.
    const broken = outcomes.filter((o) => /: as recorded$/.test(o.variant.name) || o.variant.name === "one-tool: the calls' results lost (an interrupted run)");
    const results = await inTurn(broken, 3, (o) => resumedAfterFix(bases[o.variant.base] as Base, o.variant.name, Buffer.from(o.variant.text)));
    results.forEach((result, i) => {
      const name = broken[i]?.variant.name;
      expect(result.statuses.length, name).toBeGreaterThanOrEqual(4);
      expect(result.errors, name).toEqual([]);
    });
    // Every recorded tool session was refused as written (the results sent twice), so every one was repaired.
    expect(results.filter((r) => r.changed).length).toBeGreaterThanOrEqual(3);
  }, 600_000);
});

describe("Gemini CLI 0.61.0 on resume, against histlint's model", () => {
  it("sends what histlint says it sends, for every variant", () => {
    const disagreements = outcomes.filter((o) => !o.agree);
    console.log(`Gemini CLI differential: ${outcomes.length - disagreements.length}/${outcomes.length} variants agree`);
    for (const o of disagreements) console.log(`${o.variant.name}\n  client:   ${JSON.stringify(o.client).slice(0, 1500)}\n  histlint: ${JSON.stringify(o.histlint).slice(0, 1500)}`);
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
    expect(disagreements.map((o) => o.variant.name)).toEqual([]);
  });
});
