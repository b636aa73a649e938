// `histlint show` and `lint --format html` as a user runs them: the page written, its path printed, bad input refused clearly.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CommandIo } from "../../src/cli/io.js";
import { histlint, noStackTrace } from "../support/cli.js";
import { fixtureFiles } from "./fixture-list.js";

const folder = mkdtempSync(join(tmpdir(), "histlint-show-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the CLI in this process with `cwd` as its current folder. */
async function run(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const io: CommandIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdin: () => Buffer.alloc(0), isTty: false, cwd, version: "0.0.0-test" };
  const code = await main(["node", "histlint", ...args], io);
  return { code, stdout, stderr };
}

/** Nothing on the page can reach the network: no external source, stylesheet or script, and a policy that forbids fetching. */
function selfContained(page: string): void {
  expect(page.startsWith("<!doctype html>")).toBe(true);
  expect(page).toContain(`content="default-src 'none';`);
  expect(page).not.toMatch(/<(script|img|iframe)[^>]+src=|<link[^>]+href=|@import|url\(/i);
}

describe("histlint show", () => {
  it("writes the page where -o says and prints its path", () => {
    const output = join(folder, "killed.html");
    const result = histlint(["show", "fixtures/codex/real-killed-mid-tool.jsonl", "-o", output, "--fix"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${output}\n`);
    const page = readFileSync(output, "utf8");
    selfContained(page);
    expect(page).toContain("histlint fix would make 1 repair: tool-call-without-output (line 10)");
  });

  it.each(fixtureFiles())("writes the page of %s to the current folder by default", async (fixture) => {
    const { code, stdout } = await run(["show", resolve(fixture)], folder);
    expect(code).toBe(0);
    const name = fixture.split("/").pop()?.replace(/\.(jsonl|json)$/, "") as string;
    expect(stdout).toBe(`${join(folder, `${name}.histlint.html`)}\n`);
    const page = readFileSync(join(folder, `${name}.histlint.html`), "utf8");
    selfContained(page);
    expect(page).toContain('<section class="session" id="s0"');
  });

  it("reads standard input with -", () => {
    const output = join(folder, "stdin.html");
    const result = histlint(["show", "-", "-o", output], { input: readFileSync("fixtures/codex/real-one-tool-call.jsonl", "utf8") });
    expect(result.code).toBe(0);
    expect(readFileSync(output, "utf8")).toContain("histlint show: &lt;stdin&gt;");
  });

  it("says which line of a file that is not a history is wrong, exit 2, no stack trace", () => {
    const binary = join(folder, "binary.jsonl");
    writeFileSync(binary, Buffer.from([0x7b, 0x00, 0x7d]));
    const result = histlint(["show", binary]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${binary}:1:1: not a text file: byte 1 is NUL; give a JSON or JSONL history [not-text]\n`);
    noStackTrace(result.stderr);
  });

  it("refuses a missing file and --unsafe without --fix, exit 2", () => {
    const missing = histlint(["show", join(folder, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`histlint: ${join(folder, "nope.jsonl")}: cannot read the file: no such file\n`);
    const unsafe = histlint(["show", "fixtures/codex/real-one-tool-call.jsonl", "--unsafe"]);
    expect(unsafe.code).toBe(2);
    expect(unsafe.stderr).toContain("--unsafe goes with --fix");
    noStackTrace(missing.stderr + unsafe.stderr);
  });
});

describe("lint --format html", () => {
  it("writes one page with a section for every file linted", () => {
    const output = join(folder, "all.html");
    const result = histlint(["lint", "fixtures", "--format", "html", "-o", output]);
    expect(result.code).toBe(1); // the broken fixtures have errors
    const page = readFileSync(output, "utf8");
    selfContained(page);
    const files = fixtureFiles().length;
    expect(page.match(/<section class="session"/g)).toHaveLength(files);
    expect(page).toContain(`histlint: ${files} files`);
  });
});
