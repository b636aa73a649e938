// Drives the real Gemini CLI (@google/gemini-cli, a Node program) against a provider on loopback.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startProvider } from "../../fixtures/recording/scripted-provider.mjs";

const require = createRequire(import.meta.url);
export const geminiEntry = join(dirname(require.resolve("@google/gemini-cli/package.json")), "bundle", "gemini.js");

/** The settings that let it run offline with an API key: no update checks, no usage statistics. */
const SETTINGS = {
  security: { auth: { selectedType: "gemini-api-key" } },
  general: { disableAutoUpdate: true, disableUpdateNag: true, enableAutoUpdate: false, enableAutoUpdateNotification: false },
  privacy: { usageStatisticsEnabled: false },
  telemetry: { enabled: false },
};

/** A fresh Gemini CLI home and workspace under `root`. */
export function geminiHome(root: string): { home: string; workspace: string } {
  const home = join(root, "home");
  const workspace = join(root, "workspace");
  mkdirSync(join(home, ".gemini"), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(home, ".gemini", "settings.json"), JSON.stringify(SETTINGS));
  writeFileSync(join(workspace, "notes.txt"), "a file to list\n");
  return { home, workspace };
}

export interface GeminiRun {
  code: number | null;
  output: string;
  timedOut: boolean;
}

/** Runs `gemini -p … --yolo` asynchronously (the provider lives in this process: spawnSync would starve it). */
export function runGemini(home: string, workspace: string, baseUrl: string, args: string[], timeoutMs = 90_000): Promise<GeminiRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [geminiEntry, ...args, "--yolo"], {
      env: { ...process.env, HOME: home, GEMINI_API_KEY: "test", GEMINI_CLI_TRUST_WORKSPACE: "true", GEMINI_CLI_NO_RELAUNCH: "true", GOOGLE_GEMINI_BASE_URL: baseUrl, NO_COLOR: "1" },
      cwd: workspace,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let timedOut = false;
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

/** The session files of a home, newest first. */
export function sessionFiles(home: string): string[] {
  const tmp = join(home, ".gemini", "tmp");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (/^session-.*\.jsonl?$/.test(entry.name)) files.push(join(dir, entry.name));
    }
  };
  try {
    walk(tmp);
  } catch {
    return [];
  }
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

export interface GeminiRequest {
  url: string;
  body: { contents: { role: string; parts: Record<string, unknown>[] }[]; tools?: unknown[] };
}

/** The main loop offers tools and streams; side requests (routing, titles) do neither. */
export const isMainLoop = (request: GeminiRequest) => request.url.includes(":streamGenerateContent") && (request.body.tools?.length ?? 0) > 0;

/** A scripted provider that records each request; `validate` may refuse one as the API would. */
export async function geminiProvider(script: (request: GeminiRequest["body"]) => { text?: string; calls?: { name: string; arguments: unknown }[] }, validate?: (body: unknown, url: string) => { status: number; body: unknown } | undefined) {
  const requests: GeminiRequest[] = [];
  const { server, port } = await startProvider({
    script: (body, _turn, url) => {
      requests.push({ url, body });
      return (url.includes(":streamGenerateContent") && body.tools?.length) ? script(body) : { text: '{"complexity_reasoning":"simple","complexity_score":1}' };
    },
    ...(validate ? { validate: (body: unknown, url: string) => { const refusal = validate(body, url); if (refusal) requests.push({ url, body: body as GeminiRequest["body"] }); return refusal; } } : {}),
  });
  return { baseUrl: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
