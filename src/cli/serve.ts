// `histlint serve`: the mock provider on loopback, until interrupted.
import type { Command } from "commander";
import { Option } from "commander";
import { reachableFromNetwork, startMockServer } from "../server/index.js";
import { UsageError } from "./exit-codes.js";
import type { CommandIo } from "./io.js";

interface ServeFlags {
  port: number;
  host: string;
  profile: "openai-responses" | "codex";
  record?: string;
  maxBody: number;
  recordLimit: number;
  allowHost: string[];
  scenario?: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port ${value}: give a port from 0 (any free one) to 65535`);
  return n;
}

function megabytes(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`${option} ${value}: give a size in MB, more than 0`);
    return Math.floor(n * 1024 * 1024);
  };
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerServe(program: Command, io: CommandIo): void {
  program
    .command("serve")
    .description("run the mock provider: Responses, Chat Completions and Anthropic Messages, validating like the real APIs")
    .option("--port <port>", "the port to listen on; 0 picks a free one and prints it", port, 0)
    .option("--host <host>", "the address to listen on; any other than loopback makes the mock, and the requests it recorded, reachable from the network", "127.0.0.1")
    .option("--allow-host <name>", "answer requests whose Host header is this name (or name:port; * for any), besides loopback and the listening address (repeatable)", collect, [])
    .addOption(new Option("--profile <profile>", "how /v1/responses validates").choices(["openai-responses", "codex"]).default("openai-responses"))
    .option("--record <file>", "append every request (credential headers redacted, body, answer) to this JSONL file, created readable by you only")
    .option("--scenario <file>", "a JSON scenario: ordered steps, each matching a request and giving its reply or a fault")
    .addOption(new Option("--max-body <MB>", "the largest request body, in MB; larger ones get 413").argParser(megabytes("--max-body")).default(50 * 1024 * 1024, "50"))
    .addOption(new Option("--record-limit <MB>", "the most request bytes kept in memory for GET /__histlint/requests, in MB; the oldest go first").argParser(megabytes("--record-limit")).default(64 * 1024 * 1024, "64"))
    .addHelpText(
      "after",
      "\nFaults for one request: header x-histlint-fault: 429[:seconds] | 500 | 503 | 529 | context-length | first-event[:name] |\nempty-output | incomplete | failed | error-event[:n] | cut[:n] | delay[:ms] | reasoning-only, or a JSON fault.\n\nPoint a client at it: base URL http://127.0.0.1:<port>/v1 for OpenAI clients (any API key), http://127.0.0.1:<port> for Anthropic's.\nA request that breaks the endpoint's rules gets the provider's own status and error body; a valid one gets a reply\nfrom a tiny agent that calls the first tool offered, then answers. GET /__histlint/requests lists what it received.",
    )
    .action(async (flags: ServeFlags) => {
      let server;
      try {
        server = await startMockServer({
          port: flags.port,
          host: flags.host,
          profile: flags.profile,
          maxBody: flags.maxBody,
          maxRecordedBytes: flags.recordLimit,
          allowedHosts: flags.allowHost,
          ...(flags.record ? { record: flags.record } : {}),
          ...(flags.scenario ? { scenario: flags.scenario } : {}),
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(code === "EADDRINUSE" ? `port ${flags.port} is in use: pick another, or --port 0 for any free one` : (error as Error).message);
      }
      if (reachableFromNetwork(flags.host)) {
        io.stderr(`warning: --host ${flags.host} makes the mock reachable from the network: anyone who can reach port ${server.port} can send it requests and read the requests it recorded (GET /__histlint/requests). Requests are answered only when their Host header names loopback, ${flags.host}:${server.port} or an --allow-host name.\n`);
      }
      io.stdout(`histlint mock provider listening on ${server.url}\n  OpenAI:    ${server.url}/v1 (responses, chat/completions, models)\n  Anthropic: ${server.url} (v1/messages, v1/messages/count_tokens)\n`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await server.close();
    });
}
