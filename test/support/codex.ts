// Drives the real Codex CLI (the native binary of @openai/codex) against a provider on loopback.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
/** The native binary (the npm launcher would not pass a kill on to it). */
export const codexBinary = join(dirname(require.resolve("@openai/codex-linux-x64/package.json")), "vendor", "x86_64-unknown-linux-musl", "bin", "codex");

/**
 * A Codex home and workspace under `root`, configured for the provider at `baseUrl`. Codex does not
 * reach the provider with a CODEX_HOME under the system's temporary folder, so `root` is not one.
 */
export function codexHome(root: string, baseUrl: string): { home: string; workspace: string } {
  const home = join(root, "home");
  const workspace = join(root, "workspace");
  mkdirSync(home, { recursive: true });
  mkdirSync(workspace, { recursive: true });
  const config = `model = "gpt-5.5"\nmodel_provider = "mock"\n\n[model_providers.mock]\nname = "mock"\nbase_url = "${baseUrl}"\nwire_api = "responses"\nenv_key = "HISTLINT_E2E_KEY"\n`;
  writeFileSync(join(home, "config.toml"), config);
  return { home, workspace };
}

/** Runs `codex exec …` asynchronously: the provider may live in this process, and spawnSync would starve it. */
export function runCodex(home: string, workspace: string, args: string[]): Promise<{ code: number | null; output: string }> {
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

export function rolloutIn(home: string): string {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(join(home, "sessions")).find((file) => file.endsWith(".jsonl")) as string;
}
