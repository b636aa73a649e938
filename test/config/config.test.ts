// histlint.config.json: found upward, applied, and refused with file, line and column when wrong.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/files.js";

const bin = resolve("bin/histlint.js");
const broken = readBroken();

function readBroken(): string {
  return '{"type":"message","role":"user","content":"hi"}\n{"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"}\n';
}

function run(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function project(config: string | undefined): string {
  const dir = tempDir();
  mkdirSync(join(dir, "sessions", "old"), { recursive: true });
  writeFileSync(join(dir, "sessions", "a.jsonl"), broken);
  writeFileSync(join(dir, "sessions", "old", "b.jsonl"), broken);
  if (config !== undefined) writeFileSync(join(dir, "histlint.config.json"), config);
  return dir;
}

describe("histlint.config.json", () => {
  it("is found upward from the working directory and its rules and ignore globs apply", () => {
    const dir = project(JSON.stringify({ rules: { "tool-call-without-output": "warn" }, ignore: ["sessions/old/**"] }));
    const { code, stdout } = run(join(dir, "sessions"), ["lint", "--format", "json", "."]);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as { filePath: string; warningCount: number; errorCount: number }[];
    expect(results.map((r) => r.filePath)).toEqual(["a.jsonl"]);
    expect(results[0]).toMatchObject({ warningCount: 1, errorCount: 0 });
  });

  it("gives way to --rule on the command line", () => {
    const dir = project(JSON.stringify({ rules: { "tool-call-without-output": "warn" } }));
    expect(run(dir, ["lint", "sessions/a.jsonl", "--rule", "tool-call-without-output=error"]).code).toBe(1);
    expect(run(dir, ["lint", "sessions/a.jsonl", "--rule", "tool-call-without-output=off"]).stdout).toContain("no problems");
  });

  it("refuses an unknown key, naming the file, line and column", () => {
    const dir = project('{\n  "profile": "codex",\n  "rulez": {}\n}\n');
    const { code, stderr } = run(dir, ["lint", "sessions"]);
    expect(code).toBe(2);
    expect(stderr).toBe(`histlint: ${join(dir, "histlint.config.json")}:3:3: unknown key "rulez"; the keys are profile, inputFormat, rules, ignore and overrides\n`);
  });

  it("refuses an unknown rule id with the closest one", () => {
    const dir = project('{ "rules": {\n    "tool-call-without-outputs": "off" } }');
    const { code, stderr } = run(dir, ["lint", "sessions"]);
    expect(code).toBe(2);
    expect(stderr).toContain('histlint.config.json:2:5: unknown rule "tool-call-without-outputs" (did you mean "tool-call-without-output"?)');
  });

  it("refuses a bad level, a bad profile and invalid JSON, each with its place", () => {
    expect(run(project('{"rules":{"empty-file":"loud"}}'), ["lint", "sessions"]).stderr).toMatch(/histlint\.config\.json:1:\d+: rules\.empty-file: /);
    expect(run(project('{"profile":"bedrock"}'), ["lint", "sessions"]).stderr).toMatch(/histlint\.config\.json:1:2: profile: /);
    expect(run(project('{"profile": }'), ["lint", "sessions"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/histlint\.config\.json:1:13: the configuration is not valid JSON: unexpected token/i) });
  });

  it("takes --config and says so when the file is missing", () => {
    const dir = project(undefined);
    writeFileSync(join(dir, "strict.json"), JSON.stringify({ profile: "openai-chat" }));
    expect(JSON.parse(run(dir, ["lint", "--config", "strict.json", "--format", "json", "sessions/a.jsonl"]).stdout)[0].profile).toBe("openai-chat");
    expect(run(dir, ["lint", "--config", "nope.json", "sessions"])).toMatchObject({ code: 2, stderr: "histlint: nope.json: cannot read the configuration: no such file\n" });
  });
});

describe("histlint.config.json, as people write it", () => {
  it("a trailing comma is reported in JSON's words where it stands, not at 1:1", () => {
    const { code, stderr } = run(project('{\n  "rules": {\n    "empty-file": "off",\n  }\n}\n'), ["lint", "sessions"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/histlint\.config\.json:4:3: the configuration is not valid JSON: a comma after the last entry \(JSON allows none\)\n$/);
  });

  it("an empty file is an empty configuration", () => {
    const { code, stdout, stderr } = run(project(""), ["lint", "sessions"]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout).toContain("[tool-call-without-output]");
  });

  it("sets a profile per format, and per glob with overrides", () => {
    const dir = project(JSON.stringify({ profile: { responses: "openai-chat" }, overrides: [{ files: ["sessions/old/**"], profile: "anthropic", rules: { "tool-call-without-output": "warn" } }] }));
    writeFileSync(join(dir, "sessions", "body.json"), JSON.stringify({ model: "gpt-5.5", messages: [{ role: "user", content: "hi" }] }));
    const results = JSON.parse(run(dir, ["lint", "--format", "json", "sessions"]).stdout) as { filePath: string; profile: string; errorCount: number; warningCount: number }[];
    expect(results.map((r) => [r.filePath, r.profile])).toEqual([
      ["sessions/a.jsonl", "openai-chat"],
      ["sessions/body.json", "openai-chat"],
      ["sessions/old/b.jsonl", "anthropic"],
    ]);
    expect(results[2]).toMatchObject({ errorCount: 0, warningCount: 1 });
    // The command line wins over the configuration.
    expect((JSON.parse(run(dir, ["lint", "--format", "json", "--profile", "openai-responses", "sessions/old"]).stdout) as { profile: string }[])[0]?.profile).toBe("openai-responses");
  });

  it("refuses an unknown key inside an override with its place", () => {
    const { stderr } = run(project('{"overrides": [{"files": ["x"], "profiles": "codex"}]}'), ["lint", "sessions"]);
    expect(stderr).toMatch(/histlint\.config\.json:1:\d+: unknown key "profiles" in overrides; an override has files, profile, inputFormat and rules\n$/);
  });
});
