// Drives the real Claude Code CLI (the native binary of @anthropic-ai/claude-code) against a provider on loopback.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startProvider } from "../../fixtures/recording/scripted-provider.mjs";

const require = createRequire(import.meta.url);
/** The native binary the package's `bin` points at (a kill reaches the process that writes the session). */
export const claudeBinary = join(dirname(require.resolve("@anthropic-ai/claude-code/package.json")), "bin", "claude.exe");

/** Where Claude Code keeps a workspace's sessions: every character of the cwd that is not a letter or digit becomes "-". */
export function projectFolder(home: string, workspace: string): string {
  return join(home, ".claude", "projects", workspace.replace(/[^a-zA-Z0-9]/g, "-"));
}

/** A fresh Claude Code home and workspace under `root`. */
export function claudeHome(root: string): { home: string; workspace: string } {
  const home = join(root, "home");
  const workspace = join(root, "workspace");
  mkdirSync(home, { recursive: true });
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, "notes.txt"), "a file to list\n");
  return { home, workspace };
}

export interface ClaudeRun {
  code: number | null;
  /** stdout then stderr. */
  output: string;
  /** Killed at the timeout. */
  timedOut: boolean;
}

/** Runs `claude -p …` asynchronously: the provider lives in this process, and spawnSync would starve it. */
export function runClaude(home: string, workspace: string, baseUrl: string, args: string[], timeoutMs = 60_000): Promise<ClaudeRun> {
  return new Promise((resolve) => {
    const child = spawn(claudeBinary, ["-p", "--dangerously-skip-permissions", ...args], {
      env: {
        ...process.env,
        HOME: home,
        IS_SANDBOX: "1",
        ANTHROPIC_BASE_URL: baseUrl,
        ANTHROPIC_API_KEY: "test",
        DISABLE_AUTOUPDATER: "1",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      },
      cwd: workspace,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output: stdout + stderr, timedOut });
    });
  });
}

export interface AnthropicRequest {
  model?: string;
  messages: { role: string; content: unknown }[];
  tools?: unknown[];
  [key: string]: unknown;
}

type Reply = { text?: string; calls?: { name: string; arguments: unknown }[] };
type Script = (request: AnthropicRequest, turn: number) => Reply;

/** The scripted provider on a random loopback port, keeping every request body it is sent. */
export async function claudeProvider(script: Script): Promise<{ baseUrl: string; requests: AnthropicRequest[]; close: () => Promise<void> }> {
  const requests: AnthropicRequest[] = [];
  const { server, port } = await startProvider({
    script,
    validate: (body: AnthropicRequest) => {
      requests.push(body);
      return undefined;
    },
  });
  return { baseUrl: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The main loop offers tools; side requests (titles, summaries) offer none. */
export const isMainLoop = (request: AnthropicRequest): boolean => Array.isArray(request.tools) && request.tools.length > 0;

/** The sessions Claude Code wrote under `home`. */
export function sessionFiles(home: string): string[] {
  const walk = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])) : []);
  return walk(join(home, ".claude", "projects")).filter((file) => file.endsWith(".jsonl"));
}

export interface Resume extends ClaudeRun {
  /** Every request the client sent, in order. */
  requests: AnthropicRequest[];
  /** The session file as the client left it. */
  after: Buffer;
}

/**
 * Places `session` as `<sessionId>.jsonl` in a fresh home under `root`, resumes it with `prompt`, and
 * answers every main-loop request with plain text (no tool runs after the resume).
 */
export async function resumeSession(root: string, session: Buffer, sessionId: string, prompt: string, timeoutMs = 60_000): Promise<Resume> {
  const { home, workspace } = claudeHome(root);
  const folder = projectFolder(home, workspace);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${sessionId}.jsonl`);
  writeFileSync(file, session);
  const provider = await claudeProvider((request) => (isMainLoop(request) ? { text: "Resumed." } : { text: "Session" }));
  try {
    const run = await runClaude(home, workspace, provider.baseUrl, ["--resume", sessionId, prompt], timeoutMs);
    return { ...run, requests: provider.requests, after: existsSync(file) ? readFileSync(file) : Buffer.alloc(0) };
  } finally {
    await provider.close();
  }
}
