// `npm run bench` (second half): requests per second of the mock answering a 50-item Responses history,
// validation on, beside a bare node:http server returning the same bytes; loopback only, bounded.
import { spawn, type ChildProcess } from "node:child_process";
import { Agent, request } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const REQUESTS = Number(process.env.HISTLINT_BENCH_REQUESTS ?? 4000);
const CONNECTIONS = Number(process.env.HISTLINT_BENCH_CONNECTIONS ?? 16);

/** A valid 50-item history: a user turn, then reasoning, calls and outputs, and answers. */
function history(): string {
  const input: unknown[] = [{ role: "user", content: "fix the failing test" }];
  for (let i = 0; i < 16; i += 1) {
    input.push({ type: "reasoning", id: `rs_${i}`, summary: [{ type: "summary_text", text: "look at the test" }], encrypted_content: `gAAAAAB${"x".repeat(800)}` });
    input.push({ type: "function_call", id: `fc_${i}`, call_id: `call_${i}`, name: "exec_command", arguments: JSON.stringify({ cmd: `sed -n ${i},${i + 40}p src/app.ts` }) });
    input.push({ type: "function_call_output", call_id: `call_${i}`, output: "line of code\n".repeat(60) });
  }
  input.push({ type: "message", role: "assistant", content: [{ type: "output_text", text: "The test passes now." }] });
  return JSON.stringify({ model: "gpt-5.5", input, store: false });
}

function startServer(kind: "mock" | "bare" | "parse", answer = ""): Promise<{ child: ChildProcess; port: number }> {
  const profile = process.env.HISTLINT_BENCH_PROFILE && kind === "mock" ? ["--cpu-prof", `--cpu-prof-dir=${process.env.HISTLINT_BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, join(here, "serve-probe.js"), kind, answer], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => child.stdout?.once("data", (data: Buffer) => resolve({ child, port: Number(data.toString().trim()) })));
}

function post(agent: Agent, port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/v1/responses", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** REQUESTS requests over CONNECTIONS keep-alive connections: requests a second and the 99th percentile latency. */
async function load(port: number, body: string): Promise<{ rps: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next += 1;
      const start = process.hrtime.bigint();
      const { status } = await post(agent, port, body);
      if (status !== 200) throw new Error(`the server answered ${status}`);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

const body = history();
const mock = await startServer("mock");
const sample = await post(new Agent(), mock.port, body);
if (sample.status !== 200) throw new Error(`the mock refused the benchmark history: ${sample.text}`);
const bare = await startServer("bare", sample.text);
const parseOnly = await startServer("parse", sample.text);
try {
  for (const server of [mock, bare, parseOnly]) await load(server.port, body); // warm up
  const mocked = await load(mock.port, body);
  const plain = await load(bare.port, body);
  const parsed = await load(parseOnly.port, body);
  console.log(`mock server, ${REQUESTS} requests of a 50-item history (${(body.length / 1024).toFixed(0)} KB), ${CONNECTIONS} connections`);
  console.log(`histlint mock (validating): ${mocked.rps.toFixed(0)} req/s, p99 ${mocked.p99.toFixed(1)} ms`);
  console.log(`bare node:http, same bytes: ${plain.rps.toFixed(0)} req/s, p99 ${plain.p99.toFixed(1)} ms`);
  console.log(`node:http that only JSON.parses the body: ${parsed.rps.toFixed(0)} req/s, p99 ${parsed.p99.toFixed(1)} ms`);
  console.log(`ratio mock/bare: ${(mocked.rps / plain.rps).toFixed(3)} (target >= 0.5); parse-only/bare: ${(parsed.rps / plain.rps).toFixed(3)}`);
} finally {
  for (const server of [mock, bare, parseOnly]) server.child.kill();
}
