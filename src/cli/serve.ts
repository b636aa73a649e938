// `histlint serve`: the mock provider on loopback, until interrupted.
import type { Command } from "commander";
import { Option } from "commander";
import { startMockServer } from "../server/index.js";
import { UsageError } from "./exit-codes.js";
import type { CommandIo } from "./io.js";

interface ServeFlags {
  port: number;
  host: string;
  profile: "openai-responses" | "codex";
  record?: string;
  maxBody: number;
  scenario?: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port ${value}: give a port from 0 (any free one) to 65535`);
  return n;
}

function megabytes(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`--max-body ${value}: give a size in MB, more than 0`);
  return Math.floor(n * 1024 * 1024);
}

export function registerServe(program: Command, io: CommandIo): void {
  program
    .command("serve")
    .description("run the mock provider: Responses, Chat Completions and Anthropic Messages, validating like the real APIs")
    .option("--port <port>", "the port to listen on; 0 picks a free one and prints it", port, 0)
    .option("--host <host>", "the address to listen on", "127.0.0.1")
    .addOption(new Option("--profile <profile>", "how /v1/responses validates").choices(["openai-responses", "codex"]).default("openai-responses"))
    .option("--record <file>", "append every request (headers without secrets, body, answer) to this JSONL file")
    .option("--scenario <file>", "a JSON scenario: ordered steps, each matching a request and giving its reply or a fault")
    .addOption(new Option("--max-body <MB>", "the largest request body, in MB; larger ones get 413").argParser(megabytes).default(50 * 1024 * 1024, "50"))
    .addHelpText(
      "after",
      "\nFaults for one request: header x-histlint-fault: 429[:seconds] | 500 | 503 | 529 | context-length | first-event[:name] |\nempty-output | incomplete | failed | error-event[:n] | cut[:n] | delay[:ms] | reasoning-only, or a JSON fault.\n\nPoint a client at it: base URL http://127.0.0.1:<port>/v1 for OpenAI clients (any API key), http://127.0.0.1:<port> for Anthropic's.\nA request that breaks the endpoint's rules gets the provider's own status and error body; a valid one gets a reply\nfrom a tiny agent that calls the first tool offered, then answers. GET /__histlint/requests lists what it received.",
    )
    .action(async (flags: ServeFlags) => {
      let server;
      try {
        server = await startMockServer({ port: flags.port, host: flags.host, profile: flags.profile, maxBody: flags.maxBody, ...(flags.record ? { record: flags.record } : {}), ...(flags.scenario ? { scenario: flags.scenario } : {}) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(code === "EADDRINUSE" ? `port ${flags.port} is in use: pick another, or --port 0 for any free one` : (error as Error).message);
      }
      io.stdout(`histlint mock provider listening on ${server.url}\n  OpenAI:    ${server.url}/v1 (responses, chat/completions, models)\n  Anthropic: ${server.url} (v1/messages, v1/messages/count_tokens)\n`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await server.close();
    });
}
