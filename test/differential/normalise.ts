// What the differential test sets aside before comparing the client's request with histlint's: only what
// the client adds by itself (context it renders from `attachment` records or generates afresh), the new
// prompt, and cache_control. Everything else — roles, block order, texts, tool ids, inputs, results,
// is_error — is compared exactly.

/** The prompt every resume sends; a sentence no session contains. */
export const NEW_PROMPT = "histlint differential: the prompt typed on resume";

export type Block = Record<string, unknown> & { type: string };
export interface Message {
  role: string;
  content: Block[];
}

/**
 * Client-injected context, dropped from both sides:
 * - every `role:"system"` message inside `messages` (Claude Code renders `renderedRole:"system"`
 *   attachments — environment, model, deferred tools, skills, environment updates — and per-turn
 *   `output_config` there; histlint never sends them);
 * - text blocks that start with `<system-reminder>` (git status, date, attribution, auto mode, token
 *   reminders: the other attachments' renders);
 * - text blocks that are only `[instructions stripped for the fixture: N characters]` (the committed
 *   fixtures' attachment renders, shortened by fixtures/recording/strip.mjs).
 */
export function isInjected(block: Block): boolean {
  if (block.type !== "text" || typeof block.text !== "string") return false;
  return block.text.trimStart().startsWith("<system-reminder>") || /^\[instructions stripped for the fixture: \d+ characters\]\s*$/.test(block.text);
}

function withoutCacheControl(block: Block): Block {
  const { cache_control: _cache, ...rest } = block;
  if (rest.type === "tool_result" && Array.isArray(rest.content)) rest.content = (rest.content as Block[]).map(withoutCacheControl);
  return rest as Block;
}

/**
 * The messages as compared: no system messages, string content as one text block, no injected
 * blocks, no cache_control, no message left empty, and (`dropPrompt`) the new prompt's text block
 * taken out of the last user message that holds it.
 */
export function normaliseMessages(messages: readonly { role: string; content: unknown }[], options: { dropPrompt: boolean }): Message[] {
  const out: Message[] = messages
    .filter((m) => m.role !== "system")
    .map((m) => ({
      role: m.role,
      content: (typeof m.content === "string" ? [{ type: "text", text: m.content }] : ((m.content ?? []) as Block[])).filter((b) => !isInjected(b)).map(withoutCacheControl),
    }));
  if (options.dropPrompt) {
    const isPrompt = (b: Block): boolean => b.type === "text" && b.text === NEW_PROMPT;
    const holder = [...out].reverse().find((m) => m.role === "user" && m.content.some(isPrompt));
    if (holder) holder.content.splice(holder.content.length - 1 - [...holder.content].reverse().findIndex(isPrompt), 1);
  }
  return out.filter((m) => m.content.length > 0);
}

/** One line a message: `role  block | block`, texts and results quoted (JSON), inputs in full. */
export function compact(messages: readonly Message[]): string[] {
  const show = (b: Block): string => {
    if (b.type === "text") return JSON.stringify(b.text);
    if (b.type === "tool_use") return `tool_use(${String(b.id)} ${String(b.name)} ${JSON.stringify(b.input)})`;
    if (b.type === "tool_result") return `tool_result(${String(b.tool_use_id)} ${JSON.stringify(b.content)}${b.is_error ? " is_error" : ""})`;
    return JSON.stringify(b);
  };
  return messages.map((m) => `${m.role.padEnd(9)} ${m.content.map(show).join(" | ")}`);
}

/** Texts Claude Code makes itself on resume: they stand for nothing the file holds. */
const CLIENT_MADE_TEXTS = new Set(["(no content)", "[Tool use interrupted]", "No response requested."]);
const INTERRUPTED_PREFIX = "[Tool call interrupted:";

/**
 * What the model is told, block by block, ids of the client's own making aside: the conversation a
 * repair must keep. Texts are compared without the newline the client adds when it merges messages;
 * a result the client made for an interrupted call is kept by any result for that call.
 */
export function conversationKeys(messages: readonly Message[]): Set<string> {
  const keys = new Set<string>();
  for (const message of messages) {
    for (const block of message.content) {
      if (block.type === "text" && typeof block.text === "string") {
        if (!CLIENT_MADE_TEXTS.has(block.text)) keys.add(`${message.role} text ${block.text.replace(/\n$/, "")}`);
      } else if (block.type === "tool_result") {
        const made = typeof block.content === "string" && block.content.startsWith(INTERRUPTED_PREFIX);
        keys.add(made ? `result of ${String(block.tool_use_id)}` : `tool_result ${String(block.tool_use_id)} ${JSON.stringify(block.content)} ${block.is_error === true}`);
      } else if (block.type === "tool_use") keys.add(`tool_use ${String(block.id)} ${String(block.name)} ${JSON.stringify(block.input)}`);
      else keys.add(`${message.role} ${JSON.stringify(block)}`);
    }
  }
  return keys;
}

/** What `before` holds that `after` lacks; a call the client answered as interrupted counts as kept by a real result. */
export function missingFrom(before: Set<string>, after: Set<string>): string[] {
  const answered = new Set([...after].flatMap((key) => (key.startsWith("tool_result ") ? [`result of ${key.split(" ")[1]}`] : [])));
  return [...before].filter((key) => !after.has(key) && !answered.has(key));
}
