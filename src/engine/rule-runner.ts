// Runs the enabled rules over one file's stream; one rule's crash never stops the others.
import type { ClientModel } from "../clients/index.js";
import type { FormatName, Item, RequestContext } from "../history/index.js";
import type { Profile, ProviderError } from "../profiles/index.js";
import type { RawRecord, ReadProblem } from "../read/index.js";
import { PairingIndex, type Fix, type Location, type Report, type Rule, type RuleVisitor } from "../rule-kit/index.js";
import type { Diagnostic, Severity } from "./diagnostic.js";
import { keepItemShape, keepRecordShape } from "./kept-shapes.js";
import { judge, SEVERITY_OF } from "./verdict.js";

export interface EnabledRule {
  rule: Rule;
  severity: Severity;
  /** The level was set by the user (configuration or `--rule`), not taken from the rule. */
  configured?: boolean;
}

export interface RunnerSetup {
  rules: readonly EnabledRule[];
  profile: Profile;
  format: FormatName;
  layout: "lines" | "document";
  request(): RequestContext | undefined;
  /** The client whose file this is, when the file is checked against that client's own endpoint. */
  client?: ClientModel;
}

export function diagnosticFor(ruleId: string, severity: Severity, message: string, at: Location, fixable = false): Diagnostic {
  const span = "endLine" in at ? at : { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1 };
  return {
    ruleId,
    severity,
    message,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
    ...(at.record !== undefined ? { record: at.record } : {}),
    ...(at.pointer !== undefined ? { pointer: at.pointer } : {}),
    fixable,
  };
}

interface Running {
  enabled: EnabledRule;
  visitor: RuleVisitor;
  /** Item rules restart at a compaction: what they found before it is no longer sent. */
  found: Diagnostic[];
  crashed: boolean;
}

/**
 * Feeds records, read problems and history items to the rules. Item rules are started again at a
 * `reset` (Codex compaction); `replayItems` runs them afresh over a final list (after a rollback).
 */
export class RuleRunner {
  private readonly settled: Diagnostic[] = [];
  /** The repair each diagnostic offers, for `fix`. */
  readonly fixes = new Map<Diagnostic, Fix>();
  /** The provider's answer to each diagnostic that has one, for the mock server. */
  readonly errors = new Map<Diagnostic, ProviderError>();
  private running: Running[] = [];
  /** The rules with each hook, kept apart so the hot loops touch only those. */
  private withRecord: Running[] = [];
  private withItem: Running[] = [];
  private withEnd: Running[] = [];
  /** The item rules by item type (rules may name the types their hook looks at, `itemTypes`), made when a type is first seen. */
  private byItemType = new Map<string, Running[]>();
  private seen = new PairingIndex();

  constructor(private readonly setup: RunnerSetup) {
    this.use(setup.rules.map((enabled) => this.start(enabled)));
  }

  private use(running: Running[]): void {
    this.running = running;
    this.withRecord = running.filter((r) => r.visitor.record);
    this.withItem = running.filter((r) => r.visitor.item);
    this.withEnd = running.filter((r) => r.visitor.end);
    this.byItemType = new Map();
  }

  private itemRulesFor(type: Item["type"]): Running[] {
    let rules = this.byItemType.get(type);
    if (!rules) {
      rules = this.withItem.filter((r) => !r.visitor.itemTypes || r.visitor.itemTypes.includes(type));
      this.byItemType.set(type, rules);
    }
    return rules;
  }

  private start(enabled: EnabledRule): Running {
    const running: Running = { enabled, visitor: {}, found: [], crashed: false };
    const { profile, format, layout, request } = this.setup;
    const client = this.setup.client;
    const ruleId = enabled.rule.meta.id;
    const report = ({ at, message, fix, error, problem, remedy, consequence }: Report) => {
      let severity = enabled.severity;
      let judged: ReturnType<typeof judge> | undefined;
      if (client) {
        judged = judge(client, { ruleId, at, message, refusedByProvider: error !== undefined, ...(problem !== undefined ? { problem } : {}), ...(remedy !== undefined ? { remedy } : {}), ...(consequence ? { consequence } : {}) });
        // A finding the client neither refuses, loses nor fails to open on is a note, not a problem.
        if (!enabled.configured) severity = judged.consequence ? SEVERITY_OF[judged.consequence] : "info";
      }
      const diagnostic = diagnosticFor(ruleId, severity, judged?.message ?? message, at, fix !== undefined);
      if (judged?.consequence) diagnostic.consequence = judged.consequence;
      running.found.push(diagnostic);
      if (fix) this.fixes.set(diagnostic, fix);
      // The mock answers only what the endpoint would refuse: not what the client repairs before sending.
      if (error && (!judged || judged.consequence === "refused")) this.errors.set(diagnostic, error);
    };
    const seen = this.seen;
    this.guard(running, () => (running.visitor = enabled.rule.create({ profile, format, layout, request, report, seen })));
    return running;
  }

  private guard(running: Running, call: () => void): void {
    if (running.crashed) return;
    try {
      call();
    } catch (error) {
      this.crash(running, error);
    }
  }

  /** A rule that threw is reported once for the file and runs no more; the others go on. */
  private crash(running: Running, error: unknown): void {
    running.crashed = true;
    const id = running.enabled.rule.meta.id;
    const message = `internal error in rule ${id}: ${(error as Error).message}; the other rules still ran. Please report it with this file`;
    this.settled.push(diagnosticFor(id, "error", message, { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 }));
  }

  // The hot path: one call a rule a record or item, no closure or allocation per rule.
  record(record: RawRecord): void {
    keepRecordShape(record);
    for (const running of this.withRecord) {
      if (running.crashed) continue;
      try {
        running.visitor.record?.(record);
      } catch (error) {
        this.crash(running, error);
      }
    }
  }

  readProblem(problem: ReadProblem): void {
    for (const running of this.running) if (running.visitor.readProblem) this.guard(running, () => running.visitor.readProblem?.(problem));
  }

  item(item: Item, index: number): void {
    const position = { index };
    for (const running of this.itemRulesFor(item.type)) {
      if (running.crashed) continue;
      try {
        running.visitor.item?.(item, position);
      } catch (error) {
        this.crash(running, error);
      }
    }
    this.seen.record(item, index);
    keepItemShape(item);
  }

  /** A compaction: item rules forget what they saw and found, and start again. */
  reset(): void {
    this.seen = new PairingIndex();
    this.use(this.running.map((running) => (running.visitor.item && !running.crashed ? this.start(running.enabled) : running)));
  }

  /** Runs the item rules afresh over the final items (a rollback made the streamed view wrong). */
  replayItems(items: readonly Item[]): void {
    this.reset();
    items.forEach((item, index) => this.item(item, index));
  }

  /** What the last `findingsSoFar` reported, dropped from `fixes` and `errors` at the next one. */
  private peeked: Diagnostic[] = [];

  /**
   * The findings `finish` would give now, leaving the runner able to take more items: the end hooks run
   * (they only read the state items build), then what they reported is taken back. The diagnostics keep
   * their `fixes` and `errors` entries until the next call, so the caller can read them.
   */
  findingsSoFar(): Diagnostic[] {
    for (const diagnostic of this.peeked) {
      this.fixes.delete(diagnostic);
      this.errors.delete(diagnostic);
    }
    // Only an end hook runs now, so only the rules with one can report or crash: theirs is what is taken back.
    const ending = this.withEnd;
    const found = ending.map((running) => running.found.length);
    const crashed = ending.map((running) => running.crashed);
    const settled = this.settled.length;
    const diagnostics = this.finish();
    const peeked = this.settled.slice(settled);
    this.settled.length = settled;
    ending.forEach((running, i) => {
      const was = found[i] as number;
      for (let d = was; d < running.found.length; d += 1) peeked.push(running.found[d] as Diagnostic);
      running.found.length = was;
      running.crashed = crashed[i] as boolean;
    });
    this.peeked = peeked;
    return diagnostics;
  }

  finish(): Diagnostic[] {
    for (const running of this.withEnd) {
      if (running.crashed) continue;
      try {
        running.visitor.end?.();
      } catch (error) {
        this.crash(running, error);
      }
    }
    const diagnostics = [...this.settled];
    for (const running of this.running) for (const diagnostic of running.found) diagnostics.push(diagnostic);
    return diagnostics;
  }
}
