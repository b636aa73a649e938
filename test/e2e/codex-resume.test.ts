// The proof against the real client: a rollout the Codex CLI wrote, broken as crashes and editors
// break them, fails to resume; after `histlint fix` Codex resumes it and sends a request that passes
// strict validation, with the tool output the breakage had hidden.
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startProvider } from "../../fixtures/recording/scripted-provider.mjs";
import { lintFile, lintSource } from "../../src/index.js";
import { codexHome, rolloutIn, runCodex as codex } from "../support/codex.js";

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

function histlint(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/histlint.js", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
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
    const seen: Seen[] = [];
    const answered = (body: Seen["body"]) => body.input.some((item) => item.type === "function_call_output");
    const { server, port } = await startProvider({
      validate: strictly(seen),
      script: (body) => (answered(body) ? { text: "It printed the marker." } : { calls: [{ name: "exec_command", arguments: { cmd: "echo histlint-marker" } }] }),
    });
    try {
      const { home, workspace } = codexHome(root, `http://127.0.0.1:${port}/v1`);
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
