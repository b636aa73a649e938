// The Codex CLI as a client of histlint's mock provider: a full tool round trip through real streams.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startMockServer } from "../../src/index.js";
import { codexHome, runCodex } from "../support/codex.js";

const root = join(process.cwd(), ".e2e", `codex-mock-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("Codex CLI against histlint serve --profile codex", () => {
  it("streams a tool call, runs it, sends its output back and prints the answer, every request accepted", async () => {
    const mock = await startMockServer({ profile: "codex" });
    try {
      const { home, workspace } = codexHome(root, `${mock.url}/v1`);
      const run = await runCodex(home, workspace, ["list the files"]);
      expect(run.code, run.output).toBe(0);
      const calls = mock.requests.filter((r) => r.path === "/responses");
      expect(calls.map((r) => r.status)).toEqual(calls.map(() => 200));
      expect(calls[0]?.reply?.calls?.[0]?.name).toBeDefined();
      const second = calls[1]?.body as { input: { type?: string }[] } | undefined;
      expect(second?.input.some((item) => item.type === "function_call_output")).toBe(true);
      expect(run.output).toContain("The tool answered:");
    } finally {
      await mock.close();
    }
  }, 120_000);
});
