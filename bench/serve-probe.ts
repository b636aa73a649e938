// A server for the mock benchmark, in a process of its own: histlint's mock, or a bare node:http
// server answering every request with the same bytes. Prints its port, serves until killed.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startMockServer } from "../src/server/index.js";

const [kind, answer] = process.argv.slice(2);
// Exit cleanly when the benchmark is done, so a --cpu-prof run writes its profile.
process.on("SIGTERM", () => process.exit(0));
if (kind === "mock") {
  const mock = await startMockServer();
  console.log(mock.port);
} else {
  const bytes = Buffer.from(answer ?? "{}");
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": bytes.length });
      res.end(bytes);
    });
  });
  server.listen(0, "127.0.0.1", () => console.log((server.address() as AddressInfo).port));
}
