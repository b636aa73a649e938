// A generated history in histlint's canonical model: its file read back through the format's adapter,
// so the items carry the sources (record, pointer, line, column) a rule would see.
import { analyse } from "../engine/index.js";
import { History } from "../history/schema.js";
import type { GeneratedHistory } from "./entries.js";

export function canonicalHistory(generated: Pick<GeneratedHistory, "text" | "format">): History {
  const analysis = analyse("generated", { buffer: Buffer.from(generated.text) }, { inputFormat: generated.format }, { items: true });
  return History.parse({ format: generated.format, items: analysis.items ?? [], ...(analysis.request ? { request: analysis.request } : {}) });
}
