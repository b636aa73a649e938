// The session files the differential test resumes: real sessions Claude Code recorded in the test run
// (or the committed real fixtures), each broken or bent in one way histlint has to model.

/** A session file as lines, each with its record when it is a JSON object. */
export class Session {
  readonly lines: string[];
  constructor(text: string) {
    this.lines = text.replace(/\n$/, "").split("\n");
  }
  static of(lines: string[]): Session {
    return new Session(lines.join("\n") + "\n");
  }
  record(i: number): Rec | undefined {
    try {
      const value = JSON.parse(this.lines[i] as string) as unknown;
      return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Rec) : undefined;
    } catch {
      return undefined;
    }
  }
  get records(): (Rec | undefined)[] {
    return this.lines.map((_, i) => this.record(i));
  }
  /** The index of the `n`th (0-based) line whose record matches. */
  find(match: (r: Rec) => boolean, n = 0): number {
    const hits = this.records.flatMap((r, i) => (r && match(r) ? [i] : []));
    const hit = hits[n < 0 ? hits.length + n : n];
    if (hit === undefined) throw new Error(`no record #${n} matches in the base session`);
    return hit;
  }
  uuid(i: number): string {
    return this.record(i)?.uuid as string;
  }
  /** A copy with line `i`'s record changed. */
  edit(i: number, change: (r: Rec) => void): Session {
    const lines = [...this.lines];
    const r = this.record(i) as Rec;
    change(r);
    lines[i] = JSON.stringify(r);
    return Session.of(lines);
  }
  /** A copy with every record whose parent is `from` hung off `to` instead. */
  reparent(from: string, to: string | null): Session {
    return Session.of(this.records.map((r, i) => (r?.parentUuid === from ? JSON.stringify({ ...r, parentUuid: to }) : (this.lines[i] as string))));
  }
  /** A copy without line `i`, its children hung off its parent (the chain stays whole). */
  splice(i: number): Session {
    const r = this.record(i) as Rec;
    const lines = this.reparent(r.uuid as string, (r.parentUuid as string | null) ?? null).lines.filter((_, j) => j !== i);
    return Session.of(lines);
  }
  /** A copy with `record` inserted after line `i`, hung off line `i`'s record, which its children now follow. */
  insertAfter(i: number, make: (parent: Rec) => Rec): Session {
    const parent = this.record(i) as Rec;
    const inserted = make(parent);
    const lines = this.reparent(parent.uuid as string, inserted.uuid as string).lines;
    lines.splice(i + 1, 0, JSON.stringify({ ...inserted, parentUuid: parent.uuid }));
    return Session.of(lines);
  }
  /** The first `n` lines. */
  head(n: number): Session {
    return Session.of(this.lines.slice(0, n));
  }
  get text(): string {
    return this.lines.join("\n") + "\n";
  }
}

export type Rec = Record<string, unknown> & { message?: { role: string; content: unknown; id?: string; [key: string]: unknown } };

export interface Variant {
  name: string;
  /** The fact of /work/scratch/claude-code-facts.md it measures. */
  fact: string;
  bytes: Buffer;
}

export interface Bases {
  /** One prompt, a text and one Bash call, its result, a closing text. */
  oneTool: Session;
  /** One prompt, two parallel Bash calls, their results (a tree), a closing text. */
  parallel: Session;
  /** Three prompts: a plain answer, then a Bash call each (the calls' ids differ). */
  turns: Session;
  fixtures: Record<string, Session>;
}

const content = (r: Rec): unknown[] => (Array.isArray(r.message?.content) ? (r.message?.content as unknown[]) : []);
const first = (r: Rec): Record<string, unknown> => (content(r)[0] ?? {}) as Record<string, unknown>;
const isPrompt = (r: Rec): boolean => r.type === "user" && typeof r.message?.content === "string";
const isToolUse = (r: Rec): boolean => r.type === "assistant" && first(r).type === "tool_use";
const isToolResult = (r: Rec): boolean => r.type === "user" && first(r).type === "tool_result";
const isText = (r: Rec): boolean => r.type === "assistant" && first(r).type === "text";
const isConversation = (r: Rec | undefined): boolean => ["user", "assistant", "attachment", "system"].includes(r?.type as string);

/** A timestamp `ms` after (or before, when negative) the record's own. */
const shifted = (r: Rec, ms: number): string => new Date(Date.parse(r.timestamp as string) + ms).toISOString();

/** Deterministic uuids for the records the variants add (a run builds the same files from the same bases). */
let added = 0;
const nextUuid = (): string => `a11ed000-0000-4000-8000-${String(++added).padStart(12, "0")}`;

/** The fields every conversation record carries, copied from a neighbour. */
function envelope(like: Rec, fields: Partial<Rec>): Rec {
  const { sessionId, cwd, version, gitBranch, userType, entrypoint } = like;
  return { parentUuid: null, isSidechain: false, ...fields, uuid: nextUuid(), timestamp: shifted(like, 1), userType, entrypoint, cwd, sessionId, version, gitBranch };
}
const userText = (like: Rec, text: string): Rec => envelope(like, { type: "user", message: { role: "user", content: text } });

export function variants(bases: Bases): Variant[] {
  added = 0;
  const { oneTool: a, parallel: b, turns: c } = bases;
  const out: Variant[] = [];
  const add = (name: string, fact: string, session: Session | string | Buffer): void => {
    out.push({ name, fact, bytes: Buffer.isBuffer(session) ? session : Buffer.from(typeof session === "string" ? session : session.text) });
  };

  add("one-tool-as-recorded", "baseline", a);
  add("parallel-as-recorded", "baseline", b);
  add("turns-as-recorded", "baseline", c);
  for (const [name, fixture] of Object.entries(bases.fixtures)) add(`fixture-${name}-as-committed`, "baseline", fixture);

  // 1. chain order, not file order
  {
    const use = a.find(isToolUse);
    const result = a.find(isToolResult);
    const lines = [...a.lines];
    const [line] = lines.splice(result, 1);
    lines.splice(use, 0, line as string);
    add("one-tool-result-line-before-its-call", "1", Session.of(lines));
    // Not a variant: a file written backwards gives answers that change with the recording's timestamps
    // (measured: "say hello" / "No response requested." in one run, "say hello" / "Hello!" in another),
    // so no fixed expectation can be asserted for it.
  }

  // 2. a parent that names no record; a null parent in the middle
  {
    const p2 = c.find(isPrompt, 1);
    const dangling = c.edit(p2, (r) => (r.parentUuid = "00000000-0000-4000-8000-000000000000"));
    const moved = [...dangling.lines];
    const [line] = moved.splice(p2, 1);
    moved.push(line as string);
    add("turns-dangling-parent-line-moved-to-end", "2", Session.of(moved));
    add("turns-dangling-parent", "2", dangling);
    add("turns-dangling-parent-earliest-timestamp", "2", dangling.edit(p2, (r) => (r.timestamp = "2020-01-01T00:00:00.000Z")));
    add("turns-null-parent-mid-chain", "2", c.edit(p2, (r) => (r.parentUuid = null)));
  }

  // 3. a call with no result, a result with no call, a result with a wrong id
  {
    add("turns-tool-use-without-result", "3", c.splice(c.find(isToolResult, 0)));
    add("one-tool-result-without-tool-use", "3", a.splice(a.find(isToolUse)));
    add("one-tool-result-with-wrong-id", "3", a.edit(a.find(isToolResult), (r) => (first(r).tool_use_id = "toolu_999nosuchcallxxxxxxxxxx")));
    add("parallel-one-result-missing", "3", b.splice(b.find(isToolResult, 1)));
  }

  // 4. a file that ends inside a tool call, or with a tool result
  {
    add("one-tool-ends-inside-tool-call", "4", a.head(a.find(isToolUse) + 1));
    add("parallel-ends-inside-tool-calls", "4", b.head(b.find(isToolUse, 1) + 1));
    add("one-tool-ends-with-tool-result", "4", a.head(a.find(isToolResult) + 1));
    add("parallel-ends-after-one-of-two-results", "4", b.head(b.find(isToolResult, 0) + 1));
  }

  // 5. a user text between a call and its result
  add("one-tool-user-text-between-call-and-result", "5", a.insertAfter(a.find(isToolUse), (p) => userText(p, "a note typed while the tool ran")));

  // 6. a tool_use id reused in a later turn
  {
    const earlierId = first(c.record(c.find(isToolUse, 0)) as Rec).id;
    const laterUse = c.find(isToolUse, 1);
    const laterResult = c.find(isToolResult, 1);
    add("turns-tool-use-id-reused", "6", c.edit(laterUse, (r) => (first(r).id = earlierId)).edit(laterResult, (r) => (first(r).tool_use_id = earlierId)));
  }

  // 7. an API error answer
  add(
    "turns-api-error-answer",
    "7",
    c.edit(c.find(isText, 0), (r) => {
      r.isApiErrorMessage = true;
      r.error = "unknown";
      r.message = { ...(r.message as NonNullable<Rec["message"]>), model: "<synthetic>", content: [{ type: "text", text: "API Error: 500 Internal server error" }] };
    }),
  );

  // 8. compactions
  {
    const p2 = c.find(isPrompt, 1);
    const f2 = c.find(isText, 1);
    const p3 = c.find(isPrompt, 2);
    const last = c.record(f2) as Rec;
    const summaryText = "This session is being continued from a previous conversation that ran out of context. Summary: the user said hello and ran pwd.";
    const compacted = (preserved: boolean): Session => {
      const boundary = envelope(last, {
        type: "system",
        subtype: "compact_boundary",
        content: "Conversation compacted",
        isMeta: false,
        level: "info",
        logicalParentUuid: last.uuid,
        compactMetadata: { trigger: "manual", preTokens: 1000 },
      });
      const summary = envelope(last, { type: "user", parentUuid: boundary.uuid, isCompactSummary: true, isVisibleInTranscriptOnly: true, message: { role: "user", content: summaryText } });
      if (preserved) (boundary.compactMetadata as Record<string, unknown>).preservedSegment = { headUuid: c.uuid(p2), anchorUuid: summary.uuid, tailUuid: c.uuid(f2) };
      const rest = c.reparent(c.record(p3)?.parentUuid as string, summary.uuid as string);
      const lines = [...rest.lines];
      lines.splice(p3 - 2, 0, JSON.stringify(boundary), JSON.stringify(summary));
      return Session.of(lines);
    };
    add("turns-compact-boundary", "8", compacted(false));
    add("turns-compact-boundary-preserved-segment", "8", compacted(true));
  }

  // 9. a cut last line
  {
    add("one-tool-cut-last-line-not-conversation", "9", a.text + '{"type":"last-prompt","lastPrompt":"list the fi');
    const f = a.find(isText, -1);
    const line = a.lines[f] as string;
    add("one-tool-cut-last-conversation-record", "9", Session.of(a.lines.slice(0, f)).text + line.slice(0, Math.floor(line.length / 2)));
  }

  // 10. reader tolerances and merging
  {
    const p = a.find(isPrompt);
    const lines = [...a.lines];
    lines.splice(p + 1, 0, "this line is not JSON");
    add("one-tool-invalid-json-line-in-middle", "10", Session.of(lines));
    add("one-tool-byte-order-mark", "10", "\ufeff" + a.text);
    add("one-tool-crlf-line-endings", "10", a.lines.join("\r\n") + "\r\n");
    const joined = (s: Session, i: number): Session => Session.of([...s.lines.slice(0, i), `${s.lines[i]}${s.lines[i + 1]}`, ...s.lines.slice(i + 2)]);
    add("one-tool-call-and-next-line-on-one-line", "10", joined(a, a.find(isToolUse)));
    {
      const use = a.find(isToolUse);
      const result = a.find(isToolResult);
      const lines = a.lines.filter((_, i) => i !== result);
      lines[use] = `${a.lines[use]}${a.lines[result]}`;
      add("one-tool-call-and-its-result-on-one-line", "10", Session.of(lines));
    }
    add("parallel-two-calls-on-one-line", "10", joined(b, b.find(isToolUse, 0)));
    add("one-tool-two-user-prompts-in-a-row", "10", a.insertAfter(p, (parent) => userText(parent, "and say how many")));
    add("one-tool-call-in-its-own-assistant-message", "10", a.edit(a.find(isToolUse), (r) => ((r.message as NonNullable<Rec["message"]>).id = "msg_another_answer_000001")));
    add(
      "one-tool-two-assistant-texts-in-a-row",
      "10",
      a.insertAfter(a.find(isText, -1), (parent) => ({ ...envelope(parent, { type: "assistant" }), message: { ...(parent.message as object), id: "msg_second_reply_0000000001", content: [{ type: "text", text: "And one more thing." }] } }) as Rec),
    );
    add("one-tool-without-attachments", "10", a.records.reduceRight((s, r, i) => (r?.type === "attachment" ? s.splice(i) : s), a));
    add(
      "turns-system-record-mid-chain",
      "10",
      c.insertAfter(c.find(isText, 0), (parent) => envelope(parent, { type: "system", subtype: "local_command", content: "<local-command-stdout>ok</local-command-stdout>", level: "info", isMeta: false })),
    );
    add("turns-duplicated-records", "10", Session.of(c.lines.flatMap((line, i) => (isToolUse(c.record(i) ?? {}) || isToolResult(c.record(i) ?? {}) ? [line, line] : [line]))));
    const forkParent = c.record(c.find(isText, 0)) as Rec;
    const branch: Rec = { ...userText(forkParent, "a branch written later"), parentUuid: forkParent.uuid, timestamp: shifted(c.record(c.find(isConversation, -1)) as Rec, 60_000) };
    const forked = new Session(c.text + JSON.stringify(branch) + "\n");
    add("turns-fork-newer-branch-from-first-answer", "10", forked);
    add("turns-fork-without-last-prompt-records", "10", Session.of(forked.lines.filter((_, i) => forked.record(i)?.type !== "last-prompt")));
    const olderBranch = new Session(c.text + JSON.stringify({ ...branch, timestamp: shifted(forkParent, 1) }) + "\n");
    add("turns-fork-older-branch-last-in-file-without-last-prompt-records", "10", Session.of(olderBranch.lines.filter((_, i) => olderBranch.record(i)?.type !== "last-prompt")));
    add("turns-fork-last-prompt-names-the-branch", "10", forked.text + JSON.stringify({ type: "last-prompt", lastPrompt: "a branch written later", leafUuid: branch.uuid, sessionId: branch.sessionId }) + "\n");
    add("one-tool-error-result", "10", a.edit(a.find(isToolResult), (r) => Object.assign(first(r), { is_error: true, content: "ls: cannot open directory '.': Permission denied" })));
    add("empty-file", "10", "");
    add("junk-file", "10", "this is not a session\nnor is this\n");
  }
  return out;
}
