// `histlint lint` as a user runs it: the built binary, its output, its exit codes.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir, tempFile } from "../support/files.js";
import { histlint, noStackTrace } from "../support/cli.js";

describe("histlint lint", () => {
  it("exits 0 and says so for clean histories", () => {
    const { code, stdout } = histlint(["lint", "fixtures/codex/real-one-tool-call.jsonl", "fixtures/claude-code/real-*.jsonl"]);
    expect(code).toBe(0);
    expect(stdout).toContain("4 files checked, no problems");
  });

  it("exits 1 and prints file:line:col: message [rule-id] with the line and an underline", () => {
    const { code, stdout } = histlint(["lint", "fixtures/rules/truncated-record.json"]);
    expect(code).toBe(1);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("fixtures/rules/truncated-record.json:2:1: error: the last record is cut short (the writer stopped mid-record); it is not part of the history [truncated-record]");
    expect(lines[1]).toBe('  | {"type":"function_call","call_id":"ca');
    expect(lines[2]).toBe(`  | ^${"~".repeat(36)}`);
    expect(stdout).toContain("1 problem (1 error, 0 warnings) in 1 file");
    expect(stdout).not.toContain("\u001b[");
  });

  it("prints the JSON shape DESIGN.md promises", () => {
    const { code, stdout } = histlint(["lint", "--format", "json", "fixtures/read/multi-record-line.jsonl", "fixtures/chat/request-body.json"]);
    expect(code).toBe(0); // what Codex skips is lost, a warning: the rollout still opens and is accepted
    const results = JSON.parse(stdout) as Record<string, unknown>[];
    expect(results.map((r) => Object.keys(r).sort())).toEqual(Array(2).fill(["errorCount", "filePath", "fixableCount", "inputFormat", "messages", "profile", "warningCount"]));
    expect(results[0]).toMatchObject({ filePath: "fixtures/read/multi-record-line.jsonl", inputFormat: "codex", profile: "codex", errorCount: 0, warningCount: 2 });
    expect(results[1]).toMatchObject({ inputFormat: "chat", profile: "openai-chat", errorCount: 0, messages: [] });
    expect((results[0]?.messages as unknown[])[1]).toEqual({
      ruleId: "multi-record-line",
      severity: "warning",
      message: "lost: record 3 shares line 3 with another record; on resume Codex CLI 0.169.0 skips the whole line, and every record on it, without telling anyone: give each record its own line",
      line: 3,
      column: 183,
      endLine: 3,
      endColumn: 340,
      record: 3,
      fixable: true,
      consequence: "lost",
    });
  });

  it("expands folders recursively and globs, in a stable order", () => {
    const glob = histlint(["lint", "--format", "json", "fixtures/{chat,anthropic}/re?*.json"]);
    expect((JSON.parse(glob.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual([
      "fixtures/anthropic/real-claude-code-request.json",
      "fixtures/anthropic/request-body.json",
      "fixtures/chat/real-openai-sdk-request.json",
      "fixtures/chat/request-body.json",
    ]);
    const folder = histlint(["lint", "--format", "json", "fixtures/responses"]);
    expect((JSON.parse(folder.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual([
      "fixtures/responses/bare-input-array.json",
      "fixtures/responses/one-item-a-line.jsonl",
      "fixtures/responses/real-codex-request.json",
      "fixtures/responses/request-body.json",
    ]);
  });

  it("reads stdin for -", () => {
    const body = JSON.stringify({ model: "gpt-5.5", input: [{ role: "user", content: "hi" }] });
    const { code, stdout } = histlint(["lint", "-", "--input-format", "responses", "--format", "json"], { input: body });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject([{ filePath: "<stdin>", inputFormat: "responses" }]);
  });

  it("exits 2 with one line for a path that does not exist, or a dangling link", () => {
    const dir = tempDir();
    symlinkSync(join(dir, "nowhere.jsonl"), join(dir, "dangling.jsonl"));
    for (const path of ["no/such/file.jsonl", join(dir, "dangling.jsonl")]) {
      const { code, stdout, stderr } = histlint(["lint", path]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toBe(`histlint: ${path}: no such file\n`);
    }
  });

  it("exits 2 for a folder with no histories and for a glob that matches nothing", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "empty"));
    writeFileSync(join(dir, "empty", "notes.txt"), "not a history");
    expect(histlint(["lint", join(dir, "empty")])).toMatchObject({ code: 2, stderr: `histlint: ${join(dir, "empty")}: no *.jsonl or *.json files in this folder\n` });
    expect(histlint(["lint", "fixtures/*.nothing"])).toMatchObject({ code: 2, stderr: "histlint: fixtures/*.nothing: no file matches this pattern\n" });
  });

  it("exits 2 for a file that is not text, naming it with line and column", () => {
    const path = tempFile("binary.jsonl", Buffer.from([0x7b, 0x22, 0x00, 0xff, 0x0a]));
    const { code, stdout, stderr } = histlint(["lint", path]);
    expect(code).toBe(2);
    expect(stdout).toContain(`${path}:1:1: error: not a text file: byte 2 is NUL; give a JSON or JSONL history [not-text]`);
    noStackTrace(stdout + stderr);
  });

  it("exits 2 when the format cannot be told, and --input-format settles it", () => {
    const path = tempFile("odd.jsonl", '{"hello":"world"}\n');
    expect(histlint(["lint", path]).code).toBe(2);
    expect(histlint(["lint", path]).stdout).toContain("[unknown-format]");
  });

  it("exits 2 for a bad option value, with the choices", () => {
    const { code, stderr } = histlint(["lint", "--input-format", "yaml", "fixtures/chat"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Allowed choices are auto, codex, claude-code, responses, chat, anthropic");
  });

  it("says an empty rollout is one Codex will not open, and an empty request body is a warning", () => {
    const rollout = histlint(["lint", "--input-format", "codex", tempFile("empty.jsonl", "")]);
    expect(rollout.code).toBe(1);
    expect(rollout.stdout).toContain('error: won\'t open: the file is empty: there is no history to check; Codex CLI 0.169.0 refuses to resume the file ("rollout at <path> is empty") [empty-file]');
    const body = histlint(["lint", "--input-format", "chat", tempFile("empty.json", "")]);
    expect(body.code).toBe(0);
    expect(body.stdout).toContain("1 problem (0 errors, 1 warning) in 1 file");
  });

  it("--quiet leaves warnings out", () => {
    const { stdout } = histlint(["lint", "--quiet", "--input-format", "chat", tempFile("empty.json", "")]);
    expect(stdout).not.toContain("empty-file");
  });

  it("explains itself in --help", () => {
    const { code, stdout } = histlint(["lint", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage or I/O error");
    expect(stdout).toContain("--input-format <format>");
  });
});
