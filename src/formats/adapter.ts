// The contract every wire format implements: detect it, read its history, write edits back losslessly.
import { z } from "zod";
import type { FormatName, HistoryEvent, RequestContext, ToolCallItem } from "../history/index.js";
import type { RawRecord } from "../read/index.js";

export interface HistoryContext {
  /** The whole file, for document formats that locate array elements inside one record. */
  bytes?: Buffer;
  /** Document formats: the items of the array's elements from this one on (the earlier ones were read before). */
  fromElement?: number;
}

/** The history stream of a file, with request-level facts known once the stream has been read. */
export interface HistoryStream {
  events: Iterable<HistoryEvent>;
  request(): RequestContext | undefined;
}

/**
 * A record-level edit; `record` and `after` count the format's editable units (-1: before the first).
 * Three edits serve the record-level repairs of line-oriented files: `drop-bytes` removes bytes that
 * belong to no record (a byte order mark, a truncated tail, a line that did not parse), and
 * `own-line` starts a record on a line of its own without rewriting it.
 */
export const Edit = z.discriminatedUnion("op", [
  z.object({ op: z.literal("insert"), after: z.number().int().min(-1), value: z.unknown() }),
  z.object({ op: z.literal("remove"), record: z.number().int().nonnegative() }),
  z.object({ op: z.literal("replace"), record: z.number().int().nonnegative(), value: z.unknown() }),
  z.object({ op: z.literal("move"), record: z.number().int().nonnegative(), after: z.number().int().min(-1) }),
  z.object({ op: z.literal("drop-bytes"), offset: z.number().int().nonnegative(), length: z.number().int().positive() }),
  z.object({ op: z.literal("own-line"), record: z.number().int().nonnegative() }),
  /** Numbers the records afresh (Codex `ordinal`, from the first record's) instead of shifting them. */
  z.object({ op: z.literal("renumber") }),
]);
export type Edit = z.infer<typeof Edit>;

export interface FormatAdapter {
  name: FormatName;
  /** `lines`: one record a line (JSONL). `document`: one JSON document whose array elements are the units. */
  layout: "lines" | "document";
  /** How sure (0 to 1) that the first records of a file are in this format. */
  detect(sample: readonly unknown[]): number;
  /**
   * Streams the history a request body holds. Formats a client writes (Codex, Claude Code) have none:
   * their client model rebuilds the history (src/clients/).
   */
  history?(records: Iterable<RawRecord>, context: HistoryContext): HistoryStream;
  /** Applies edits to the file and returns the new bytes; untouched units are written back byte for byte. */
  applyEdits(bytes: Buffer, records: readonly RawRecord[], edits: readonly Edit[]): Buffer;
  /** The edits that give `call` the output this format's client writes for a cancelled call. */
  cancelledOutput?(call: ToolCallItem, context: RepairContext): Edit[] | undefined;
}

/** What a format's repair needs to know of the file. */
export interface RepairContext {
  records: readonly RawRecord[];
  cancelText: string;
  unitValue(unit: number): unknown;
}
