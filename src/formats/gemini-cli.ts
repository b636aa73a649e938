// Gemini CLI session files (`~/.gemini/tmp/<project>/chats/session-*.jsonl`, and the `.json` documents of
// releases before 0.60): detection, lossless edits, and the result the CLI records for a cancelled call.
// What the CLI rebuilds from them is its client model's (src/clients/gemini-cli.ts).
import type { ToolCallItem } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { Edit, FormatAdapter, RepairContext } from "./adapter.js";
import { isObject, type JsonObject } from "./json-shape.js";
import { writeLines } from "./writer.js";

const isHeader = (value: unknown) => isObject(value) && typeof value.sessionId === "string" && typeof value.projectHash === "string";
const isSessionRecord = (value: unknown) => isObject(value) && (isObject(value.$set) || typeof value.$rewindTo === "string" || (typeof value.id === "string" && typeof value.type === "string" && ["user", "gemini", "info", "error", "warning"].includes(value.type)));

function detect(sample: readonly unknown[]): number {
  if (sample.length === 0) return 0;
  if (isHeader(sample[0])) return 1;
  return sample.some(isSessionRecord) && sample.every((value) => isSessionRecord(value) || isHeader(value)) ? 0.7 : 0;
}

function applyEdits(bytes: Buffer, records: readonly RawRecord[], edits: readonly Edit[]): Buffer {
  const units = records.map((record) => ({ offset: record.span.offset, length: record.span.length, value: record.value }));
  // A legacy document is pretty-printed, as the CLI wrote it; log lines are one compact record each.
  const pretty = records.length === 1 && records[0]?.spansLines === true;
  return writeLines(bytes, units, edits, { serialize: (value) => (pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)) });
}

/** The record (and its place in it) that holds a `toolCalls[i]` entry, from the call's pointer. */
function toolCallAt(call: ToolCallItem, context: RepairContext): { value: JsonObject; path: string[]; index: number } | undefined {
  const match = /^((?:\/\$set\/messages\/\d+|\/messages\/\d+)?)\/toolCalls\/(\d+)$/.exec(call.source.pointer);
  const value = context.unitValue(call.source.record);
  if (!match || !isObject(value)) return undefined;
  return { value, path: (match[1] as string).split("/").slice(1), index: Number(match[2]) };
}

/**
 * What Gemini CLI itself writes when a tool call is cancelled: `status: "cancelled"` and an error
 * `functionResponse` as its `result`, in the `gemini` record that made the call.
 */
export function geminiCliCancelledOutput(call: ToolCallItem, context: RepairContext): Edit[] | undefined {
  const at = toolCallAt(call, context);
  if (!at) return undefined;
  const rewrite = (node: unknown, path: string[]): unknown => {
    if (path.length > 0) {
      const [key, ...rest] = path as [string, ...string[]];
      if (Array.isArray(node)) return node.map((child, i) => (String(i) === key ? rewrite(child, rest) : child));
      return isObject(node) ? { ...node, [key.replace(/~1/g, "/").replace(/~0/g, "~")]: rewrite(node[key], rest) } : node;
    }
    if (!isObject(node) || !Array.isArray(node.toolCalls)) return node;
    const toolCalls = node.toolCalls.map((entry, i) => {
      if (i !== at.index || !isObject(entry)) return entry;
      const result = [{ functionResponse: { id: entry.id, name: entry.name, response: { error: context.cancelText } } }];
      return { ...entry, status: "cancelled", result };
    });
    return { ...node, toolCalls };
  };
  return [{ op: "replace", record: call.source.record, value: rewrite(at.value, at.path) }];
}

export const geminiCli: FormatAdapter = { name: "gemini-cli", layout: "lines", detect, applyEdits, cancelledOutput: geminiCliCancelledOutput };
