// `histlint fix` of a file it streams (above HISTLINT_STREAM_FIX_BYTES) against the same file repaired
// whole: the same file, backup, report and exit code, in place, to -o and to standard output.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { histlint } from "../support/cli.js";

const FIXTURES = ["codex", "claude-code", "gemini-cli"].flatMap((format) =>
  readdirSync(join("fixtures", format))
    .filter((name) => name.endsWith(".jsonl") && !name.endsWith(".fixed.jsonl"))
    .map((name) => join("fixtures", format, name)),
);
const STREAMED = { HISTLINT_STREAM_FIX_BYTES: "0" };
const WHOLE = { HISTLINT_STREAM_FIX_BYTES: String(2 ** 40) };

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** Runs `fix args` on a copy of `fixture` in a folder of its own, as the user would. */
function fixCopy(fixture: string, args: string[], env: Record<string, string>) {
  const folder = mkdtempSync(join(tmpdir(), "histlint-fix-streamed-"));
  folders.push(folder);
  const name = basename(fixture);
  copyFileSync(fixture, join(folder, name));
  const run = histlint(["fix", ...args, name], { env, cwd: folder });
  const read = (file: string) => (existsSync(join(folder, file)) ? readFileSync(join(folder, file), "utf8") : undefined);
  return { run, file: read(name), backup: read(`${name}.bak`), output: read("out.jsonl"), left: readdirSync(folder).filter((entry) => entry.endsWith(".tmp")) };
}

describe("fix of a streamed file", () => {
  it.each(FIXTURES)("repairs %s in place as the repair held whole does", (fixture) => {
    const whole = fixCopy(fixture, ["--unsafe"], WHOLE);
    const streamed = fixCopy(fixture, ["--unsafe"], STREAMED);
    expect(streamed).toEqual(whole);
    expect(streamed.left).toEqual([]);
  });

  it.each(FIXTURES)("shows the diff of %s with --dry-run as the repair held whole does, and touches nothing", (fixture) => {
    const streamed = fixCopy(fixture, ["--dry-run", "--unsafe"], STREAMED);
    expect(streamed).toEqual(fixCopy(fixture, ["--dry-run", "--unsafe"], WHOLE));
    expect(streamed.file).toBe(readFileSync(fixture, "utf8"));
    expect([streamed.backup, streamed.left]).toEqual([undefined, []]);
  });

  it.each(FIXTURES.slice(0, 6))("writes %s to -o and to standard output as the repair held whole does", (fixture) => {
    for (const args of [["-o", "out.jsonl"], ["--stdout"], ["--max-tokens", "50", "--stdout"]]) {
      expect(fixCopy(fixture, args, STREAMED)).toEqual(fixCopy(fixture, args, WHOLE));
    }
  });
});
