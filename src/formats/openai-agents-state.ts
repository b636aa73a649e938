// A serialized OpenAI Agents SDK run (`result.state.toString()`): one JSON document, edited as a whole.
// How the SDK rebuilds and resumes the run from it is its client model's (src/clients/openai-agents.ts).
import { stringifyJson } from "../read/index.js";
import type { RawRecord } from "../read/index.js";
import type { Edit, FormatAdapter } from "./adapter.js";
import { isObject } from "./json-shape.js";
import { writeLines } from "./writer.js";

/** Keys only a run state has together; `$schemaVersion` alone is not enough (JSON Schema documents have `$schema`). */
const STATE_KEYS = ["currentStep", "generatedItems", "originalInput", "lastProcessedResponse", "currentAgent"];

function detect(sample: readonly unknown[]): number {
  const first = sample[0];
  if (sample.length !== 1 || !isObject(first)) return 0;
  const stateKeys = STATE_KEYS.filter((key) => key in first).length;
  if ("$schemaVersion" in first && stateKeys >= 2) return 1;
  // A state that lost its version is still a state: the loader's refusal is a finding, not an unknown format.
  return stateKeys >= 4 ? 0.9 : 0;
}

/**
 * A repair replaces the document: the SDK writes it on one line (`JSON.stringify`), and a state a person
 * pretty-printed keeps two-space indentation. What surrounds the document (a final newline) is kept;
 * the only edit a state takes is a new value for the whole document.
 */
function applyEdits(bytes: Buffer, records: readonly RawRecord[], edits: readonly Edit[]): Buffer {
  const record = records.length === 1 ? records[0] : undefined;
  const replacement = edits.filter((edit) => edit.op === "replace" && edit.record === 0).at(-1);
  if (!record || !replacement || replacement.op !== "replace") {
    // Not one document (the file was cut, or something was pasted around it): the read repairs' line edits.
    const units = records.map((r) => ({ offset: r.span.offset, length: r.span.length, value: r.value }));
    return writeLines(bytes, units, edits, { serialize: (value) => stringifyJson(value) });
  }
  const text = record.spansLines ? stringifyJson(replacement.value, 2) : stringifyJson(replacement.value);
  const { offset, length } = record.span;
  return Buffer.concat([bytes.subarray(0, offset), Buffer.from(text), bytes.subarray(offset + length)]);
}

export const openAiAgentsState: FormatAdapter = { name: "openai-agents-state", layout: "document", detect, applyEdits };
