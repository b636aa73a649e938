// The variants of the Gemini CLI differential test: a recorded session bent in one of the ways the
// field breaks it (a cut line, a lost result, a rewind, an update in place, …), as the text of the file.
export const NEW_PROMPT = "histlint differential: continue";

type JsonRecord = { [key: string]: unknown };

/** A session file as its lines, each parsed when it parses. */
export class SessionLines {
  readonly lines: string[];
  constructor(text: string) {
    this.lines = text.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1);
  }
  get values(): (JsonRecord | undefined)[] {
    return this.lines.map((line) => {
      try {
        return JSON.parse(line) as JsonRecord;
      } catch {
        return undefined;
      }
    });
  }
  text(lines = this.lines): string {
    return `${lines.join("\n")}\n`;
  }
  /** Index of the last line that `test` holds for. */
  last(test: (value: JsonRecord) => boolean): number {
    const values = this.values;
    for (let i = values.length - 1; i >= 0; i--) if (values[i] && test(values[i] as JsonRecord)) return i;
    return -1;
  }
  with(index: number, value: JsonRecord | string): string {
    return this.text(this.lines.map((line, i) => (i === index ? (typeof value === "string" ? value : JSON.stringify(value)) : line)));
  }
  without(index: number): string {
    return this.text(this.lines.filter((_, i) => i !== index));
  }
  inserted(after: number, ...values: (JsonRecord | string)[]): string {
    const added = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
    return this.text([...this.lines.slice(0, after + 1), ...added, ...this.lines.slice(after + 1)]);
  }
}

export interface Variant {
  name: string;
  base: string;
  text: string;
}

const isGeminiWithCalls = (v: JsonRecord) => v.type === "gemini" && Array.isArray(v.toolCalls) && v.toolCalls.length > 0;
const isResponseRecord = (v: JsonRecord) => v.type === "user" && Array.isArray(v.content) && (v.content as JsonRecord[]).some((p) => p.functionResponse !== undefined);
const isPrompt = (v: JsonRecord) => v.type === "user" && typeof v.id === "string" && !isResponseRecord(v) && JSON.stringify(v.content).includes('"text"') && !JSON.stringify(v.content).includes("<session_context>");

/** Each base bent every way that applies to it. */
export function variants(bases: Record<string, string>): Variant[] {
  const out: Variant[] = [];
  for (const [base, text] of Object.entries(bases)) {
    const s = new SessionLines(text);
    const add = (name: string, bent: string | undefined) => bent !== undefined && out.push({ name: `${base}: ${name}`, base, text: bent });
    const call = s.last(isGeminiWithCalls);
    const response = s.last(isResponseRecord);
    const prompt = s.last(isPrompt);
    add("as recorded", s.text());
    add("a blank line and CRLF line ends", s.text().replace(/\n/g, "\r\n").replace("\r\n", "\r\n\r\n"));
    add("a line that does not parse in the middle", s.inserted(2, "{not json"));
    add("the last line cut", s.text(s.lines.slice(0, -1)) + (s.lines.at(-1) ?? "").slice(0, 20));
    add("an info and an error record", s.inserted(s.lines.length - 1, { id: "info-1", timestamp: "2026-12-01T00:00:00.000Z", type: "info", content: "a note" }, { id: "error-1", timestamp: "2026-12-01T00:00:00.000Z", type: "error", content: "an error" }));
    add("a slash command as a user record", s.inserted(s.lines.length - 1, { id: "cmd-1", timestamp: "2026-12-01T00:00:00.000Z", type: "user", content: [{ text: "/stats" }] }));
    if (prompt !== -1) {
      const value = s.values[prompt] as JsonRecord;
      add("the last prompt written again with new text (an update in place)", s.inserted(s.lines.length - 1, { ...value, content: [{ text: "an edited prompt" }] }));
      add("rewound to the last prompt", s.inserted(s.lines.length - 1, { $rewindTo: value.id }));
      add("the last prompt's content as a string", s.with(prompt, { ...value, content: "a prompt as a string" }));
    }
    if (call !== -1) {
      const value = s.values[call] as JsonRecord;
      const toolCalls = value.toolCalls as JsonRecord[];
      const unanswered = { ...value, toolCalls: toolCalls.map(({ result: _result, ...rest }) => ({ ...rest, status: "executing" })) };
      add("the calls' results stored only in the response record", s.with(call, unanswered));
      // An interrupted run: the calls recorded as executing, no result, no response record.
      if (response !== -1) add("the calls' results lost (an interrupted run)", new SessionLines(s.with(call, unanswered)).without(response));
      add("thoughts on the calling turn", s.with(call, { ...value, thoughts: [{ subject: "Plan", description: "list first", timestamp: "2026-12-01T00:00:00.000Z" }] }));
      add("a call id without its name prefix", s.with(call, { ...value, toolCalls: toolCalls.map((tc) => ({ ...tc, id: String(tc.id).replace(/^[^_]+(_[^_]+)*__/, "") })) }));
      if (response !== -1) add("the separate response record gone", s.without(response));
    }
    if (call !== -1 && response !== -1) add("the response record and the call record on one line", s.with(response, `${s.lines[response]}${s.lines[call]}`));
  }
  return out;
}
