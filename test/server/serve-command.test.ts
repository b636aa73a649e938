// `histlint serve` as a user runs it: prints where it listens, answers, stops on SIGTERM.
import { spawn } from "node:child_process";
import { request } from "node:http";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { histlint } from "../support/cli.js";
import { tempDir } from "../support/files.js";

function serve(args: string[]): Promise<{ url: string; stderr: () => string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, ["bin/histlint.js", "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (data: Buffer) => (err += data.toString()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (data: Buffer) => {
      out += data.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ url, stderr: () => err, stop: () => new Promise((done) => (child.on("exit", done), child.kill("SIGTERM"))) });
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}${err}`)));
  });
}

describe("histlint serve", () => {
  it("picks a free port with --port 0, prints it, answers, records to a private file with credentials redacted, and stops on SIGTERM", async () => {
    const record = join(tempDir(), "requests.jsonl");
    const scenario = join(tempDir(), "scenario.json");
    writeFileSync(scenario, JSON.stringify({ steps: [{ reply: { text: "scripted" } }] }));
    const server = await serve(["--port", "0", "--record", record, "--scenario", scenario]);
    const headers = { authorization: "Bearer secret", "openai-organization": "org-secret", "x-goog-api-key": "g-secret", "content-type": "application/json" };
    const response = await fetch(`${server.url}/v1/chat/completions`, { method: "POST", headers, body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }) });
    expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe("scripted");
    expect(await server.stop()).toBe(0);
    expect(statSync(record).mode & 0o777).toBe(0o600);
    const text = readFileSync(record, "utf8");
    const lines = text.trim().split("\n").map((line) => JSON.parse(line) as { path: string; headers: Record<string, unknown> });
    expect(lines.map((l) => l.path)).toEqual(["/chat/completions"]);
    expect([lines[0]?.headers.authorization, lines[0]?.headers["openai-organization"], lines[0]?.headers["x-goog-api-key"], lines[0]?.headers["content-type"]]).toEqual(["[redacted]", "[redacted]", "[redacted]", "application/json"]);
    expect(text).not.toMatch(/secret/);
    expect(server.stderr()).toBe("");
  });

  it("warns on stderr when it listens beyond loopback, and answers the names --allow-host gives", async () => {
    const server = await serve(["--port", "0", "--host", "0.0.0.0", "--allow-host", "mock.test"]);
    const port = new URL(server.url).port;
    // fetch will not send a Host of its choosing; node's client will.
    const models = (host: string) => new Promise<number | undefined>((resolve, reject) => request({ port, path: "/v1/models", headers: { host } }, (res) => (res.resume(), resolve(res.statusCode))).on("error", reject).end());
    expect([await models(`mock.test:${port}`), await models(`other.test:${port}`), await models(`0.0.0.0:${port}`)]).toEqual([200, 403, 200]);
    expect(await server.stop()).toBe(0);
    expect(server.stderr()).toBe(
      `warning: --host 0.0.0.0 makes the mock reachable from the network: anyone who can reach port ${port} can send it requests and read the requests it recorded (GET /__histlint/requests). Requests are answered only when their Host header names loopback, 0.0.0.0:${port} or an --allow-host name.\n`,
    );
  });

  it("refuses a record limit that is not a size", () => {
    const { code, stderr } = histlint(["serve", "--record-limit", "0"]);
    expect([code, stderr.trim()]).toEqual([2, "histlint: --record-limit 0: give a size in MB, more than 0"]);
  });
});
