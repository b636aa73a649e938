// Which `Host` the mock answers: a page in a browser can make a name it controls resolve to 127.0.0.1 (DNS rebinding)
// and read what the mock serves, recorded requests included; its requests still carry that name in `Host`.
import { isIP } from "node:net";

/** Names and addresses that always mean this machine. */
function isLoopback(hostname: string): boolean {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  if (hostname === "::1") return true;
  return isIP(hostname) === 4 && hostname.startsWith("127.");
}

/** `[::1]:8080` → `::1`; `Example.COM.:80` → `example.com`. */
function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(host);
  const name = bracketed ? (bracketed[1] as string) : host.replace(/:\d*$/, "");
  return name.toLowerCase().replace(/\.$/, "");
}

export interface HostRule {
  /** The address and port the server listens on: `Host: <that>:<port>` is always answered. */
  listening: { host: string; port: number };
  /** Other names (or `name:port`) to answer; `*` answers any. */
  allowed: readonly string[];
}

/** Whether a request with this `Host` header is answered. No header at all (HTTP/1.0) is not a browser's request. */
export function hostAllowed(header: string | undefined, rule: HostRule): boolean {
  if (header === undefined) return true;
  const host = header.trim().toLowerCase();
  const hostname = hostnameOf(host);
  if (isLoopback(hostname)) return true;
  const own = rule.listening.host.includes(":") ? `[${rule.listening.host}]` : rule.listening.host;
  if (host === `${own}:${rule.listening.port}`.toLowerCase()) return true;
  return rule.allowed.some((entry) => {
    const allowed = entry.trim().toLowerCase();
    return allowed === "*" || allowed === host || allowed === hostname;
  });
}

/** A bind address anyone on the network can reach (not loopback): `serve` warns about it. */
export function reachableFromNetwork(bindHost: string): boolean {
  return !isLoopback(hostnameOf(bindHost.includes(":") && !bindHost.startsWith("[") ? `[${bindHost}]` : bindHost));
}

export function hostRefusalMessage(header: string, port: number): string {
  return `histlint mock: requests addressed to Host "${header}" are not answered: only loopback names (localhost, 127.0.0.1, [::1]) and the address the mock listens on (port ${port}), against DNS rebinding. Allow another name with --allow-host <name> (allowedHosts in startMockServer).`;
}
