// A server for the mock benchmark, in a process of its own: histlint's mock (`mock`; `mock-uncached`
// without its validation cache), or a node:http server answering every request with the same bytes after
// `JSON.parse` of the body (`parse`: the least any validating server must do). Prints its port, serves until killed.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startMockServer } from "../src/server/index.js";

const [kind, answer] = process.argv.slice(2);
// Exit cleanly when the benchmark is done, so a --cpu-prof run writes its profile.
process.on("SIGTERM", () => process.exit(0));
if (kind === "mock" || kind === "mock-uncached") {
  const mock = await startMockServer(kind === "mock-uncached" ? { validationCacheBytes: 0 } : {});
  console.log(mock.port);
} else {
  const bytes = Buffer.from(answer ?? "{}");
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (chunk: Buffer) => parts.push(chunk));
    req.on("end", () => {
      JSON.parse(Buffer.concat(parts).toString("utf8"));
      res.writeHead(200, { "content-type": "application/json", "content-length": bytes.length });
      res.end(bytes);
    });
  });
  server.listen(0, "127.0.0.1", () => console.log((server.address() as AddressInfo).port));
}
