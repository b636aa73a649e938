// Scenario files: an ordered list of steps, each matching a request and giving the reply or a fault.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Item } from "../history/index.js";
import type { Reply } from "./reply.js";
import type { Api } from "./validate.js";

/** A count or duration a fault takes: a finite number in range (an integer where it counts events), with the range in the error. */
function bounded(what: string, unit: string, min: number, max: number, integer: boolean) {
  const message = `${what}: ${integer ? "a whole number" : "a number"} of ${unit} from ${min} to ${max}`;
  const number = z.number({ error: message }).min(min, { error: message }).max(max, { error: message });
  return integer ? number.int({ error: message }) : number;
}

/** Most events a fault may count: far more than any reply's stream has. */
const MAX_EVENTS = 100_000;

export const Fault = z
  .object({
    /** Answer with this HTTP status and the provider's body for it (429, 500, 503, 529). */
    status: z.union([z.literal(429), z.literal(500), z.literal(503), z.literal(529)], { error: "status (429, 500, 503, 529): one of 429, 500, 503 and 529" }).optional(),
    /** With 429: the `retry-after` header, in seconds (`retry-after-ms` follows). */
    retryAfter: bounded("retryAfter (429:seconds)", "seconds", 0, 3600, false).optional(),
    /** Answer 400 `context_length_exceeded` with token counts from the request's size. */
    contextLengthExceeded: z.literal(true).optional(),
    /** A frame sent before `response.created`, as relays do (`codex.rate_limits`, `response.in_progress`, `error`); a name, since it goes on an SSE `event:` line. */
    firstEvent: z.string().regex(/^[\w.-]{1,100}$/, { error: "firstEvent (first-event:name): an event name of letters, digits, _, . and -" }).optional(),
    /** `response.completed` with an empty `output`, the items only in `output_item.done`. */
    emptyCompletedOutput: z.literal(true).optional(),
    /** End the stream with `response.incomplete` (max_output_tokens) or `response.failed`. */
    terminal: z.enum(["incomplete", "failed"]).optional(),
    /** An `error` event after this many events, ending the stream. */
    errorEventAfter: bounded("errorEventAfter (error-event:n)", "events", 0, MAX_EVENTS, true).optional(),
    /** Drop the connection after this many events; at least one, or the client gets an empty reply instead of a cut stream. */
    cutAfterEvents: bounded("cutAfterEvents (cut:n)", "events", 1, MAX_EVENTS, true).optional(),
    /** Wait this long before each event (a timer takes at most 2^31-1 ms; a minute is plenty). */
    delayMs: bounded("delayMs (delay:ms)", "milliseconds", 0, 60_000, false).optional(),
    /** Reply with reasoning only: no message, no tool call. */
    reasoningOnly: z.literal(true).optional(),
  })
  .strict();
export type Fault = z.infer<typeof Fault>;

const ToolCall = z
  .object({
    kind: z.enum(["function", "custom", "local_shell"]).default("function"),
    name: z.string(),
    /** A function's arguments (an object, sent as JSON) or a custom tool's input text. */
    arguments: z.unknown().optional(),
    input: z.string().optional(),
  })
  .strict();

const Step = z
  .object({
    match: z
      .object({
        endpoint: z.enum(["responses", "chat", "messages", "gemini"]).optional(),
        /** The kind of the request's last item. */
        lastItem: z.enum(["user_message", "assistant_message", "tool_call", "tool_output", "reasoning"]).optional(),
        /** A tool the request offers. */
        tool: z.string().optional(),
        /** A regular expression the last user message matches. */
        text: z
          .string()
          .refine(isRegExp, { error: "text: a valid regular expression" })
          .optional(),
        /** The request's index among those the server received, from 0. */
        turn: z.number().int().nonnegative().optional(),
      })
      .strict()
      .optional(),
    reply: z.object({ text: z.string().optional(), reasoning: z.string().optional(), calls: z.array(ToolCall).optional() }).strict().optional(),
    fault: Fault.optional(),
    /** Keep the step for every matching request instead of using it once. */
    repeat: z.boolean().optional(),
  })
  .strict();

export const Scenario = z.object({ steps: z.array(Step) }).strict();
export type Scenario = z.infer<typeof Scenario>;
export type Step = z.infer<typeof Step>;

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Reads and checks a scenario file; the error names the file and the path of what is wrong. */
export function loadScenario(path: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not valid JSON (${(error as Error).message})`}`);
  }
  return checkScenario(raw, path);
}

/** A scenario given as a value (to startMockServer) is checked as a file is; `where` names it in the error. */
export function checkScenario(raw: unknown, where = "scenario"): Scenario {
  const parsed = Scenario.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    throw new Error(`${where}: ${issue.path.join(".") || "the scenario"}: ${issue.message}`);
  }
  return parsed.data;
}

const ENDPOINTS: Record<Api, "responses" | "chat" | "messages" | "gemini"> = { responses: "responses", chat: "chat", anthropic: "messages", gemini: "gemini" };

function lastItemKind(items: readonly Item[]): string | undefined {
  const last = items[items.length - 1];
  if (!last) return undefined;
  if (last.type === "message") return last.role === "assistant" ? "assistant_message" : "user_message";
  return last.type;
}

/** Takes the first step left that matches the request (used steps are spent unless they repeat). */
export class ScenarioPlayer {
  private readonly used = new Set<number>();
  constructor(private readonly scenario: Scenario) {}

  next(request: { api: Api; items: readonly Item[]; tools: readonly string[]; turn: number }): Step | undefined {
    const lastUser = [...request.items].reverse().find((item) => item.type === "message" && item.role === "user");
    const userText = lastUser?.type === "message" ? lastUser.content.map((part) => part.text ?? "").join("") : "";
    const index = this.scenario.steps.findIndex((step, i) => {
      if (this.used.has(i)) return false;
      const match = step.match ?? {};
      return (
        (match.endpoint === undefined || match.endpoint === ENDPOINTS[request.api]) &&
        (match.lastItem === undefined || match.lastItem === lastItemKind(request.items)) &&
        (match.tool === undefined || request.tools.includes(match.tool)) &&
        (match.text === undefined || new RegExp(match.text).test(userText)) &&
        (match.turn === undefined || match.turn === request.turn)
      );
    });
    if (index === -1) return undefined;
    const step = this.scenario.steps[index] as Step;
    if (!step.repeat) this.used.add(index);
    return step;
  }
}

/** A step's reply in the shape the writers take. */
export function replyOf(step: Step): Reply | undefined {
  if (!step.reply) return undefined;
  const calls = step.reply.calls?.map((call) => ({ kind: call.kind, name: call.name, input: call.kind === "custom" ? call.input ?? "" : JSON.stringify(call.arguments ?? {}) }));
  return { ...(step.reply.text !== undefined ? { text: step.reply.text } : {}), ...(step.reply.reasoning !== undefined ? { reasoning: step.reply.reasoning } : {}), ...(calls ? { calls } : {}) };
}
