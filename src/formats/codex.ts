// Codex CLI rollouts: the envelope and the legacy bare format, and edits that keep `ordinal` consistent.
// How Codex rebuilds the conversation from them is its client model's (src/clients/codex.ts).
import { stringifyJson } from "../read/index.js";
import type { RawRecord } from "../read/index.js";
import type { Edit, FormatAdapter, LineSurvey } from "./adapter.js";
import { isObject, stringField, type JsonObject } from "./json-shape.js";
import { codexCancelledOutput } from "./cancelled-output.js";
import { writeLines } from "./writer.js";

/** Record types FORMATS.md lists; anything else is passed through as unknown. */
export const CODEX_RECORD_TYPES = new Set([
  "session_meta",
  "response_item",
  "event_msg",
  "turn_context",
  "compacted",
  "world_state",
  "token_usage_record",
  "inter_agent_communication",
]);

/** The response item types a rollout's legacy lines are recognised by. */
export const RESPONSE_ITEM_TYPES: ReadonlySet<string> = new Set([
  "message",
  "reasoning",
  "function_call",
  "function_call_output",
  "custom_tool_call",
  "custom_tool_call_output",
  "local_shell_call",
  "web_search_call",
]);

function isEnvelope(value: unknown): value is JsonObject {
  return isObject(value) && typeof value.type === "string" && "payload" in value && "timestamp" in value;
}

/** A legacy rollout line: a bare session meta, a bare response item, or `{"record_type":"state"}`. */
function isLegacyRecord(value: unknown): boolean {
  if (!isObject(value)) return false;
  return "record_type" in value || RESPONSE_ITEM_TYPES.has(stringField(value, "type") ?? "") || ("id" in value && "timestamp" in value && !("type" in value));
}

function detect(sample: readonly unknown[]): number {
  const first = sample[0];
  if (isEnvelope(first) && first.type === "session_meta") return 1;
  if (sample.length > 0 && sample.every(isEnvelope)) return 0.9;
  if (isObject(first) && "id" in first && "timestamp" in first && !("type" in first) && sample.slice(1).every(isLegacyRecord)) {
    return 0.8;
  }
  return 0;
}

const ORDINAL = /"ordinal"\s*:\s*(\d+)/;

const ordinalOf = (value: unknown) => (isObject(value) && typeof value.ordinal === "number" ? value.ordinal : undefined);

/**
 * Keeps `ordinal` consistent across edits: a record's ordinal moves by as many places as the record
 * moved (so numbering the edits do not disturb is left alone, gaps included), and an inserted record
 * takes the ordinal after the record before it.
 */
function lineSurvey(): LineSurvey {
  let first: number | undefined;
  let lowest: number | undefined;
  // Places count numbered records only: a line without an ordinal (a bare number, an array) that
  // goes or comes shifts no one's ordinal.
  const placeBefore: number[] = [0];
  return {
    note(record) {
      const ordinal = ordinalOf(record.value);
      placeBefore.push((placeBefore.at(-1) as number) + (ordinal === undefined ? 0 : 1));
      if (ordinal === undefined) return;
      first ??= ordinal;
      lowest = Math.min(lowest ?? ordinal, ordinal);
    },
    style(edits) {
      // A moved record would otherwise take a place's ordinal minus the distance it moved (below zero for a
      // session meta moved to line 1, which Codex refuses): a move numbers the records afresh.
      const renumberAll = edits.some((edit) => edit.op === "renumber" || (edit.op === "move" && edit.after !== edit.record - 1));
      const firstOrdinal = renumberAll ? lowest : first;
      let placed = 0;
      let lastAssigned = firstOrdinal === undefined ? undefined : firstOrdinal - 1;
      return {
        serialize(value) {
          if (lastAssigned === undefined || !isObject(value)) return stringifyJson(value);
          placed += 1;
          lastAssigned += 1;
          const { timestamp, ordinal: _replaced, ...rest } = value;
          return stringifyJson(timestamp === undefined ? { ordinal: lastAssigned, ...rest } : { timestamp, ordinal: lastAssigned, ...rest });
        },
        renumber(bytes, value, _position, index) {
          const ordinal = ordinalOf(value);
          if (ordinal === undefined || !isObject(value)) return bytes;
          const place = placed++;
          lastAssigned = renumberAll && lastAssigned !== undefined ? lastAssigned + 1 : ordinal + place - (placeBefore[index] ?? 0);
          if (lastAssigned === ordinal) return bytes;
          // Latin-1 maps each byte to one character and back: the number changes, every other byte stays.
          const text = bytes.toString("latin1");
          const match = ORDINAL.exec(text);
          if (match && Number(match[1]) === ordinal) return Buffer.from(text.replace(ORDINAL, `"ordinal":${lastAssigned}`), "latin1");
          return Buffer.from(stringifyJson({ ...value, ordinal: lastAssigned }));
        },
      };
    },
  };
}

function applyEdits(bytes: Buffer, records: readonly RawRecord[], edits: readonly Edit[]): Buffer {
  const survey = lineSurvey();
  records.forEach((record) => survey.note(record));
  const units = records.map((record) => ({ offset: record.span.offset, length: record.span.length, value: record.value }));
  return writeLines(bytes, units, edits, survey.style(edits));
}

export const codex: FormatAdapter = { name: "codex", layout: "lines", detect, applyEdits, lineSurvey, cancelledOutput: codexCancelledOutput };
