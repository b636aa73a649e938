// What `fix` guarantees on disk: after a kill -9 the original or the whole repair, no temporaries once
// the next run has started, nothing of a concurrent writer lost, links and owners kept.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, chmodSync, existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixBytes } from "../../src/index.js";
import { histlint } from "../support/cli.js";
import { tempDir } from "../support/files.js";

const BIN = join(process.cwd(), "bin/histlint.js");
const KILL_TRIALS = Number(process.env.HISTLINT_KILL_TRIALS ?? 20);

/** A Codex rollout whose calls lack outputs: fix rewrites much of it, so the write takes a while. */
function rolloutNeedingRepair(calls: number): Buffer {
  const lines = [JSON.stringify({ timestamp: "2026-11-01T00:00:00.000Z", type: "session_meta", payload: { id: "s", timestamp: "2026-11-01T00:00:00.000Z", cwd: "/w", originator: "codex_cli_rs", cli_version: "0.169.0" } })];
  for (let i = 1; i <= calls; i += 1) {
    const call = { timestamp: "2026-11-01T00:00:01.000Z", type: "response_item", payload: { type: "function_call", name: "ls", arguments: "{}", call_id: `call_${i}`, padding: "x".repeat(300) } };
    lines.push(JSON.stringify(call));
  }
  return Buffer.from(lines.join("\n") + "\n");
}

const temporaries = (dir: string) => readdirSync(dir).filter((name) => name.includes(".histlint-") && name.endsWith(".tmp"));

/** Each guarantee holds for both repairs: the file held whole, and the file streamed in passes (over 64 MB; here every file). */
const REPAIRS = [
  { repair: "held whole", env: { HISTLINT_STREAM_FIX_BYTES: String(2 ** 40) } },
  { repair: "streamed", env: { HISTLINT_STREAM_FIX_BYTES: "0" } },
];

function run(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env, NO_COLOR: "1" } });
}

async function finished(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  child.stdout?.resume();
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  return { code, stderr };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(REPAIRS)("fix killed with -9, the file $repair", ({ env }) => {
  it(`leaves the original or the whole repair, and the next run removes what the killed one left (${KILL_TRIALS} trials)`, async () => {
    const original = rolloutNeedingRepair(6_000);
    const repaired = fixBytes("r.jsonl", original).output;
    expect(repaired.equals(original)).toBe(false);
    // How long a whole run takes here, so the kills spread over all of it: reading, repairing, writing.
    const dir = tempDir();
    const timed = join(dir, "timed.jsonl");
    writeFileSync(timed, original);
    const started = Date.now();
    expect((await finished(run(["fix", timed], env))).code).toBe(0);
    const whole = Date.now() - started;
    let leftTemporaries = 0;
    for (let trial = 0; trial < KILL_TRIALS; trial += 1) {
      const path = join(dir, `r${trial}.jsonl`);
      writeFileSync(path, original);
      const child = run(["fix", path], env);
      const exited = finished(child);
      // Most of a run is start-up and analysis: half the kills go to its second half, where it writes.
      await sleep(Math.floor(whole * (trial % 2 === 0 ? Math.random() * 1.1 : 0.5 + Math.random() * 0.6)));
      child.kill("SIGKILL");
      await exited;
      const now = readFileSync(path);
      expect(now.equals(original) || now.equals(repaired), `trial ${trial}: the file is neither the original nor the repair`).toBe(true);
      if (existsSync(`${path}.bak`)) expect(readFileSync(`${path}.bak`).equals(original), `trial ${trial}: a partial backup`).toBe(true);
      leftTemporaries += temporaries(dir).length;
      // The next run cleans up after the killed one before it does anything else.
      const next = histlint(["fix", path], { env });
      expect(next.code).toBe(0);
      expect(readFileSync(path).equals(repaired)).toBe(true);
      expect(temporaries(dir)).toEqual([]);
    }
    console.log(`kill -9 trials: ${KILL_TRIALS}, of which ${leftTemporaries} left a temporary that the next run removed`);
  }, 600_000);
});

describe.each(REPAIRS)("fix beside a writer, the file $repair", ({ env }) => {
  it("never loses a line the client appends while fix runs: it keeps it after the repair, or refuses, and says which", async () => {
    const outcomes: string[] = [];
    for (let trial = 0; trial < 5; trial += 1) {
      const dir = tempDir();
      const path = join(dir, "session.jsonl");
      writeFileSync(path, rolloutNeedingRepair(3_000));
      // The client appends a record every millisecond or so, opening the file by path each time.
      const appender = spawn(process.execPath, ["-e", `const fs=require("fs");let i=0;const t=setInterval(()=>{fs.appendFileSync(${JSON.stringify(path)},JSON.stringify({timestamp:"2026-11-01T00:00:02.000Z",type:"event_msg",payload:{type:"agent_message",message:"line "+i++}})+"\\n")},1);setTimeout(()=>{clearInterval(t);console.log(i)},4000)`], { stdio: ["ignore", "pipe", "inherit"] });
      let count = "";
      appender.stdout?.on("data", (chunk) => (count += chunk));
      const appenderDone = new Promise((resolve) => appender.on("exit", resolve));
      await sleep(100 + trial * 150);
      const fix = await finished(run(["fix", path], env));
      await appenderDone;
      const text = readFileSync(path, "utf8");
      for (let i = 0; i < Number(count); i += 1) expect(text, `trial ${trial}: line ${i} of the writer is lost`).toContain(`"message":"line ${i}"`);
      if (fix.code === 0) expect(text).toContain('"call_id":"call_3000","output":"aborted"');
      expect([0, 2], fix.stderr).toContain(fix.code);
      if (fix.code === 2) expect(fix.stderr).toMatch(/nothing was written|has the file open for writing/);
      else expect(fix.stderr).toMatch(/repaired \d+/);
      outcomes.push(fix.code === 2 ? "refused" : /bytes appended while fix ran are kept/.test(fix.stderr) ? "kept the appends" : "repaired");
    }
    console.log(`fix beside an appending writer: ${outcomes.join(", ")}`);
  }, 120_000);

  it("refuses while another process holds the file open for writing, names it, and writes with --force", async () => {
    const dir = tempDir();
    const path = join(dir, "session.jsonl");
    const original = rolloutNeedingRepair(3);
    writeFileSync(path, original);
    const holder = spawn(process.execPath, ["-e", `require("fs").openSync(${JSON.stringify(path)},"a");console.log("open");setTimeout(()=>{},60000)`], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((resolve) => holder.stdout?.once("data", resolve));
    try {
      const refused = histlint(["fix", path], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`node (pid ${holder.pid}) has the file open for writing`);
      expect(refused.stderr).toContain("Nothing was written");
      expect(readFileSync(path).equals(original)).toBe(true);
      const forced = histlint(["fix", "--force", path], { env });
      expect(forced.code).toBe(0);
      expect(forced.stderr).toContain(`written with --force while node (pid ${holder.pid}) held it open for writing`);
      expect(readFileSync(path).equals(fixBytes(path, original).output)).toBe(true);
    } finally {
      holder.kill("SIGKILL");
    }
  });
});

describe.each(REPAIRS)("what fix writes, the file $repair", ({ env }) => {
  it("repairs the file a symlink points to and keeps the link", () => {
    const dir = tempDir();
    const target = join(dir, "real.jsonl");
    const link = join(dir, "link.jsonl");
    const original = rolloutNeedingRepair(2);
    writeFileSync(target, original);
    symlinkSync(target, link);
    expect(histlint(["fix", link], { env }).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target).equals(fixBytes(target, original).output)).toBe(true);
    expect(readFileSync(`${link}.bak`).equals(original)).toBe(true);
  });

  it("keeps the file's mode, and its owner when run as root", () => {
    const dir = tempDir();
    const path = join(dir, "session.jsonl");
    writeFileSync(path, rolloutNeedingRepair(2));
    chmodSync(path, 0o640);
    const root = process.getuid?.() === 0;
    if (root) chownSync(path, 1234, 5678);
    expect(histlint(["fix", path], { env }).code).toBe(0);
    const stat = statSync(path);
    expect(stat.mode & 0o7777).toBe(0o640);
    if (root) expect([stat.uid, stat.gid]).toEqual([1234, 5678]);
    expect(statSync(`${path}.bak`).mode & 0o7777).toBe(0o640);
  });

  it("removes temporaries of killed runs of the same file and leaves those of live ones", () => {
    const dir = tempDir();
    const path = join(dir, "session.jsonl");
    writeFileSync(path, rolloutNeedingRepair(1));
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).stdout.trim();
    const stale = `.session.jsonl.histlint-${dead}-0a1b2c.tmp`;
    const live = `.session.jsonl.histlint-${process.pid}-0a1b2c.tmp`;
    const other = `.other.jsonl.histlint-${dead}-0a1b2c.tmp`;
    for (const name of [stale, live, other]) writeFileSync(join(dir, name), "partial");
    expect(histlint(["fix", path], { env }).code).toBe(0);
    expect(temporaries(dir).sort()).toEqual([other, live].sort());
  });

  it("refuses a named pipe or a device at once, with exit 2, in lint and fix", () => {
    const dir = tempDir();
    const fifo = join(dir, "pipe.jsonl");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    for (const command of ["lint", "fix"]) {
      const fromFifo = histlint([command, fifo]);
      expect(fromFifo.code).toBe(2);
      expect(fromFifo.stdout + fromFifo.stderr).toContain("not a regular file (a named pipe)");
      const fromDevice = histlint([command, "/dev/zero"]);
      expect(fromDevice.code).toBe(2);
      expect(fromDevice.stdout + fromDevice.stderr).toContain("not a regular file (a device)");
    }
  });
});
