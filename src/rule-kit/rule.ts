// The shape every rule has: meta (id, docs, examples, severity per profile) and a streaming visitor.
import type { Consequence } from "../clients/index.js";
import type { Severity } from "../engine/diagnostic.js";
import type { FormatName, Item, RequestContext, Source } from "../history/index.js";
import type { Profile, ProfileName, ProviderError } from "../profiles/index.js";
import type { RawRecord, ReadProblem, Span } from "../read/index.js";
import type { Fix } from "./fix.js";
import type { PairingIndex } from "./pairing-index.js";

export type Level = Severity | "off";

/** A history a rule's docs show; an invalid one states the lines its diagnostics start at. */
export interface RuleExample {
  format: FormatName;
  /** The profile to lint with; the format's default when absent. */
  profile?: ProfileName;
  text: string;
  /** For invalid examples: the line of each diagnostic the rule must report, in order. */
  lines?: number[];
  /** For invalid examples of a fixable rule: the file after its fixes (safe and unsafe) are applied. */
  output?: string;
}

export interface RuleMeta {
  id: string;
  /** One line: what the rule finds. */
  description: string;
  /** Default level, or a level per profile (`default` for the rest). */
  severity: Level | ({ default: Level } & Partial<Record<ProfileName, Level>>);
  /** Whether the repair issue's `fix` can repair it, and with how much judgement. */
  fixable: "safe" | "unsafe" | false;
  /** Formats the rule reads records of (record rules); every format when absent. */
  formats?: readonly FormatName[];
  /** Why it matters: the provider error it prevents, quoted exactly, and what to do. */
  docs: string;
  examples: { valid: RuleExample[]; invalid: RuleExample[] };
}

/** Where a finding is: an item's source, or a span of the file. */
export type Location = Source | (Span & { record?: number; pointer?: string });

export interface Report {
  at: Location;
  message: string;
  /** What the provider answers a request with this problem, for the mock server. */
  error?: ProviderError;
  /** The repair, when the rule can offer one for this finding. */
  fix?: Fix;
  /** The halves of the message (see `describe`), for the client model's wording. */
  problem?: string;
  remedy?: string;
  /** What the client does, for a rule that knows its client; otherwise the client model says. */
  consequence?: Consequence;
}

export interface RuleContext {
  profile: Profile;
  format: FormatName;
  /** `lines`: one record a line (JSONL), where a reader skips lines that are not one object. */
  layout: "lines" | "document";
  /** Calls, outputs and item ids of the items before the current one (shared by all rules). */
  seen: PairingIndex;
  /** Request-level facts (model, tools, thinking); complete once the history has been read. */
  request(): RequestContext | undefined;
  report(report: Report): void;
}

/** Where an item stands in the request: its index in the `input`/`messages` array. */
export interface ItemPosition {
  index: number;
}

/**
 * A rule sees the file as a stream. Item hooks see the history the model would receive; a rule with
 * an `item` hook is started again at a Codex compaction (what came before is no longer sent).
 * The rules' visitors are instances of a class, their state in fields: hooks made as closures in
 * `create` are new functions for each file, and V8 compiles a closure's first optimised code for
 * its own context, so the next file's closures are compiled again.
 */
export interface RuleVisitor {
  item?(item: Item, position: ItemPosition): void;
  /**
   * The item types `item` does anything for, when it does nothing at all (not even keep state) for
   * the others: the runner calls it for these only. Absent: every item.
   */
  readonly itemTypes?: readonly Item["type"][];
  record?(record: RawRecord): void;
  readProblem?(problem: ReadProblem): void;
  end?(): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitor;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** The level a rule runs at under a profile, before configuration. */
export function defaultLevel(meta: RuleMeta, profile: ProfileName): Level {
  return typeof meta.severity === "string" ? meta.severity : meta.severity[profile] ?? meta.severity.default;
}
