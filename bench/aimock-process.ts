// @copilotkit/aimock as the mock benchmark runs it: its own `llmock` bin in a process of its own, with a
// fixture that answers any Responses request with a short text (it validates nothing).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { DATA_DIR } from "./measure.js";

/** Its server bin, by path: the package exports neither it nor its package.json. */
const BIN = join(DATA_DIR, "..", "..", "node_modules", "@copilotkit", "aimock", "dist", "cli.js");

/** A port free a moment ago: aimock takes a port number, not 0. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startAimock(): Promise<{ child: ChildProcess; port: number }> {
  mkdirSync(DATA_DIR, { recursive: true });
  const fixture = join(DATA_DIR, "aimock-fixture.json");
  // An empty match matches every request: the same answer whatever the history's last user message.
  writeFileSync(fixture, JSON.stringify({ fixtures: [{ match: {}, response: { content: "The test passes now." } }] }));
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "--port", String(port), "--fixtures", fixture, "--log-level", "silent"], { stdio: ["ignore", "ignore", "inherit"] });
  for (let tries = 0; tries < 100; tries += 1) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(() => true, () => false);
    if (up) return { child, port };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error("aimock did not start");
}
