// `eventSchedule`: what happens to an agent, in an order that can happen — user input (also while
// tools run), model responses, tools starting, finishing and failing, interrupts, crashes, resumes.
import fc from "fast-check";
import { text } from "./words.js";

export interface PlannedCall {
  callId: string;
  name: string;
  /** JSON arguments. */
  arguments: string;
}

export type AgentEvent =
  | { type: "user_input"; text: string }
  | { type: "model_response"; text?: string; reasoning?: string; calls: PlannedCall[] }
  | { type: "tool_start"; callId: string }
  | { type: "tool_finish"; callId: string; output: string }
  | { type: "tool_fail"; callId: string; error: string }
  /** The user stops the running tools (Esc): their calls are cancelled. */
  | { type: "interrupt" }
  /** The process dies; nothing in memory survives. */
  | { type: "crash" }
  /** The session is started again from what was written. */
  | { type: "resume" };

export interface EventScheduleOptions {
  maxEvents?: number;
  maxParallelCalls?: number;
  reasoning?: boolean;
  interrupts?: boolean;
  crashes?: boolean;
}

/** What the world allows next: the agent's state as far as the order of events goes. */
class World {
  waitingForModel = false;
  inputWhileBusy = false;
  crashed = false;
  issued: string[] = [];
  running: string[] = [];
  private calls = 0;

  moves(options: Required<EventScheduleOptions>): AgentEvent["type"][] {
    if (this.crashed) return ["resume"];
    const moves: AgentEvent["type"][] = ["user_input"];
    const pending = this.issued.length + this.running.length > 0;
    if (this.waitingForModel && !pending) moves.push("model_response");
    if (this.issued.length > 0) moves.push("tool_start");
    if (this.running.length > 0) moves.push("tool_finish", "tool_fail");
    if (pending && options.interrupts) moves.push("interrupt");
    if (options.crashes) moves.push("crash");
    return moves;
  }

  apply(move: AgentEvent["type"], choice: Choice, options: Required<EventScheduleOptions>): AgentEvent {
    const pending = this.issued.length + this.running.length > 0;
    switch (move) {
      case "user_input":
        if (pending) this.inputWhileBusy = true;
        else this.waitingForModel = true;
        return { type: "user_input", text: choice.text };
      case "model_response": {
        const count = choice.calls % (options.maxParallelCalls + 1);
        const calls = Array.from({ length: count }, (_, k): PlannedCall => ({ callId: `call_${++this.calls}`, name: k % 2 === 0 ? "exec_command" : "read_file", arguments: JSON.stringify({ cmd: `ls ${k}` }) }));
        this.waitingForModel = false;
        this.issued = calls.map((call) => call.callId);
        const reasoning = options.reasoning && choice.reasoning ? { reasoning: "thinking it over" } : {};
        return { type: "model_response", ...reasoning, ...(count === 0 || choice.speaks ? { text: choice.text } : {}), calls };
      }
      case "tool_start": {
        const callId = this.issued.splice(choice.pick % this.issued.length, 1)[0] as string;
        this.running.push(callId);
        return { type: "tool_start", callId };
      }
      case "tool_finish":
      case "tool_fail": {
        const callId = this.running.splice(choice.pick % this.running.length, 1)[0] as string;
        if (this.issued.length + this.running.length === 0) this.settle(true);
        return move === "tool_finish" ? { type: move, callId, output: choice.text } : { type: move, callId, error: "exit status 1" };
      }
      case "interrupt":
        this.issued = [];
        this.running = [];
        this.settle(false);
        return { type: "interrupt" };
      case "crash":
        this.crashed = true;
        return { type: "crash" };
      case "resume":
        this.crashed = false;
        this.issued = [];
        this.running = [];
        this.inputWhileBusy = false;
        this.waitingForModel = false;
        return { type: "resume" };
    }
  }

  /** The calls are over: the agent goes back to the model with the outputs, or with input that came meanwhile. */
  private settle(outputsArrived: boolean): void {
    this.waitingForModel = outputsArrived || this.inputWhileBusy;
    this.inputWhileBusy = false;
  }
}

interface Choice {
  move: number;
  pick: number;
  calls: number;
  speaks: boolean;
  reasoning: boolean;
  text: string;
}

const choice: fc.Arbitrary<Choice> = fc.record({ move: fc.nat(), pick: fc.nat(), calls: fc.nat(), speaks: fc.boolean(), reasoning: fc.boolean(), text });

/**
 * Schedules are built from a list of choices, each picking one of the moves the world allows at
 * that point: every schedule can happen, and shrinking the choices shrinks the schedule.
 */
export function eventSchedule(options: EventScheduleOptions = {}): fc.Arbitrary<AgentEvent[]> {
  const settled: Required<EventScheduleOptions> = { maxEvents: 30, maxParallelCalls: 3, reasoning: true, interrupts: true, crashes: true, ...options };
  return fc.array(choice, { minLength: 1, maxLength: settled.maxEvents }).map((choices) => {
    const world = new World();
    return choices.map((c, i) => {
      const moves = i === 0 ? (["user_input"] as const) : world.moves(settled);
      return world.apply(moves[c.move % moves.length] as AgentEvent["type"], c, settled);
    });
  });
}
