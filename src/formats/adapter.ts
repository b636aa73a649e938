// The contract every wire format implements: detect it, read its history, write edits back losslessly.
import type { Edit } from "./edit-schema.js";
import type { FormatName, HistoryEvent, RequestContext, ToolCallItem } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { LineStyle } from "./line-writer.js";

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

export type { Edit } from "./edit-schema.js";

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
  /**
   * JSONL formats: a survey of the records as they are read, whose style writes edits exactly as
   * `applyEdits` does, for a file written as a stream instead of held whole (line-writer.ts).
   */
  lineSurvey?(): LineSurvey;
  /** The edits that give `call` the output this format's client writes for a cancelled call. */
  cancelledOutput?(call: ToolCallItem, context: RepairContext): Edit[] | undefined;
}

/** What a format's repair needs to know of the file. */
export interface RepairContext {
  records: readonly RawRecord[];
  cancelText: string;
  unitValue(unit: number): unknown;
}

/** What a JSONL writer must know of every record before it writes (Codex: the ordinals), noted in file order. */
export interface LineSurvey {
  note(record: RawRecord): void;
  style(edits: readonly Edit[]): LineStyle;
}
