// Every example in the README, run as a user follows it, top to bottom: the shell blocks with `histlint`
// on PATH in a folder of histories like the user's, the output shown, the CI workflow, the pre-commit
// hook, the configuration, the mock, the library. (The install commands run in test/package/packed.test.ts.)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/files.js";

const ROOT = process.cwd();

interface Block {
  /** The `##` section and the `###` subsection it stands in. */
  section: string;
  heading: string;
  lang: string;
  text: string;
}

export function readmeBlocks(readme = readFileSync(join(ROOT, "README.md"), "utf8")): Block[] {
  const blocks: Block[] = [];
  let section = "";
  let heading = "";
  const lines = readme.split("\n");
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (line.startsWith("## ")) section = heading = line.slice(3);
    else if (line.startsWith("### ")) heading = line.slice(4);
    const fence = /^```(\w*)$/.exec(line);
    if (!fence) continue;
    const end = lines.indexOf("```", i + 1);
    blocks.push({ section, heading, lang: fence[1] ?? "", text: lines.slice(i + 1, end).join("\n") + "\n" });
    i = end;
  }
  return blocks;
}

/** A folder of histories like the user's, a HOME with Codex sessions, and `histlint` on PATH. */
function userFolder(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir();
  const copy = (from: string, to: string) => {
    mkdirSync(join(dir, to, ".."), { recursive: true });
    cpSync(join(ROOT, from), join(dir, to));
  };
  copy("fixtures/codex/real-killed-mid-tool.jsonl", "session.jsonl");
  copy("fixtures/codex/real-parallel-calls.jsonl", "rollout.jsonl");
  copy("fixtures/chat/request-body.json", "body.json");
  copy("fixtures/codex/real-several-turns.jsonl", "logs/2026/11/rollout-a.jsonl");
  copy("fixtures/claude-code/real-one-tool-call.jsonl", "logs/claude/session-b.jsonl");
  copy("fixtures/codex/real-one-tool-call.jsonl", "sessions/one.jsonl");
  copy("fixtures/codex/real-interrupted-tool.jsonl", "sessions/two.jsonl");
  copy("fixtures/claude-code/real-parallel-calls.jsonl", "sessions/three.jsonl");
  copy("fixtures/codex/real-killed-mid-tool.jsonl", "sessions/four.jsonl");
  copy("fixtures/codex/real-apply-patch.jsonl", "home/.codex/sessions/2026/11/21/rollout-2026-11-21T18-39-31-01a1ff68.jsonl");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "my-agent", private: true }));
  mkdirSync(join(dir, "bin"));
  writeFileSync(join(dir, "bin", "histlint"), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "bin/histlint.js")}" "$@"\n`);
  chmodSync(join(dir, "bin", "histlint"), 0o755);
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "histlint"));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: join(dir, "home"), PATH: `${join(dir, "bin")}:${process.env.PATH}`, NO_COLOR: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
  delete env.FORCE_COLOR;
  return { dir, env };
}

/** The command lines of a shell block: comments and blank lines left out. */
function commands(block: Block): string[] {
  return block.text.split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("#"));
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync("bash", ["-c", command], { cwd, env, encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A command of the README works: it checked something (exit 0, or 1 for problems found), with no usage error. */
function expectWorks(command: string, result: { code: number | null; stdout: string; stderr: string }): void {
  expect({ command, code: result.code, stderr: result.stderr }).toMatchObject({ code: expect.toBeOneOf([0, 1]) });
  expect(result.stderr, command).not.toMatch(/internal error|unknown option|error: (required|missing|option)/);
  expect(result.stdout + result.stderr, command).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

const blocks = readmeBlocks();
const isLongRunning = (command: string) => command.includes("# until Ctrl-C");
/** Blocks another test runs, by where they stand. */
const RUN_ELSEWHERE: Record<string, string> = {
  Install: "test/package/packed.test.ts runs the install commands against the packed tarball",
};

describe("the README", () => {
  it("has its examples where this test looks for them", () => {
    const where = blocks.map((b) => `${b.lang} ${b.heading}`);
    expect(where).toContain("sh 1. Check it: `histlint lint`");
    expect(where).toContain("text 1. Check it: `histlint lint`");
    expect(where).toContain("yaml 6. In CI");
    expect(where).toContain("js The library in ten lines");
    expect(where).toContain("json Configuration");
    expect(blocks.filter((b) => b.section === "Install").map((b) => b.lang)).toEqual(["sh"]);
  });

  it("runs every shell command of the usage, in order, in a folder like the user's, and shows the output it prints", { timeout: 600_000 }, () => {
    const { dir, env } = userFolder();
    const usage = blocks.filter((b) => b.section === "Usage" && b.lang !== "ts");
    let ran = 0;
    for (const block of usage) {
      if (block.lang === "text") {
        // The output shown is the output of the command just before it, on the session as it was.
        expect(sh("histlint lint session.jsonl.orig", dir, env).stdout.replaceAll("session.jsonl.orig", "session.jsonl")).toBe(block.text);
        continue;
      }
      if (block.lang === "json" && block.heading === "Configuration") {
        writeFileSync(join(dir, "histlint.config.json"), block.text);
        continue;
      }
      if (block.lang !== "sh" || block.text.includes("<<'EOF'")) continue; // the hook: its own test below
      for (const command of commands(block)) {
        if (command === "histlint lint session.jsonl") cpSync(join(dir, "session.jsonl"), join(dir, "session.jsonl.orig"));
        if (isLongRunning(command)) continue; // the mock: its own test below
        expectWorks(command, sh(command, dir, env));
        ran += 1;
      }
    }
    expect(ran).toBeGreaterThan(25);
  });

  it("runs the example at the top, and the development commands in the clone", () => {
    const { dir, env } = userFolder();
    const [top] = blocks;
    for (const command of commands(top as Block)) expectWorks(command, sh(command, dir, env));
    const develop = blocks.filter((b) => b.section === "Developing histlint").map((b) => b.text.trim());
    expect(develop).toEqual(["npm install && npx histlint lint fixtures", "npm test"]);
    // `npm install` made this checkout and `npm test` is this suite: what is left is the lint of the fixtures.
    const fixtures = spawnSync(process.execPath, ["bin/histlint.js", "lint", "fixtures"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(fixtures.status).toBe(1);
    expect(fixtures.stdout).toMatch(/^\d+ problems \(\d+ errors, \d+ warnings(, \d+ infos?)?\) in \d+ files/m);
    expect(Object.keys(RUN_ELSEWHERE)).toEqual(["Install"]);
  });

  it("the GitHub Actions workflow lints each shard to SARIF, uploaded under a category of its own", () => {
    const { dir, env } = userFolder();
    const workflow = blocks.find((b) => b.lang === "yaml" && b.heading === "6. In CI")?.text ?? "";
    const run = /- run: (.+)$/m.exec(workflow)?.[1] ?? "";
    expect(workflow).toMatch(/category: histlint-shard-\$\{\{ matrix\.shard \}\}/);
    expect(workflow).toMatch(/matrix: \{ shard: \[1, 2\] \}/);
    const found: string[] = [];
    for (const shard of ["1", "2"]) {
      const command = run.replaceAll("${{ matrix.shard }}", shard).replace("npx --yes histlint", "histlint");
      expect(sh(command, dir, env).code, command).toBe(0);
      const log = JSON.parse(readFileSync(join(dir, "histlint.sarif"), "utf8")) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[] }[] };
      for (const result of log.runs[0]?.results ?? []) found.push(result.locations[0]!.physicalLocation.artifactLocation.uri);
    }
    expect(found.length).toBeGreaterThan(0);
    for (const uri of found) expect(uri).toMatch(/^sessions\//);
    // A usage error fails the step.
    expect(sh(run.replaceAll("${{ matrix.shard }}", "3").replace("npx --yes histlint", "histlint"), dir, env).code).not.toBe(0);
  });

  it("the pre-commit hook refuses a commit of a history with errors and lets a clean one through", () => {
    const { dir, env } = userFolder();
    const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, env: { ...env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" }, encoding: "utf8" });
    git("init", "-q");
    const hook = blocks.find((b) => b.lang === "sh" && b.text.includes("pre-commit"))?.text ?? "";
    expect(sh(hook, dir, env).code).toBe(0);
    writeFileSync(join(dir, "broken.jsonl"), '{"type":"message","role":"user","content":"hi"}\n{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n');
    git("add", "broken.jsonl");
    const refused = git("commit", "-qm", "broken");
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain("broken.jsonl:2:1: error:");
    git("rm", "-q", "--cached", "broken.jsonl");
    git("add", "sessions/one.jsonl");
    expect(git("commit", "-qm", "clean").status).toBe(0);
  });

  it("the mock starts as shown, with the scenario shown, and stops on Ctrl-C", async () => {
    const { dir, env } = userFolder();
    const command = blocks.flatMap(commands).find(isLongRunning) ?? "";
    expect(command).toMatch(/^histlint serve --port 8787 /);
    const scenario = blocks.find((b) => b.lang === "json" && b.heading.includes("histlint serve"))?.text ?? "";
    writeFileSync(join(dir, "scenario.json"), scenario);
    // Port 0 for 8787: another program on this machine may hold 8787.
    const child = spawn("bash", ["-c", `exec ${command.replace("--port 8787", "--port 0").replace(/#.*$/, "")} --scenario scenario.json`], { cwd: dir, env });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (data: Buffer) => {
        out += data.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1] as string);
      });
      child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    const answer = await fetch(`${url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "gpt-5.5", input: "weather in Oslo", tools: [{ type: "function", name: "forecast", parameters: { type: "object", properties: {} } }] }) });
    expect(((await answer.json()) as { output: { type: string; name?: string }[] }).output.some((o) => o.type === "function_call" && o.name === "forecast")).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("the library in ten lines prints what its comments say", () => {
    const { dir } = userFolder();
    const example = blocks.find((b) => b.lang === "js" && b.heading === "The library in ten lines")?.text ?? "";
    expect(example.split("\n").filter((line) => line.trim() !== "").length).toBeLessThanOrEqual(14);
    writeFileSync(join(dir, "example.mjs"), example);
    const out = execFileSync(process.execPath, ["example.mjs"], { cwd: dir, encoding: "utf8" });
    expect(out).toContain('history.jsonl:2:1: error: function_call call_id "call_1" has no output;');
    expect(out).toMatch(/^0 .*\n.*\n\{"type":"function_call_output","call_id":"call_1"/m);
    expect(out).toContain("400 No tool output found for function call call_1.");
  });
});
