// The write protocol with a streamed repair: the repair is a temporary beside the file and the original
// is known by its digest, with the guarantees of the repair held whole (fix/command.test.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ChangedOnDisk, placeWhole, replaceFile, snapshotOf } from "../../src/engine/index.js";
import { temporaryPath } from "../../src/engine/temporary-files.js";

const ORIGINAL = '{"a":1}\n{"b":2}\n';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A file, its snapshot, and a streamed repair's temporary beside it. */
function setUp() {
  const folder = mkdtempSync(join(tmpdir(), "histlint-streamed-write-"));
  folders.push(folder);
  const path = join(folder, "rollout.jsonl");
  writeFileSync(path, ORIGINAL);
  const snapshot = snapshotOf(path);
  const temporary = temporaryPath(path);
  writeFileSync(temporary, "repaired\n");
  return { folder, path, snapshot, repaired: { path: temporary, size: 9, temporary: true } };
}

const temporariesIn = (folder: string) => readdirSync(folder).filter((name) => name.endsWith(".tmp"));

describe("a streamed repair written in place", () => {
  it("replaces the file, keeps the backup, and leaves no temporary", () => {
    const { folder, path, snapshot, repaired } = setUp();
    replaceFile(path, repaired, snapshot, { backup: true, appendable: true });
    expect(readFileSync(path, "utf8")).toBe("repaired\n");
    expect(readFileSync(`${path}.bak`, "utf8")).toBe(ORIGINAL);
    expect(temporariesIn(folder)).toEqual([]);
  });

  it("keeps what was appended since the digest was taken, after the repair and in the backup", () => {
    const { path, snapshot, repaired } = setUp();
    writeFileSync(path, `${ORIGINAL}{"c":3}\n`);
    const outcome = replaceFile(path, repaired, snapshot, { backup: true, appendable: true });
    expect(outcome.appendedMeanwhile).toBe(8);
    expect(readFileSync(path, "utf8")).toBe('repaired\n{"c":3}\n');
    expect(readFileSync(`${path}.bak`, "utf8")).toBe(`${ORIGINAL}{"c":3}\n`);
  });

  it("writes nothing, and removes the repair, when the file changed other than at its end", () => {
    const { folder, path, snapshot, repaired } = setUp();
    writeFileSync(path, '{"a":9}\n{"b":2}\n');
    expect(() => replaceFile(path, repaired, snapshot, { backup: true, appendable: true })).toThrow(ChangedOnDisk);
    expect(readFileSync(path, "utf8")).toBe('{"a":9}\n{"b":2}\n');
    expect(existsSync(`${path}.bak`)).toBe(false);
    expect(temporariesIn(folder)).toEqual([]);
  });
});

describe("a streamed repair written to -o", () => {
  it("is renamed into place, and a repair that changed nothing is the original copied", () => {
    const { folder, path, repaired } = setUp();
    const out = join(folder, "out.jsonl");
    placeWhole(out, { ...repaired, path: repaired.path });
    expect(readFileSync(out, "utf8")).toBe("repaired\n");
    placeWhole(out, { path, size: ORIGINAL.length, temporary: false });
    expect(readFileSync(out, "utf8")).toBe(ORIGINAL);
    expect(temporariesIn(folder)).toEqual([]);
  });
});
