// The rollouts the Codex differential resumes: real rollouts Codex records in the test run (and the
// committed fixtures), each broken one way. Every transform is deterministic: same input, same bytes.
import type { Script } from "../support/codex-differential.js";

/** The base rollouts recorded in the run, by name. */
export interface BaseSession {
  name: string;
  prompts: string[];
  script: Script;
}

type Body = Parameters<Script>[0];
const hasOutput = (body: Body) => (body.input as { type?: string }[] | undefined)?.some((item) => item.type?.endsWith("_output")) ?? false;
const shell = (cmd: string) => ({ name: "exec_command", arguments: { cmd } });
const patch = "*** Begin Patch\n*** Add File: hello.txt\n+hello from histlint\n*** End Patch\n";

export const BASES: BaseSession[] = [
  // one call with reasoning (encrypted_content), then the answer
  { name: "one", prompts: ["list the files"], script: (body) => (hasOutput(body) ? { text: "There is one file." } : { reasoning: "Look at the folder.", calls: [shell("ls")] }) },
  // two calls in one answer
  { name: "parallel", prompts: ["print two words"], script: (body) => (hasOutput(body) ? { text: "Printed both." } : { calls: [shell("echo one"), shell("echo two")] }) },
  // two turns: a plain answer, then (on a resume) a call
  {
    name: "turns",
    prompts: ["say hello", "now run pwd"],
    script: (body) => {
      const last = (body.input as { type?: string; content?: unknown }[]).at(-1);
      if (last?.type === "function_call_output") return { text: "That is the folder." };
      return JSON.stringify(last?.content ?? "").includes("pwd") ? { reasoning: "Run pwd.", calls: [shell("pwd")] } : { text: "Hello!" };
    },
  },
  // the apply_patch custom tool
  { name: "patch", prompts: ["create hello.txt"], script: (body) => (hasOutput(body) ? { text: "Created hello.txt." } : { calls: [{ kind: "custom", name: "apply_patch", input: patch }] }) },
];

export interface Variant {
  name: string;
  /** A recorded base (BASES) or a committed fixture (`fixtures/codex/<file>`). */
  from: string;
  /** What the variant tests, for the report. */
  about: string;
  make(text: string): Buffer;
}

// ---- line tools -------------------------------------------------------------------------------

type Rec = { type?: string; payload?: { type?: string; call_id?: string; role?: string; [key: string]: unknown }; [key: string]: unknown };

function lines(text: string): string[] {
  return text.replace(/\n$/, "").split("\n");
}
function join(ls: string[]): Buffer {
  return Buffer.from(`${ls.join("\n")}\n`);
}
function parse(line: string): Rec | undefined {
  try {
    return JSON.parse(line) as Rec;
  } catch {
    return undefined;
  }
}
/** Index of the n-th (0-based) line whose record satisfies `test`; throws when there is none, so a base that changed shape fails loudly. */
function find(ls: string[], test: (r: Rec) => boolean, nth = 0): number {
  let seen = 0;
  for (let i = 0; i < ls.length; i++) {
    const record = parse(ls[i] as string);
    if (record && test(record) && seen++ === nth) return i;
  }
  throw new Error(`no line #${nth} matching ${test.toString()}`);
}
const item = (type: string) => (r: Rec) => r.type === "response_item" && r.payload?.type === type;
const assistant = (r: Rec) => r.type === "response_item" && r.payload?.type === "message" && r.payload.role === "assistant";
const userText = (text: string) => (r: Rec) => r.type === "response_item" && r.payload?.role === "user" && JSON.stringify(r.payload.content).includes(text);

function edit(ls: string[], index: number, change: (r: Rec) => Rec): string[] {
  const copy = [...ls];
  copy[index] = JSON.stringify(change(parse(copy[index] as string) as Rec));
  return copy;
}
function payloadEdit(change: (p: NonNullable<Rec["payload"]>) => Rec["payload"]) {
  return (r: Rec): Rec => ({ ...r, payload: change({ ...(r.payload as NonNullable<Rec["payload"]>) }) });
}
function without(ls: string[], ...indexes: number[]): string[] {
  return ls.filter((_, i) => !indexes.includes(i));
}
function insertAt(ls: string[], index: number, ...added: string[]): string[] {
  return [...ls.slice(0, index), ...added, ...ls.slice(index)];
}
/** A record in the rollout's own envelope, dated after the line it follows. */
function record(type: string, payload: unknown): string {
  return JSON.stringify({ timestamp: "2026-11-21T19:00:00.000Z", ordinal: 900, type, payload });
}
function stripKey(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((v) => stripKey(v, key));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));
}

// ---- the variants -----------------------------------------------------------------------------

const fco = item("function_call_output");
const fc = item("function_call");

export const VARIANTS: Variant[] = [
  // clean rollouts, as recorded
  { name: "clean-one", from: "one", about: "a recorded rollout with one call, as written", make: (t) => Buffer.from(t) },
  { name: "clean-parallel", from: "parallel", about: "two calls in one answer, as written", make: (t) => Buffer.from(t) },
  { name: "clean-turns", from: "turns", about: "two turns (the second by resume), as written", make: (t) => Buffer.from(t) },
  { name: "clean-patch", from: "patch", about: "a custom tool call (apply_patch), as written", make: (t) => Buffer.from(t) },
  { name: "fixture-killed-mid-tool", from: "fixtures/codex/real-killed-mid-tool.jsonl", about: "committed: a hard kill left a call with no output", make: (t) => Buffer.from(t) },
  { name: "fixture-interrupted-tool", from: "fixtures/codex/real-interrupted-tool.jsonl", about: "committed: a SIGINT (aborted by user, <turn_aborted>)", make: (t) => Buffer.from(t) },
  { name: "fixture-compacted-with-replacement", from: "fixtures/codex/compacted-with-replacement.jsonl", about: "committed: compacted with replacement_history", make: (t) => Buffer.from(t) },
  { name: "fixture-compacted-with-summary", from: "fixtures/codex/compacted-with-summary.jsonl", about: "committed: compacted without replacement_history", make: (t) => Buffer.from(t) },
  { name: "fixture-thread-rolled-back", from: "fixtures/codex/thread-rolled-back.jsonl", about: "committed: thread_rolled_back num_turns 1", make: (t) => Buffer.from(t) },
  { name: "fixture-legacy-no-envelope", from: "fixtures/codex/legacy-no-envelope.jsonl", about: "committed: an old rollout with no envelope", make: (t) => Buffer.from(t) },

  // a line that is not one JSON object
  {
    name: "pretty-printed-output",
    from: "one",
    about: "the function_call_output record pretty-printed over several lines",
    make: (t) => {
      const ls = lines(t);
      const i = find(ls, fco);
      return join([...ls.slice(0, i), ...JSON.stringify(JSON.parse(ls[i] as string), null, 2).split("\n"), ...ls.slice(i + 1)]);
    },
  },
  {
    name: "joined-output-and-next",
    from: "one",
    about: "the output's line run into the next one (two records on one line)",
    make: (t) => {
      const ls = lines(t);
      const i = find(ls, fco);
      return join([...ls.slice(0, i), `${ls[i]}${ls[i + 1]}`, ...ls.slice(i + 2)]);
    },
  },
  {
    name: "joined-call-and-output",
    from: "one",
    about: "the call's line run into its output's (both lost)",
    make: (t) => {
      const ls = lines(t);
      const call = find(ls, fc);
      const output = find(ls, fco);
      const between = ls.slice(call + 1, output);
      return join([...ls.slice(0, call), ...between, `${ls[call]}${ls[output]}`, ...ls.slice(output + 1)]);
    },
  },
  { name: "junk-line", from: "one", about: "a line of junk before the call", make: (t) => { const ls = lines(t); return join(insertAt(ls, find(ls, fc), "this is not json")); } },
  { name: "non-object-lines", from: "one", about: "lines that are JSON but not objects ([], \"text\", 42, null)", make: (t) => { const ls = lines(t); return join(insertAt(ls, find(ls, fc), "[1,2]", '"text"', "42", "null")); } },
  { name: "blank-and-crlf", from: "one", about: "CRLF line ends and blank lines", make: (t) => Buffer.from(`${lines(t).join("\r\n\r\n")}\r\n`) },

  // unknown types
  { name: "unknown-record-type", from: "one", about: "a record of an unknown type", make: (t) => { const ls = lines(t); return join(insertAt(ls, find(ls, fc), record("future_record", { type: "message", role: "user", content: [{ type: "input_text", text: "from the future" }] }))); } },
  { name: "unknown-payload-type", from: "one", about: "a response_item of an unknown payload type", make: (t) => { const ls = lines(t); return join(insertAt(ls, find(ls, fc), record("response_item", { type: "future_item", call_id: "call_1_0", text: "from the future" }))); } },
  { name: "response-item-without-payload-type", from: "one", about: "a response_item whose payload has no type", make: (t) => { const ls = lines(t); return join(insertAt(ls, find(ls, fc), record("response_item", { role: "user", content: [{ type: "input_text", text: "typeless" }] }))); } },

  // calls and outputs
  { name: "call-without-output", from: "one", about: "the function_call's output deleted", make: (t) => { const ls = lines(t); return join(without(ls, find(ls, fco))); } },
  { name: "parallel-first-output-missing", from: "parallel", about: "the first of two parallel outputs deleted", make: (t) => { const ls = lines(t); return join(without(ls, find(ls, fco, 0))); } },
  { name: "parallel-both-outputs-missing", from: "parallel", about: "both parallel outputs deleted", make: (t) => { const ls = lines(t); return join(without(ls, find(ls, fco, 0), find(ls, fco, 1))); } },
  { name: "custom-call-without-output", from: "patch", about: "the apply_patch call's output deleted", make: (t) => { const ls = lines(t); return join(without(ls, find(ls, item("custom_tool_call_output")))); } },
  { name: "output-of-no-call", from: "one", about: "the output's call_id changed to one no call has", make: (t) => { const ls = lines(t); return join(edit(ls, find(ls, fco), payloadEdit((p) => ({ ...p, call_id: "call_nobody" })))); } },
  { name: "extra-orphan-output", from: "one", about: "an extra output for a call that does not exist", make: (t) => { const ls = lines(t); return join(insertAt(ls, find(ls, assistant), record("response_item", { type: "function_call_output", call_id: "call_ghost", output: "ghost output" }))); } },
  { name: "custom-output-for-function-call", from: "one", about: "a custom_tool_call_output answering a function_call", make: (t) => { const ls = lines(t); return join(edit(ls, find(ls, fco), payloadEdit((p) => ({ ...p, type: "custom_tool_call_output" })))); } },
  { name: "function-output-for-custom-call", from: "patch", about: "a function_call_output answering a custom_tool_call", make: (t) => { const ls = lines(t); return join(edit(ls, find(ls, item("custom_tool_call_output")), payloadEdit((p) => ({ ...p, type: "function_call_output" })))); } },
  { name: "output-before-call", from: "one", about: "the output written before its call", make: (t) => { const ls = lines(t); const call = find(ls, fc); const output = find(ls, fco); const copy = [...ls]; copy[call] = ls[output] as string; copy[output] = ls[call] as string; return join(copy); } },
  { name: "duplicated-call", from: "one", about: "the function_call line twice", make: (t) => { const ls = lines(t); const i = find(ls, fc); return join(insertAt(ls, i + 1, ls[i] as string)); } },
  { name: "duplicated-output", from: "one", about: "the function_call_output line twice", make: (t) => { const ls = lines(t); const i = find(ls, fco); return join(insertAt(ls, i + 1, ls[i] as string)); } },
  { name: "duplicated-assistant-message", from: "one", about: "the assistant's answer twice", make: (t) => { const ls = lines(t); const i = find(ls, assistant); return join(insertAt(ls, i + 1, ls[i] as string)); } },
  { name: "output-content-array", from: "one", about: "the output as a content array instead of a string", make: (t) => { const ls = lines(t); return join(edit(ls, find(ls, fco), payloadEdit((p) => ({ ...p, output: [{ type: "input_text", text: "notes.txt" }] })))); } },

  // the first line
  { name: "session-meta-missing", from: "one", about: "line 1 (session_meta) deleted", make: (t) => join(lines(t).slice(1)) },
  { name: "session-meta-truncated", from: "one", about: "line 1 cut in the middle", make: (t) => { const ls = lines(t); return join([(ls[0] as string).slice(0, 200), ...ls.slice(1)]); } },
  { name: "byte-order-mark", from: "one", about: "a UTF-8 byte order mark before line 1", make: (t) => Buffer.from(`\ufeff${t}`) },
  { name: "session-meta-on-line-2", from: "one", about: "session_meta moved to line 2", make: (t) => { const ls = lines(t); return join([ls[1] as string, ls[0] as string, ...ls.slice(2)]); } },
  { name: "blank-first-line", from: "one", about: "an empty line before session_meta", make: (t) => Buffer.from(`\n${t}`) },

  // fields on items
  { name: "passthrough-removed", from: "one", about: "internal_chat_message_metadata_passthrough removed from every item", make: (t) => join(lines(t).map((l) => { const r = parse(l); return r?.type === "response_item" ? JSON.stringify({ ...r, payload: stripKey(r.payload, "internal_chat_message_metadata_passthrough") }) : l; })) },
  { name: "ids-removed", from: "one", about: "the id of every response item removed", make: (t) => join(lines(t).map((l) => { const r = parse(l); return r?.type === "response_item" ? JSON.stringify({ ...r, payload: stripKey(r.payload, "id") }) : l; })) },
  { name: "reasoning-without-encrypted-content", from: "one", about: "the reasoning item's encrypted_content removed", make: (t) => { const ls = lines(t); return join(edit(ls, find(ls, item("reasoning")), payloadEdit((p) => stripKey(p, "encrypted_content") as Rec["payload"]))); } },
  { name: "custom-base-instructions", from: "one", about: "session_meta.base_instructions replaced by a text of our own (no provenance)", make: (t) => { const ls = lines(t); return join(edit(ls, 0, payloadEdit((p) => ({ ...p, base_instructions: { text: "Base instructions of our own." } })))); } },
  { name: "no-base-instructions", from: "one", about: "session_meta without base_instructions", make: (t) => { const ls = lines(t); return join(edit(ls, 0, payloadEdit((p) => stripKey(p, "base_instructions") as Rec["payload"]))); } },

  // compaction and rollback, on real rollouts
  {
    name: "compacted-replacement",
    from: "turns",
    about: "a compacted record with replacement_history after the first turn",
    make: (t) => {
      const ls = lines(t);
      const after = find(ls, assistant) + 1;
      const replacement = [
        { type: "message", role: "user", content: [{ type: "input_text", text: "say hello" }] },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "The user was greeted." }] },
      ];
      return join(insertAt(ls, after, record("compacted", { message: "", replacement_history: replacement })));
    },
  },
  { name: "compacted-summary-only", from: "turns", about: "a compacted record with a summary message and no replacement_history after the first turn", make: (t) => { const ls = lines(t); return join(insertAt(ls, find(ls, assistant) + 1, record("compacted", { message: "The user was greeted." }))); } },
  { name: "rolled-back-one-turn", from: "turns", about: "thread_rolled_back num_turns 1 at the end", make: (t) => join([...lines(t), record("event_msg", { type: "thread_rolled_back", num_turns: 1 })]) },
  { name: "rolled-back-too-many", from: "turns", about: "thread_rolled_back num_turns 9 (more turns than there are)", make: (t) => join([...lines(t), record("event_msg", { type: "thread_rolled_back", num_turns: 9 })]) },
  { name: "rolled-back-mid-file", from: "turns", about: "thread_rolled_back num_turns 1 right after the second prompt", make: (t) => { const ls = lines(t); return join(insertAt(ls, find(ls, userText("now run pwd")) + 1, record("event_msg", { type: "thread_rolled_back", num_turns: 1 }))); } },

  // the end of the file
  { name: "truncated-last-line", from: "one", about: "a last line cut mid-record", make: (t) => Buffer.from(`${t}{"timestamp":"2026-11-21T19:00:00.000Z","ordinal":999,"type":"event_m`) },
  { name: "truncated-answer", from: "one", about: "the assistant's answer, the last response item, cut in half with the lines after it gone", make: (t) => { const ls = lines(t); const i = find(ls, assistant); const line = ls[i] as string; return Buffer.from(`${ls.slice(0, i).join("\n")}\n${line.slice(0, Math.floor(line.length / 2))}`); } },
  { name: "no-final-newline", from: "one", about: "the last line with no newline after it", make: (t) => Buffer.from(t.replace(/\n$/, "")) },
  { name: "truncated-mid-turns", from: "turns", about: "the file cut after the second prompt (the pwd call never written)", make: (t) => { const ls = lines(t); return join(ls.slice(0, find(ls, userText("now run pwd")) + 1)); } },
];
