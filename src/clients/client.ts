// The contract of a client model: what one client (at a named version) makes of its own file on resume.
import type { HistoryContext, HistoryStream } from "../formats/index.js";
import type { FormatName, Item } from "../history/index.js";
import type { RawRecord } from "../read/index.js";

/**
 * What a finding about a client's file means when that client resumes it: what it sends is refused
 * by the endpoint, it silently drops or replaces something the file holds, or it will not open the file.
 */
export type Consequence = "refused" | "lost" | "wont-open";

export const CONSEQUENCES: readonly Consequence[] = ["refused", "lost", "wont-open"];

/** A place in the file a finding is about, as the runner knows it. */
export interface FindingPlace {
  line: number;
  record?: number;
}

/** How a client meets one rule's finding: the kind, and for `lost` what it does, in a few words. */
export interface ClientVerdict {
  consequence: Consequence;
  /** For `lost`: what the client does, completing "on resume <client> …" (`drops the output`). */
  does?: string;
  /** For `wont-open`: the client's own error text. */
  says?: string;
}

/** What the client does by itself to the rebuilt history before it sends it (never written to the file). */
export interface SelfRepair {
  items: Item[];
  /** Items the client adds: they stand for nothing in the file. */
  inserted: Set<Item>;
  /** Items of the file the client leaves out, each with why. */
  dropped: { item: Item; why: string }[];
  /** Items of the file the client sends with other content. */
  replaced: { item: Item; with: Item; why: string }[];
}

export interface ClientModel {
  /** The client's name as a user knows it (`Codex CLI`). */
  label: string;
  /** The release the model was verified against by the differential tests. */
  version: string;
  format: FormatName;
  /** The profile of the endpoint the client sends to. */
  profile: "codex" | "anthropic" | "openai-responses" | "gemini";
  /** Whether the client reads this record at all (Codex skips a line that is not one JSON object). */
  reads(record: RawRecord): boolean;
  /** The conversation the client rebuilds from the records it reads, before its own repair. */
  history(records: Iterable<RawRecord>, context: HistoryContext): HistoryStream;
  /** What the client changes in the rebuilt conversation before each request. */
  selfRepair(items: readonly Item[], records: readonly RawRecord[]): SelfRepair;
  /** How the client meets a finding of `ruleId` at `place`; `refused` when it sends the problem as it is. */
  verdict(ruleId: string, place: FindingPlace): ClientVerdict;
}

/** `Codex CLI 0.169.0`: how a message names the client and the release it was verified against. */
export function clientName(client: ClientModel): string {
  return `${client.label} ${client.version}`;
}
