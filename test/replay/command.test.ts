// `histlint replay` as a user runs it: the report, the exit codes, a target, retries, keys and mistakes.
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CommandIo } from "../../src/cli/io.js";
import { startMockServer, type MockServer, type Scenario } from "../../src/index.js";
import { histlint, noStackTrace } from "../support/cli.js";

/** Runs the CLI in this process, so a mock started here keeps answering while it runs. */
async function histlintHere(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CommandIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdin: () => Buffer.alloc(0), isTty: false, cwd: process.cwd(), version: "test" };
  const code = await main(["node", "histlint", ...args], io);
  return { code, stdout, stderr };
}

async function withMock<T>(options: Parameters<typeof startMockServer>[0], run: (mock: MockServer) => Promise<T>): Promise<T> {
  const mock = await startMockServer(options);
  try {
    return await run(mock);
  } finally {
    await mock.close();
  }
}

describe("histlint replay", () => {
  it("says a rollout Codex will not open is one, with Codex's words, sends nothing and exits 1", () => {
    const { code, stdout } = histlint(["replay", "fixtures/read/byte-order-mark.jsonl"]);
    expect(code).toBe(1);
    expect(stdout).toContain("fixtures/read/byte-order-mark.jsonl: won't open: Codex CLI 0.169.0 will not open this file");
    expect(stdout).toContain("does not start with session metadata");
    expect(stdout).toContain("1 file(s) the client will not open");
    expect(histlint(["replay", "--raw", "fixtures/read/byte-order-mark.jsonl"]).code).toBe(0);
  });

  it("exits 0 with one line a request and a summary when every request is accepted", () => {
    const { code, stdout } = histlint(["replay", "fixtures/codex/real-one-tool-call.jsonl"]);
    expect(code).toBe(0);
    expect(stdout.split("\n")).toEqual([
      "fixtures/codex/real-one-tool-call.jsonl: codex history, 3 of 3 request(s) to the embedded mock (responses, profile codex)",
      expect.stringMatching(/^ {2}✓ request 1\/3, \d+ element\(s\): accepted$/),
      expect.stringMatching(/^ {2}✓ request 2\/3, \d+ element\(s\): accepted$/),
      expect.stringMatching(/^ {2}✓ request 3\/3 \(resume\), \d+ element\(s\): accepted$/),
      "✔ all 3 request(s) accepted (1 file)",
      "",
    ]);
  });

  it("exits 1 and points at file:line:col with the provider's text when a request is refused", () => {
    const { code, stdout } = histlint(["replay", "--raw", "fixtures/codex/real-killed-mid-tool.jsonl"]);
    expect(code).toBe(1);
    expect(stdout).toContain("✗ request 2/2 (resume), 5 element(s): refused 400: fixtures/codex/real-killed-mid-tool.jsonl:10:1: No tool output found for function call call_1_0.");
    expect(stdout).toContain("✖ 1 of 2 request(s) refused (1 file)");
  });

  it("--only last sends only the request a resume would send; --format json gives the whole outcome", () => {
    const { code, stdout } = histlint(["replay", "--only", "last", "--format", "json", "fixtures/codex/real-several-turns.jsonl"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { files: { total: number; requests: { number: number; resume: boolean; accepted: boolean }[] }[]; summary: unknown };
    expect(report.files[0]?.requests).toEqual([expect.objectContaining({ number: report.files[0]?.total, resume: true, accepted: true })]);
    expect(report.summary).toEqual({ files: 1, requests: 1, accepted: 1, refused: 0, failed: 0, wontOpen: 0 });
  });

  it("sends to --target with the key from --api-key-env, and the target sees each request once", async () => {
    await withMock({ profile: "codex" }, async (mock) => {
      process.env.HISTLINT_TEST_KEY = "sk-test";
      const { code } = await histlintHere(["replay", "--target", `${mock.url}/v1`, "--api-key-env", "HISTLINT_TEST_KEY", "fixtures/codex/real-one-tool-call.jsonl"]);
      expect(code).toBe(0);
      expect(mock.requests.map((r) => [r.path, r.status])).toEqual([["/responses", 200], ["/responses", 200], ["/responses", 200]]);
      expect(mock.requests[0]?.headers.authorization).toBe("[redacted]"); // sent, and redacted in the record
      expect(mock.requests[0]?.body).toMatchObject({ model: expect.any(String), stream: false, store: false });
    });
  });

  it("sends a request again after a 500 only when --retries says so", async () => {
    const scenario: Scenario = { steps: [{ fault: { status: 500 } }] };
    await withMock({ scenario }, async (mock) => {
      const once = await histlintHere(["replay", "--only", "last", "--target", mock.url, "fixtures/responses/request-body.json"]);
      expect([once.code, mock.requests.length]).toEqual([1, 1]);
    });
    await withMock({ scenario }, async (mock) => {
      const retried = await histlintHere(["replay", "--only", "last", "--retries", "1", "--target", mock.url, "fixtures/responses/request-body.json"]);
      expect(retried.code).toBe(0);
      expect(retried.stdout).toContain("accepted after 2 attempts");
      expect(mock.requests.map((r) => r.status)).toEqual([500, 200]);
    });
  });

  it("exits 2 naming the URL when the target cannot be reached, without a stack trace", async () => {
    const mock = await startMockServer();
    const url = mock.url;
    await mock.close();
    const { code, stdout, stderr } = histlint(["replay", "--target", url, "fixtures/chat/request-body.json"]);
    expect(code).toBe(2);
    expect(stdout).toContain(`cannot reach ${url}/v1/chat/completions: connection refused`);
    noStackTrace(stdout + stderr);
  });

  it("translates with --convert-to and refuses an --endpoint the history does not speak", () => {
    const converted = histlint(["replay", "--convert-to", "anthropic", "fixtures/codex/real-parallel-calls.jsonl"]);
    expect(converted.code).toBe(0);
    expect(converted.stdout).toContain("to the embedded mock (messages, profile anthropic)");
    const mismatch = histlint(["replay", "--endpoint", "chat", "fixtures/codex/real-parallel-calls.jsonl"]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stdout).toContain("a codex history goes to the responses API; to send it to chat, translate it with --convert-to chat");
  });

  it.each([
    [["--target", "not a url"], "--target not a url: give a base URL such as http://127.0.0.1:8080/v1"],
    [["--target", "http://127.0.0.1:1", "--api-key-env", "HISTLINT_UNSET_VARIABLE"], "--api-key-env HISTLINT_UNSET_VARIABLE: the environment variable HISTLINT_UNSET_VARIABLE is not set"],
    [["--retries", "-1"], "--retries -1: give a whole number, 0 or more"],
  ])("usage mistake %j: exit 2 and one line", (args, message) => {
    const { code, stderr } = histlint(["replay", ...args, "fixtures/chat/request-body.json"]);
    expect(code).toBe(2);
    expect(stderr).toBe(`histlint: ${message}\n`);
  });
});
