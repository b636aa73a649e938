// Claude Code sessions: detection and lossless edits. The conversation Claude Code rebuilds from the
// parentUuid tree is its client model's (src/clients/claude-code.ts).
import { stringifyJson } from "../read/index.js";
import type { RawRecord } from "../read/index.js";
import type { FormatAdapter, LineSurvey } from "./adapter.js";
import { isObject, stringField } from "./json-shape.js";
import { claudeCodeCancelledOutput } from "./cancelled-output.js";
import { writeLines } from "./writer.js";

function detect(sample: readonly unknown[]): number {
  const conversational = sample.filter((value) => isObject(value) && typeof value.uuid === "string" && "parentUuid" in value);
  if (conversational.length > 0) return 1;
  const known = ["queue-operation", "summary", "file-history-snapshot", "last-prompt"];
  return sample.length > 0 && sample.every((value) => isObject(value) && known.includes(stringField(value, "type") ?? "")) ? 0.6 : 0;
}

/** New records are written compact, one a line; nothing about the others is needed. */
function lineSurvey(): LineSurvey {
  return { note: () => undefined, style: () => ({ serialize: (value) => stringifyJson(value) }) };
}

function applyEdits(bytes: Buffer, records: readonly RawRecord[], edits: Parameters<FormatAdapter["applyEdits"]>[2]): Buffer {
  const units = records.map((record) => ({ offset: record.span.offset, length: record.span.length, value: record.value }));
  return writeLines(bytes, units, edits, lineSurvey().style(edits));
}

export const claudeCode: FormatAdapter = { name: "claude-code", layout: "lines", detect, applyEdits, lineSurvey, cancelledOutput: claudeCodeCancelledOutput };
