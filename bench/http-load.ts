// The load generator of the mock benchmark, in the bench process: a keep-alive agent, one request at a
// time a connection, each answer read whole; requests a second and the 99th percentile latency.
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";

export interface Load {
  rps: number;
  p99: number;
  requests: number;
  /** The server process's CPU time a request (user + system), in microseconds: what sharing the machine moves least. */
  cpuMicros: number;
}

/** User + system CPU seconds of a process so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function post(agent: Agent, port: number, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Sends each sequence of bodies in order on its own connection, all sequences at once (a conversation is a
 * sequence; one repeated body is many sequences of the same bytes). Every answer must be a 200.
 */
export async function runLoad(server: { port: number; pid: number }, path: string, sequences: readonly (readonly string[])[]): Promise<Load> {
  const { port, pid } = server;
  const agent = new Agent({ keepAlive: true, maxSockets: sequences.length });
  const latencies: number[] = [];
  const worker = async (bodies: readonly string[]) => {
    for (const body of bodies) {
      const start = process.hrtime.bigint();
      const { status, text } = await post(agent, port, path, body);
      if (status !== 200) throw new Error(`the server on ${port} answered ${status}: ${text.slice(0, 300)}`);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  const cpuBefore = cpuSeconds(pid);
  const started = process.hrtime.bigint();
  await Promise.all(sequences.map(worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = cpuSeconds(pid) - cpuBefore;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, requests: latencies.length, cpuMicros: (cpu / latencies.length) * 1e6 };
}
