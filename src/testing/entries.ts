// The abstract history the generators and the Sequencer build: what happened, before any wire format.
import type { FormatName } from "../history/index.js";
import type { ProfileName } from "../profiles/index.js";

export type Entry =
  | { type: "user"; text: string }
  | { type: "assistant"; text: string }
  /** A reasoning item (Responses) or thinking block (Anthropic); Chat has no place for it. */
  | { type: "reasoning"; summary: string }
  /** `function` calls take JSON arguments; `custom` tools (Codex's apply_patch) take free text. */
  | { type: "call"; callId: string; name: string; input: string; tool: "function" | "custom" }
  | { type: "output"; callId: string; output: string; error?: boolean }
  /** A Codex compaction at a turn boundary: the history before it is rebuilt around the summary. */
  | { type: "compaction"; summary: string }
  /** A wire value written as it is, for faults no well-formed entry can express. */
  | { type: "wire"; value: unknown };

/** A generated history: its entries, the profile it is valid for, and its file in `format`. */
export interface GeneratedHistory {
  profile: ProfileName;
  format: FormatName;
  entries: Entry[];
  /** The file a client of `format` would have written. */
  text: string;
}

/** The format a profile's client writes, and the others that can carry the same history. */
export const FORMATS_FOR: Record<ProfileName, readonly FormatName[]> = {
  codex: ["codex", "responses"],
  "openai-responses": ["responses", "codex"],
  "openai-chat": ["chat"],
  anthropic: ["anthropic", "claude-code"],
  gemini: ["gemini"],
};

export function checkFormat(profile: ProfileName, format: FormatName | undefined): FormatName {
  const formats = FORMATS_FOR[profile];
  if (format === undefined) return formats[0] as FormatName;
  if (!formats.includes(format)) throw new Error(`a ${profile} history cannot be written as ${format}: use ${formats.join(" or ")}`);
  return format;
}
