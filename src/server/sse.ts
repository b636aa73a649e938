// Server-sent events: streams are built as frames, then sent by one writer that applies delays and cuts.
import type { ServerResponse } from "node:http";

/** One SSE frame: `event:` (when named) and `data:`. */
export interface Frame {
  event?: string;
  data: unknown;
}

export function startStream(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
}

function encode(frame: Frame): string {
  return `${frame.event ? `event: ${frame.event}\n` : ""}data: ${typeof frame.data === "string" ? frame.data : JSON.stringify(frame.data)}\n\n`;
}

export interface Delivery {
  /** Milliseconds to wait before each frame. */
  delayMs?: number;
  /** Destroy the connection after this many frames, as a dropped stream does. */
  cutAfter?: number;
}

export async function sendFrames(res: ServerResponse, frames: readonly Frame[], delivery: Delivery = {}): Promise<void> {
  startStream(res);
  // Nothing to wait for or cut: the frames go in one write (one chunk with the head) instead of one write each.
  if (!delivery.delayMs && delivery.cutAfter === undefined) return void res.end(frames.map(encode).join(""));
  for (const [i, frame] of frames.entries()) {
    if (delivery.cutAfter !== undefined && i >= delivery.cutAfter) {
      res.socket?.destroy();
      return;
    }
    if (delivery.delayMs) await new Promise((resolve) => setTimeout(resolve, delivery.delayMs));
    res.write(encode(frame));
  }
  res.end();
}
