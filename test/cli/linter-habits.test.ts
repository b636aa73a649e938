// Where histlint behaves as ESLint, markdownlint-cli2, actionlint and Biome users expect (issue 13):
// severities in words, colour switches, folder walks that pass over other tools' files, ignore files.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { colorLevel } from "../../src/cli/color.js";
import { formatResults, lintFile } from "../../src/index.js";
import { histlint } from "../support/cli.js";
import { tempDir } from "../support/files.js";

const ANSI = "\u001b[";
const killed = "fixtures/codex/real-killed-mid-tool.jsonl";
const brokenResponses = '{"type":"message","role":"user","content":"hi"}\n{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n';

describe("severity without colour", () => {
  it("prints error, warning or info on every line, and counts infos", () => {
    const { stdout } = histlint(["lint", killed, "fixtures/rules/truncated-record.json"]);
    expect(stdout).toMatch(/^fixtures\/codex\/real-killed-mid-tool\.jsonl:10:1: warning: lost: /m);
    expect(stdout).toMatch(/^fixtures\/rules\/truncated-record\.json:2:1: error: the last record/m);
    const info = histlint(["lint", killed, "--rule", "tool-call-without-output=info"]);
    expect(info.stdout).toMatch(/^fixtures\/codex\/real-killed-mid-tool\.jsonl:10:1: info: lost: /m);
    expect(info.stdout).toContain("1 problem (0 errors, 0 warnings, 1 info) in 1 file");
    expect(info.code).toBe(0);
  });

  it("--quiet counts only what it shows", () => {
    const { stdout } = histlint(["lint", "--quiet", killed]);
    expect(stdout).toBe("1 file checked, no problems\n");
    const result = lintFile(killed);
    expect(formatResults("stylish", [result])).toContain("1 fixable with `histlint fix`");
  });

  it("formatResults(\"stylish\") needs no SARIF options, and no colour unless asked", () => {
    const text = formatResults("stylish", [lintFile(killed)]);
    expect(text).toContain("warning: lost:");
    expect(text).not.toContain(ANSI);
  });
});

describe("colour", () => {
  it("follows --color/--no-color, then FORCE_COLOR, then NO_COLOR, then the terminal", () => {
    expect(colorLevel({ flag: undefined, env: {}, isTty: true })).toBe(1);
    expect(colorLevel({ flag: undefined, env: {}, isTty: false })).toBe(0);
    expect(colorLevel({ flag: undefined, env: { FORCE_COLOR: "1" }, isTty: false })).toBe(1);
    expect(colorLevel({ flag: undefined, env: { FORCE_COLOR: "3" }, isTty: false })).toBe(3);
    expect(colorLevel({ flag: undefined, env: { FORCE_COLOR: "0" }, isTty: true })).toBe(0);
    expect(colorLevel({ flag: undefined, env: { FORCE_COLOR: "false" }, isTty: true })).toBe(0);
    expect(colorLevel({ flag: undefined, env: { NO_COLOR: "1" }, isTty: true })).toBe(0);
    expect(colorLevel({ flag: undefined, env: { NO_COLOR: "" }, isTty: true })).toBe(1);
    expect(colorLevel({ flag: true, env: { NO_COLOR: "1" }, isTty: false })).toBe(1);
    expect(colorLevel({ flag: false, env: { FORCE_COLOR: "1" }, isTty: true })).toBe(0);
  });

  it("FORCE_COLOR=1 and --color colour a piped report of lint, fix and replay; --no-color wins", () => {
    expect(histlint(["lint", killed], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } }).stdout).toContain(ANSI);
    expect(histlint(["lint", killed, "--color"]).stdout).toContain(ANSI);
    expect(histlint(["lint", killed, "--no-color"], { env: { FORCE_COLOR: "1" } }).stdout).not.toContain(ANSI);
    expect(histlint(["fix", "--dry-run", killed], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } }).stdout).toContain(ANSI);
    expect(histlint(["replay", "--only", "last", "fixtures/codex/real-one-tool-call.jsonl"], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } }).stdout).toContain(ANSI);
  });

  it("on a terminal, FORCE_COLOR=0 and NO_COLOR turn colour off for lint and replay", () => {
    const onTty = (command: string, env: Record<string, string>) => {
      const result = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, ...env, NO_COLOR: env.NO_COLOR ?? "", FORCE_COLOR: env.FORCE_COLOR ?? "" } });
      return result.stdout;
    };
    const bin = `${process.execPath} ${join(process.cwd(), "bin/histlint.js")}`;
    expect(onTty(`env -u FORCE_COLOR -u NO_COLOR ${bin} lint ${killed}`, {})).toContain(ANSI);
    expect(onTty(`env -u NO_COLOR FORCE_COLOR=0 ${bin} lint ${killed}`, {})).not.toContain(ANSI);
    expect(onTty(`env -u FORCE_COLOR NO_COLOR=1 ${bin} replay --only last fixtures/codex/real-one-tool-call.jsonl`, {})).not.toContain(ANSI);
    expect(onTty(`env -u FORCE_COLOR -u NO_COLOR ${bin} replay --only last fixtures/codex/real-one-tool-call.jsonl`, {})).toContain(ANSI);
  });
});

/** A project as `histlint lint` finds it: the tools' JSON files, gen's sidecars, and one history. */
function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", version: "1.0.0" }));
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify({ name: "app", lockfileVersion: 3 }));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true } }));
  mkdirSync(join(dir, "gen"));
  writeFileSync(join(dir, "gen", "codex-codex-0001.expected.json"), JSON.stringify({ fault: "drop-output", rule: "tool-call-without-output" }));
  writeFileSync(join(dir, "gen", "notes.json"), JSON.stringify({ hello: "world" }));
  mkdirSync(join(dir, "sessions"));
  writeFileSync(join(dir, "sessions", "a.jsonl"), brokenResponses);
  return dir;
}

describe("folder walks", () => {
  it("pass over what is plainly not a history, say how many, and name each with --debug", () => {
    const dir = project();
    const { code, stdout, stderr } = histlint(["lint", "--format", "json"], { cwd: dir });
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["sessions/a.jsonl"]);
    expect(stderr).toMatch(/^histlint: skipped 5 files in folders that are not histories \(/m);
    const debug = histlint(["lint", "--debug"], { cwd: dir });
    expect(debug.stderr).toContain("histlint: debug: package.json: skipped, the file of another tool (not a history)");
    expect(debug.stderr).toContain("histlint: debug: gen/codex-codex-0001.expected.json: skipped");
    expect(debug.stderr).toContain("histlint: debug: gen/notes.json: skipped, no history format recognises it");
  });

  it("keep a path named on the command line strict", () => {
    const dir = project();
    const { code, stdout } = histlint(["lint", "package.json", "gen/notes.json"], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toMatch(/^package\.json:1:1: error: cannot tell which history format/m);
    expect(stdout).toMatch(/^gen\/notes\.json:1:1: error: cannot tell/m);
  });

  it("say a folder holds no history when it holds only other tools' files", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "package.json"), "{}");
    expect(histlint(["lint", "."], { cwd: dir })).toMatchObject({ code: 2, stderr: "histlint: .: no histories in this folder (1 JSON file(s) of other tools: package.json)\n" });
  });
});

describe("ignore files", () => {
  it(".histlintignore leaves files out, ! takes one back, --no-ignore checks them all", () => {
    const dir = project();
    mkdirSync(join(dir, "sessions", "old"));
    writeFileSync(join(dir, "sessions", "old", "b.jsonl"), brokenResponses);
    writeFileSync(join(dir, "sessions", "old", "keep.jsonl"), brokenResponses);
    writeFileSync(join(dir, ".histlintignore"), "# archived sessions\nold/\n!sessions/old/keep.jsonl\n");
    const files = (args: string[]) => (JSON.parse(histlint(["lint", "--format", "json", ...args], { cwd: dir }).stdout) as { filePath: string }[]).map((r) => r.filePath);
    expect(files(["sessions"])).toEqual(["sessions/a.jsonl", "sessions/old/keep.jsonl"]);
    expect(files(["sessions", "--no-ignore"])).toEqual(["sessions/a.jsonl", "sessions/old/b.jsonl", "sessions/old/keep.jsonl"]);
  });

  it("say so when a file named on the command line is ignored", () => {
    const dir = project();
    writeFileSync(join(dir, ".histlintignore"), "sessions/\n");
    const { code, stdout, stderr } = histlint(["lint", "sessions/a.jsonl"], { cwd: dir });
    expect(stderr).toContain('histlint: sessions/a.jsonl: ignored by .histlintignore:1 "sessions/"; --no-ignore checks it\n');
    expect(stdout).not.toContain("no problems");
    expect(code).toBe(0);
    expect(histlint(["lint", "sessions/a.jsonl", "--no-ignore"], { cwd: dir }).code).toBe(1);
  });
});
