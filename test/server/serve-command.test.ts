// `histlint serve` as a user runs it: prints where it listens, answers, stops on SIGTERM.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/files.js";

function serve(args: string[]): Promise<{ url: string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, ["bin/histlint.js", "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (data: Buffer) => {
      out += data.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ url, stop: () => new Promise((done) => (child.on("exit", done), child.kill("SIGTERM"))) });
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

describe("histlint serve", () => {
  it("picks a free port with --port 0, prints it, answers, records to a file, and stops on SIGTERM", async () => {
    const record = join(tempDir(), "requests.jsonl");
    const scenario = join(tempDir(), "scenario.json");
    writeFileSync(scenario, JSON.stringify({ steps: [{ reply: { text: "scripted" } }] }));
    const server = await serve(["--port", "0", "--record", record, "--scenario", scenario]);
    const response = await fetch(`${server.url}/v1/chat/completions`, { method: "POST", headers: { authorization: "Bearer secret", "content-type": "application/json" }, body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }) });
    expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe("scripted");
    expect(await server.stop()).toBe(0);
    const { readFileSync } = await import("node:fs");
    const lines = readFileSync(record, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { path: string; headers: Record<string, unknown> });
    expect(lines.map((l) => l.path)).toEqual(["/chat/completions"]);
    expect(lines[0]?.headers.authorization).toBeUndefined();
  });
});
