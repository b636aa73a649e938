// Server-sent events: one frame an event, flushed as written.
import type { ServerResponse } from "node:http";

export function startStream(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
}

/** `event: <name>` (when named) and `data: <json>`, then a blank line. */
export function frame(res: ServerResponse, event: string | undefined, data: unknown): void {
  res.write(`${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
}
