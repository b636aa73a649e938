// `npm run bench:mock`: requests a second of histlint's mock (validation on) beside, in the same run,
// @copilotkit/aimock (validates nothing) and a node:http server that only JSON.parses each body, each
// server in a process of its own, loaded over loopback by 50 keep-alive connections. Three loads: one
// 50-item history sent again and again, and conversations that grow request by request as an agent's do,
// bare and in the envelope of a real Codex request.
import { spawn, type ChildProcess } from "node:child_process";
import { Agent } from "node:http";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startAimock } from "./aimock-process.js";
import { codexConversation, conversation, fixedHistory } from "./conversations.js";
import { post, runLoad, type Load } from "./http-load.js";
import { median, report, reportLimit } from "./measure.js";

const here = dirname(fileURLToPath(import.meta.url));
const REQUESTS = Number(process.env.HISTLINT_BENCH_REQUESTS ?? 5000);
const CONNECTIONS = Number(process.env.HISTLINT_BENCH_CONNECTIONS ?? 50);
const MAX_ITEMS = Number(process.env.HISTLINT_BENCH_CONVERSATION_ITEMS ?? 60);
const ROUNDS = Number(process.env.HISTLINT_BENCH_ROUNDS ?? 3);
/** A round of growing conversations is 50 × 21 requests, a fifth of a round of the one history: more of them for a steadier median. */
const GROWING_ROUNDS = Number(process.env.HISTLINT_BENCH_GROWING_ROUNDS ?? 5);
const P99_LIMIT_MS = 20;
const PATH = "/v1/responses";

function startProbe(kind: "mock" | "mock-uncached" | "parse", answer = ""): Promise<Server> {
  const profile = process.env.HISTLINT_BENCH_PROFILE && kind === "mock" ? ["--cpu-prof", `--cpu-prof-dir=${process.env.HISTLINT_BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, join(here, "serve-probe.js"), kind, answer], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => child.stdout?.once("data", (data: Buffer) => resolve({ child, port: Number(data.toString().trim()), pid: child.pid as number })));
}

/** The same body, REQUESTS times over CONNECTIONS connections. */
function repeated(body: string): string[][] {
  return Array.from({ length: CONNECTIONS }, () => Array.from({ length: Math.ceil(REQUESTS / CONNECTIONS) }, () => body));
}

/** CONNECTIONS conversations at once, new ones every round (a cache must not carry over from the last round). */
let conversationCount = 0;
function conversations(make = conversation): string[][] {
  return Array.from({ length: CONNECTIONS }, () => make(String(conversationCount++), MAX_ITEMS));
}
const codexConversations = () => conversations(codexConversation);

type Server = { child: ChildProcess; port: number; pid: number };

/** The median round by requests a second, the servers taking turns within a round, each round starting with the next server (who goes first is not fair on a shared machine). */
async function rounds<Name extends string>(servers: Record<Name, Server>, sequencesOf: () => string[][], count = ROUNDS): Promise<Record<Name, Load>> {
  const names = Object.keys(servers) as Name[];
  const runs = new Map<Name, Load[]>(names.map((name) => [name, []]));
  for (let round = 0; round < count; round += 1) {
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) runs.get(name)?.push(await runLoad(servers[name], PATH, sequencesOf()));
  }
  const middle = (loads: Load[]) => loads.find((load) => load.rps === median(loads.map((l) => l.rps))) as Load;
  return Object.fromEntries(names.map((name) => [name, middle(runs.get(name) ?? [])])) as Record<Name, Load>;
}

/** The rows of a load of growing conversations, `sample` one of them. */
function reportGrowing(load: string, talks: Record<"mock" | "uncached" | "parse", Load>, sample: string[]): void {
  const sizes = `${sample.length} requests each, ${(Buffer.byteLength(sample[0] as string) / 1024).toFixed(0)} to ${(Buffer.byteLength(sample.at(-1) as string) / 1024).toFixed(0)} KB`;
  console.log(`mock server: ${CONNECTIONS} ${load} at once, 4 to ${MAX_ITEMS} items (${sizes}), median of ${GROWING_ROUNDS} rounds; ${uptime()}`);
  report({ name: `mock req/s, ${load}`, value: talks.mock.rps, unit: "req/s", baseline: { name: "parse-only node:http", value: talks.parse.rps }, target: { atLeast: 0.6 }, detail: `${said(talks.mock, "mock")}; ${said(talks.parse, "parse-only")}` });
  report({ name: `mock req/s, ${load}`, value: talks.mock.rps, unit: "req/s", baseline: { name: "mock without validation cache", value: talks.uncached.rps }, target: { atLeast: 1 }, detail: said(talks.uncached, "uncached") });
  report({ name: `mock CPU a request, ${load}`, value: talks.mock.cpuMicros, unit: "µs", baseline: { name: "parse-only node:http", value: talks.parse.cpuMicros }, target: { atMost: 1.67 } });
  reportLimit(`mock p99, ${load}`, talks.mock.p99, P99_LIMIT_MS, "ms", `parse-only's own p99 in the same rounds: ${talks.parse.p99.toFixed(1)} ms`);
}

const said = (load: Load, name: string) => `${name} p99 ${load.p99.toFixed(1)} ms, ${load.cpuMicros.toFixed(0)} µs CPU a request (load generator ${load.clientCpuMicros.toFixed(0)} µs)`;
/** The machine's load average: the cores are shared, and a busy machine moves every figure. */
const uptime = () => `load average ${loadavg().map((n) => n.toFixed(2)).join(", ")} on ${cpus().length} cores`;

const body = fixedHistory();
const mock = await startProbe("mock");
const sample = await post(new Agent(), mock.port, PATH, body);
if (sample.status !== 200) throw new Error(`the mock refused the benchmark history: ${sample.text}`);
const uncached = await startProbe("mock-uncached");
const parse = await startProbe("parse", sample.text);
const aimockProcess = await startAimock();
const aimock = { ...aimockProcess, pid: aimockProcess.child.pid as number };
try {
  await rounds({ mock, uncached, parse, aimock }, () => repeated(body).map((bodies) => bodies.slice(0, 20))); // warm up the JITs
  const f = await rounds({ mock, uncached, parse, aimock }, () => repeated(body));
  const kb = (Buffer.byteLength(body) / 1024).toFixed(0);
  console.log(`mock server: ${REQUESTS} requests of one 50-item Responses history (${kb} KB), ${CONNECTIONS} connections, median of ${ROUNDS} rounds; ${uptime()}`);
  report({ name: "mock req/s, one history", value: f.mock.rps, unit: "req/s", baseline: { name: "aimock", value: f.aimock.rps }, target: { atLeast: 2 }, detail: `${said(f.mock, "mock")}; ${said(f.aimock, "aimock")}` });
  report({ name: "mock req/s, one history", value: f.mock.rps, unit: "req/s", baseline: { name: "parse-only node:http", value: f.parse.rps }, target: { atLeast: 0.6 }, detail: `${said(f.parse, "parse-only")}; mock without validation cache ${f.uncached.rps.toFixed(0)} req/s, ${said(f.uncached, "its")}` });
  report({ name: "mock CPU a request, one history", value: f.mock.cpuMicros, unit: "µs", baseline: { name: "aimock", value: f.aimock.cpuMicros }, target: { atMost: 0.5 } });
  report({ name: "mock CPU a request, one history", value: f.mock.cpuMicros, unit: "µs", baseline: { name: "parse-only node:http", value: f.parse.cpuMicros }, target: { atMost: 1.67 } });
  reportLimit("mock p99, one history", f.mock.p99, P99_LIMIT_MS, "ms", `parse-only's own p99 in the same rounds: ${f.parse.p99.toFixed(1)} ms`);

  // Warmed up as for the first load: until now the mock ran only its answers from the cache, never a continued conversation.
  await rounds({ mock, uncached, parse }, conversations);
  reportGrowing("growing conversations", await rounds({ mock, uncached, parse }, conversations, GROWING_ROUNDS), conversation("x", MAX_ITEMS));
  // The same turns in the envelope of a real Codex request: its instructions and tools in every body. Warmed up
  // too: bodies twice as long grow the mock's cache and heap to twice the size, and V8 takes rounds to size its
  // heap to them (measured: 1,290 µs CPU a request in the first round, 500 from the fifth on).
  await rounds({ mock, uncached, parse }, codexConversations);
  reportGrowing("growing Codex conversations", await rounds({ mock, uncached, parse }, codexConversations, GROWING_ROUNDS), codexConversation("x", MAX_ITEMS));
} finally {
  for (const server of [mock, uncached, parse, aimock]) server.child.kill();
}
