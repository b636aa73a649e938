// What a CI job reaches for (issue 13): JSON Lines that concatenate across shards, --print-config, --cache,
// and SARIF that GitHub code scanning places in the repository.
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { formatResults, lintFile } from "../../src/index.js";
import { histlint } from "../support/cli.js";
import { tempDir } from "../support/files.js";

describe("--format jsonl", () => {
  it("prints one result a line, so the reports of shards concatenate into the whole run's", () => {
    const whole = histlint(["lint", "fixtures/responses", "--format", "json"]);
    const shards = [1, 2].map((i) => histlint(["lint", "fixtures/responses", "--format", "jsonl", "--shard", `${i}/2`]).stdout).join("");
    const lines = shards.trimEnd().split("\n").map((line) => JSON.parse(line) as { filePath: string });
    expect(lines.sort((a, b) => a.filePath.localeCompare(b.filePath))).toEqual(JSON.parse(whole.stdout));
  });
});

describe("--print-config", () => {
  it("prints the settings one file gets: configuration, format, profile, each rule's level", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "histlint.config.json"), JSON.stringify({ rules: { "tool-call-without-output": "warn" } }));
    writeFileSync(join(dir, "a.jsonl"), readFileSync("fixtures/responses/one-item-a-line.jsonl"));
    const { code, stdout } = histlint(["lint", "--print-config", "a.jsonl", "--rule", "empty-file=off"], { cwd: dir });
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { configFile: string; inputFormat: string; profile: string; rules: Record<string, string> };
    expect(printed).toMatchObject({ file: "a.jsonl", configFile: "histlint.config.json", ignoredBy: null, inputFormat: "responses", profile: "openai-responses" });
    expect(printed.rules).toMatchObject({ "tool-call-without-output": "warning", "empty-file": "off", "tool-output-without-call": "error" });
    expect(histlint(["lint", "--print-config", "nope.jsonl"], { cwd: dir })).toMatchObject({ code: 2, stdout: "", stderr: "histlint: --print-config nope.jsonl: no such file\n" });
  });
});

describe("--cache", () => {
  it("keeps results keyed by content: an unchanged file is not linted again, a changed one is", () => {
    const dir = tempDir();
    const file = join(dir, "a.jsonl");
    writeFileSync(file, readFileSync("fixtures/codex/real-killed-mid-tool.jsonl"));
    const first = histlint(["lint", "--cache", "--debug", "a.jsonl"], { cwd: dir });
    expect(existsSync(join(dir, ".histlintcache"))).toBe(true);
    expect(first.stderr).toContain("cache .histlintcache: 0 of 1 file(s) unchanged");
    const second = histlint(["lint", "--cache", "--debug", "a.jsonl"], { cwd: dir });
    expect(second.stderr).toContain("cache .histlintcache: 1 of 1 file(s) unchanged");
    expect(second.stdout).toBe(first.stdout);
    // A new mtime with the same bytes is still a hit; other bytes are not.
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(histlint(["lint", "--cache", "--debug", "a.jsonl"], { cwd: dir }).stderr).toContain("1 of 1 file(s) unchanged");
    writeFileSync(file, readFileSync("fixtures/codex/real-one-tool-call.jsonl"));
    const changed = histlint(["lint", "--cache", "--debug", "a.jsonl"], { cwd: dir });
    expect(changed.stderr).toContain("0 of 1 file(s) unchanged");
    expect(changed.stdout).toBe("1 file checked, no problems\n");
    // Other settings are another key.
    expect(histlint(["lint", "--cache", "--debug", "--profile", "openai-chat", "a.jsonl"], { cwd: dir }).stderr).toContain("0 of 1 file(s) unchanged");
    expect(histlint(["lint", "--cache-location", "ci.cache", "a.jsonl"], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, "ci.cache"))).toBe(true);
    rmSync(join(dir, ".histlintcache"));
    expect(histlint(["lint", "--cache", "--debug", "a.jsonl"], { cwd: dir }).stderr).toContain("0 of 1 file(s) unchanged");
  });
});

describe("sarif locations", () => {
  it("are relative to the base folder with uriBaseId, percent-encoded; a file outside is a file: URL", () => {
    const result = lintFile("fixtures/codex/real-killed-mid-tool.jsonl");
    const outside = { ...result, filePath: "/elsewhere/my sessions/a#1.jsonl" };
    const inside = { ...result, filePath: join(process.cwd(), "fixtures", "my session #1.jsonl") };
    const log = JSON.parse(formatResults("sarif", [result, inside, outside])) as {
      runs: { originalUriBaseIds: Record<string, { uri: string }>; results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[];
    };
    const [run] = log.runs;
    expect(run?.originalUriBaseIds["%SRCROOT%"]?.uri).toBe(`${pathToFileURL(process.cwd()).href}/`);
    expect(run?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation)).toEqual([
      { uri: "fixtures/codex/real-killed-mid-tool.jsonl", uriBaseId: "%SRCROOT%" },
      { uri: "fixtures/my%20session%20%231.jsonl", uriBaseId: "%SRCROOT%" },
      { uri: "file:///elsewhere/my%20sessions/a%231.jsonl" },
    ]);
  });
});
