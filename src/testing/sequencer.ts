// The reference Sequencer: turns an agent's events into a history that is valid at every moment.
// It is the executable specification of correct sequencing: user input that arrives while calls are
// pending waits for their outputs, an interrupt answers the open calls with the client's cancellation
// output, and a resume after a crash does the same for the calls the crash left open.
import type { FormatName } from "../history/index.js";
import { PROFILES, type ProfileName } from "../profiles/index.js";
import { checkFormat, type Entry, type GeneratedHistory } from "./entries.js";
import type { AgentEvent, PlannedCall } from "./events.js";
import { writeHistory } from "./write.js";

export interface SequencerOptions {
  profile?: ProfileName;
  /** The output of a cancelled call (default: the profile's client's, "aborted" for Codex). */
  cancelText?: string;
}

export class Sequencer {
  readonly profile: ProfileName;
  private readonly cancelText: string;
  /** What has been written: the history as a resume would read it, but for open calls. */
  private readonly written: Entry[] = [];
  /** Calls of the last response that have no output yet, in the order the model made them. */
  private readonly open = new Map<string, PlannedCall>();
  /** User input that came while calls were open: it goes in after their outputs. */
  private waiting: string[] = [];
  private crashed = false;

  constructor(options: SequencerOptions = {}) {
    this.profile = options.profile ?? "openai-responses";
    this.cancelText = options.cancelText ?? PROFILES[this.profile].cancelText;
  }

  apply(event: AgentEvent): this {
    if (this.crashed && event.type !== "resume") throw new Error(`${event.type} after a crash: the session must be resumed first`);
    switch (event.type) {
      case "user_input":
        if (this.open.size > 0) this.waiting.push(event.text);
        else this.written.push({ type: "user", text: event.text });
        break;
      case "model_response":
        if (this.open.size > 0) throw new Error("model_response while calls are open: the model is called again only once they have outputs");
        if (event.reasoning !== undefined) this.written.push({ type: "reasoning", summary: event.reasoning });
        if (event.text !== undefined) this.written.push({ type: "assistant", text: event.text });
        for (const call of event.calls) {
          this.written.push({ type: "call", callId: call.callId, name: call.name, input: call.arguments, tool: "function" });
          this.open.set(call.callId, call);
        }
        break;
      case "tool_start":
        this.expectOpen(event.callId);
        break;
      case "tool_finish":
      case "tool_fail":
        this.expectOpen(event.callId);
        this.open.delete(event.callId);
        this.written.push(event.type === "tool_finish" ? { type: "output", callId: event.callId, output: event.output } : { type: "output", callId: event.callId, output: event.error, error: true });
        if (this.open.size === 0) this.flushWaiting();
        break;
      case "interrupt":
        this.written.push(...this.cancellations());
        this.open.clear();
        this.flushWaiting();
        break;
      case "crash":
        this.crashed = true;
        this.waiting = []; // it was only in memory
        break;
      case "resume":
        this.crashed = false;
        this.written.push(...this.cancellations());
        this.open.clear();
        break;
    }
    return this;
  }

  /** The history as it stands: what was written, with the open calls answered as a resume would. */
  entries(): Entry[] {
    return [...this.written, ...this.cancellations()];
  }

  /** The history as a file of `format` (default: the profile's client's). */
  history(format?: FormatName): GeneratedHistory {
    const chosen = checkFormat(this.profile, format);
    const entries = this.entries();
    return { profile: this.profile, format: chosen, entries, text: writeHistory(entries, chosen) };
  }

  private cancellations(): Entry[] {
    return [...this.open.keys()].map((callId) => ({ type: "output", callId, output: this.cancelText, error: true }));
  }

  private flushWaiting(): void {
    for (const text of this.waiting) this.written.push({ type: "user", text });
    this.waiting = [];
  }

  private expectOpen(callId: string): void {
    if (!this.open.has(callId)) throw new Error(`${callId} is not an open call`);
  }
}

/** Runs a schedule through a fresh Sequencer. */
export function sequence(events: readonly AgentEvent[], options: SequencerOptions = {}): Sequencer {
  const sequencer = new Sequencer(options);
  for (const event of events) sequencer.apply(event);
  return sequencer;
}
