// The proof against the real client: a rollout the Codex CLI wrote, broken as crashes and editors
// break them, fails to resume; after `histlint fix` Codex resumes it and sends a request that passes
// strict validation, with the tool output the breakage had hidden.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startProvider } from "../../fixtures/recording/scripted-provider.mjs";
import { lintFile, lintSource } from "../../src/index.js";

const require = createRequire(import.meta.url);
/** The native binary of @openai/codex (the npm launcher would not pass a kill on to it). */
const codexBinary = join(dirname(require.resolve("@openai/codex-linux-x64/package.json")), "vendor", "x86_64-unknown-linux-musl", "bin", "codex");
// Codex does not reach the provider with a CODEX_HOME under the system's temporary folder.
const root = join(process.cwd(), ".e2e", `codex-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Seen {
  body: { input: { type?: string; output?: unknown }[] };
  refused: string | undefined;
}

/** Refuses, as the API would, any request histlint's Responses rules find an error in. */
function strictly(seen: Seen[]) {
  return (body: Seen["body"]) => {
    const result = lintSource("request.json", { buffer: Buffer.from(JSON.stringify(body)) }, { inputFormat: "responses", profile: "codex" });
    const error = result.messages.find((d) => d.severity === "error");
    seen.push({ body, refused: error?.message });
    return error ? { status: 400, body: { error: { message: error.message, type: "invalid_request_error", param: "input", code: null } } } : undefined;
  };
}

function codex(home: string, workspace: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(codexBinary, ["exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", ...args], {
      env: { ...process.env, CODEX_HOME: home, HISTLINT_E2E_KEY: "test" },
      cwd: workspace,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function histlint(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/histlint.js", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

function rolloutIn(home: string): string {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(join(home, "sessions")).find((file) => file.endsWith(".jsonl")) as string;
}

/** A byte order mark, the output's line run into the next one, and a last line cut mid-record. */
function breakRollout(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n");
  const output = lines.findIndex((line) => line.includes('"type":"function_call_output"'));
  lines.splice(output, 2, `${lines[output]}${lines[output + 1]}`);
  return `\ufeff${lines.join("\n")}\n{"timestamp":"2026-11-21T19:00:00.000Z","ordinal":999,"type":"event_m`;
}

describe("Codex CLI resumes a rollout repaired by histlint fix", () => {
  it("fails on the broken rollout, resumes the repaired one, and sends the real tool output", async () => {
    const home = join(root, "home");
    const workspace = join(root, "workspace");
    mkdirSync(home, { recursive: true });
    mkdirSync(workspace, { recursive: true });
    const seen: Seen[] = [];
    const answered = (body: Seen["body"]) => body.input.some((item) => item.type === "function_call_output");
    const { server, port } = await startProvider({
      validate: strictly(seen),
      script: (body) => (answered(body) ? { text: "It printed the marker." } : { calls: [{ name: "exec_command", arguments: { cmd: "echo histlint-marker" } }] }),
    });
    try {
      const config = `model = "gpt-5.5"\nmodel_provider = "mock"\n\n[model_providers.mock]\nname = "mock"\nbase_url = "http://127.0.0.1:${port}/v1"\nwire_api = "responses"\nenv_key = "HISTLINT_E2E_KEY"\n`;
      writeFileSync(join(home, "config.toml"), config);
      const first = await codex(home, workspace, ["print the marker"]);
      expect(first.code, first.output).toBe(0);
      const rollout = rolloutIn(home);
      const sessionId = /([0-9a-f-]{36})\.jsonl$/.exec(rollout)?.[1] as string;
      expect(readFileSync(rollout, "utf8")).toContain("histlint-marker");

      const broken = breakRollout(readFileSync(rollout, "utf8"));
      writeFileSync(rollout, broken);
      const refused = await codex(home, workspace, ["resume", sessionId, "what did it print?"]);
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain("does not start with session metadata");
      writeFileSync(rollout, broken);

      const fix = await histlint(["fix", rollout]);
      expect(fix.code, fix.stderr).toBe(0);
      expect(fix.stderr).toContain("repaired 4 (byte-order-mark, multi-record-line ×2, truncated-record)");

      const requestsBefore = seen.length;
      const resumed = await codex(home, workspace, ["resume", sessionId, "what did it print?"]);
      expect(resumed.code, resumed.output).toBe(0);
      const sent = seen.slice(requestsBefore);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.map((s) => s.refused)).toEqual(sent.map(() => undefined));
      const outputs = sent[0]!.body.input.filter((item) => item.type === "function_call_output").map((item) => JSON.stringify(item.output));
      expect(outputs.some((output) => output.includes("histlint-marker"))).toBe(true);
      expect(outputs.some((output) => output.includes("aborted"))).toBe(false);
      expect(lintFile(rollout).errorCount).toBe(0);
    } finally {
      server.close();
    }
  }, 180_000);
});
