// The built `histlint` binary run as a user runs it, for the CLI tests.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";

const BIN = join(process.cwd(), "bin/histlint.js");

/**
 * Runs `histlint args` to completion (stdout is a pipe, so no colours); stdin is `input`, empty by default.
 * `env` is laid over the environment (`undefined` removes a variable); `cwd` is where it runs.
 */
export function histlint(args: string[], options: { input?: string; env?: Record<string, string | undefined>; cwd?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", input: options.input ?? "", env, ...(options.cwd ? { cwd: options.cwd } : {}) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
