// The load generator of the mock benchmark, in the bench process: raw keep-alive sockets, one request in
// flight a connection, the connections opened and the request's bytes encoded before the clock starts, each
// answer framed by its Content-Length or chunked encoding and checked for a 200. node:http's client cost more
// CPU than the servers it loaded (on the same cores), which inflated every server's latency and compressed the ratios.
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { connect, type Socket } from "node:net";

export interface Load {
  rps: number;
  p99: number;
  requests: number;
  /** The server process's CPU time a request (user + system), in microseconds: what sharing the machine moves least. */
  cpuMicros: number;
  /** The load generator's own CPU time a request, in microseconds (it shares the cores with the server). */
  clientCpuMicros: number;
}

/** User + system CPU seconds of a process so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** One request through node:http, for the few made outside a timed load (a sample answer). */
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

/** A whole HTTP/1.1 request, header and body in one buffer, written with one call. */
function encodeRequest(port: number, path: string, body: string): Buffer {
  const bytes = Buffer.from(body);
  const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\nConnection: keep-alive\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), bytes]);
}

const HEADER_END = Buffer.from("\r\n\r\n");

/** Where a response in `data` ends, and its status; undefined while it is incomplete. */
function responseEnd(data: Buffer): { end: number; status: number } | undefined {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd < 0) return undefined;
  const head = data.toString("latin1", 0, headerEnd);
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const bodyStart = headerEnd + 4;
  if (length) {
    const end = bodyStart + Number(length[1]);
    return data.length >= end ? { end, status } : undefined;
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) throw new Error(`an answer with neither Content-Length nor chunked encoding: ${head}`);
  // Chunks: a hexadecimal size line, that many bytes, CRLF; a zero size ends them, then (no) trailers and CRLF.
  for (let i = bodyStart; ; ) {
    const lineEnd = data.indexOf("\r\n", i, "latin1");
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.toString("latin1", i, lineEnd), 16);
    if (size === 0) {
      const end = data.indexOf(HEADER_END, lineEnd);
      return end < 0 ? undefined : { end: end + 4, status };
    }
    i = lineEnd + 2 + size + 2;
    if (i > data.length) return undefined;
  }
}

/** A connection to the server on `port`, once it is established. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, noDelay: true });
    socket.once("connect", () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

/** How many established connections to the loopback listener on `port` wait to be accepted (Linux: a listening socket's rx_queue in /proc/net/tcp). */
function waitingToBeAccepted(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")} 00000000:0000 0A `;
  const line = readFileSync("/proc/net/tcp", "utf8").split("\n").find((row) => row.includes(local));
  return line ? parseInt(line.slice(line.indexOf(local) + local.length).split(" ")[0]?.split(":")[1] ?? "0", 16) : 0;
}

/**
 * Resolves once the server has accepted every connection made to it. libuv accepts one connection a turn of
 * its loop (libuv#3696), and a turn answers a request from every connection accepted before: 50 connections
 * opened on the clock, the last one's first request waited for some 1,200 others (0.4–1 s behind a mock that
 * spends 0.8 ms on a request), which measured libuv's accept policy, not keep-alive serving. A listener not
 * found in /proc/net/tcp (IPv6, not Linux) is not waited for.
 */
async function accepted(port: number): Promise<void> {
  while (waitingToBeAccepted(port) > 0) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** One connection sending its requests in order, each after the previous answer's last byte; resolves with their latencies in ms. */
function sendAll(socket: Socket, port: number, requests: readonly Buffer[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let pending: Buffer = Buffer.alloc(0);
    let start = 0n;
    const next = () => {
      if (latencies.length === requests.length) {
        socket.end();
        return resolve(latencies);
      }
      start = process.hrtime.bigint();
      socket.write(requests[latencies.length] as Buffer);
    };
    socket.on("data", (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const answer = responseEnd(pending);
      if (!answer) return;
      if (answer.status !== 200) {
        socket.destroy();
        return reject(new Error(`the server on ${port} answered ${answer.status}: ${pending.toString("utf8", 0, Math.min(answer.end, 600))}`));
      }
      if (answer.end !== pending.length) {
        socket.destroy();
        return reject(new Error(`the server on ${port} sent more than one answer to one request`));
      }
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      pending = Buffer.alloc(0);
      next();
    });
    socket.on("error", reject);
    socket.on("close", () => {
      if (latencies.length < requests.length) reject(new Error(`the server on ${port} closed a connection after ${latencies.length} answers`));
    });
    next();
  });
}

/**
 * Sends each sequence of bodies in order on its own connection, all sequences at once (a conversation is a
 * sequence; one repeated body is many sequences of the same bytes). Every answer must be a 200.
 */
export async function runLoad(server: { port: number; pid: number }, path: string, sequences: readonly (readonly string[])[]): Promise<Load> {
  const { port, pid } = server;
  const encoded = new Map<string, Buffer>();
  const requests = sequences.map((bodies) => bodies.map((body) => encoded.get(body) ?? encoded.set(body, encodeRequest(port, path, body)).get(body) as Buffer));
  const sockets = await Promise.all(requests.map(() => open(port)));
  await accepted(port);
  const cpuBefore = cpuSeconds(pid);
  const clientBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const latencies = (await Promise.all(requests.map((each, i) => sendAll(sockets[i] as Socket, port, each)))).flat();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const client = process.cpuUsage(clientBefore);
  const cpu = cpuSeconds(pid) - cpuBefore;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    requests: latencies.length,
    cpuMicros: (cpu / latencies.length) * 1e6,
    clientCpuMicros: (client.user + client.system) / latencies.length,
  };
}
