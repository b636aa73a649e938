// The reference Sequencer on the cases it exists for, and a wrong sequencer caught with a shrunk counterexample.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventSchedule, expectValidHistory, InvalidHistoryError, Sequencer, writeHistory, type AgentEvent, type Entry } from "../../src/testing/index.js";

const call = (callId: string) => ({ callId, name: "exec_command", arguments: '{"cmd":"ls"}' });
const ask: AgentEvent = { type: "user_input", text: "list the files" };
const twoCalls: AgentEvent = { type: "model_response", calls: [call("call_1"), call("call_2")] };

describe("Sequencer", () => {
  it("holds user input that arrives while calls are open until their outputs are in", () => {
    const s = new Sequencer({ profile: "openai-chat" }).apply(ask).apply(twoCalls).apply({ type: "tool_start", callId: "call_1" });
    s.apply({ type: "user_input", text: "also the hidden ones" }).apply({ type: "tool_finish", callId: "call_1", output: "a.txt" });
    expect(s.entries().map((e) => e.type)).toEqual(["user", "call", "call", "output", "output"]); // call_2 answered as a resume would
    s.apply({ type: "tool_start", callId: "call_2" }).apply({ type: "tool_fail", callId: "call_2", error: "exit status 2" });
    expect(s.entries()).toEqual([
      { type: "user", text: "list the files" },
      { type: "call", callId: "call_1", name: "exec_command", input: '{"cmd":"ls"}', tool: "function" },
      { type: "call", callId: "call_2", name: "exec_command", input: '{"cmd":"ls"}', tool: "function" },
      { type: "output", callId: "call_1", output: "a.txt" },
      { type: "output", callId: "call_2", output: "exit status 2", error: true },
      { type: "user", text: "also the hidden ones" },
    ]);
  });

  it("answers the open calls with the client's cancellation output on an interrupt, then lets the waiting input in", () => {
    const s = new Sequencer({ profile: "codex" }).apply(ask).apply(twoCalls).apply({ type: "user_input", text: "stop" }).apply({ type: "interrupt" });
    expect(s.entries().slice(3)).toEqual([
      { type: "output", callId: "call_1", output: "aborted", error: true },
      { type: "output", callId: "call_2", output: "aborted", error: true },
      { type: "user", text: "stop" },
    ]);
  });

  it("recovers after a crash: the open calls are answered on resume, input that was only in memory is gone", () => {
    const s = new Sequencer({ profile: "anthropic" }).apply(ask).apply(twoCalls).apply({ type: "user_input", text: "lost" }).apply({ type: "crash" });
    expect(() => s.apply(ask)).toThrow("user_input after a crash: the session must be resumed first");
    s.apply({ type: "resume" }).apply({ type: "user_input", text: "where were we?" });
    expect(s.entries().map((e) => (e.type === "output" ? `${e.type}:${e.callId}` : e.type))).toEqual(["user", "call", "call", "output:call_1", "output:call_2", "user"]);
    expectValidHistory(s.history());
  });

  it("refuses a model response while calls are still open", () => {
    expect(() => new Sequencer().apply(ask).apply(twoCalls).apply({ type: "model_response", text: "done", calls: [] })).toThrow(/calls are open/);
  });
});

/**
 * What an agent author might write first: right in every way but one — user input goes into the
 * history at once, even while tool calls are open.
 */
function eagerSequencer(events: readonly AgentEvent[]): Entry[] {
  const entries: Entry[] = [];
  let open: string[] = [];
  const cancelOpen = () => open.map((callId): Entry => ({ type: "output", callId, output: "aborted", error: true }));
  for (const event of events) {
    if (event.type === "user_input") entries.push({ type: "user", text: event.text }); // the bug
    if (event.type === "model_response") {
      if (event.text !== undefined) entries.push({ type: "assistant", text: event.text });
      for (const c of event.calls) entries.push({ type: "call", callId: c.callId, name: c.name, input: c.arguments, tool: "function" });
      open = event.calls.map((c) => c.callId);
    }
    if (event.type === "tool_finish" || event.type === "tool_fail") {
      entries.push({ type: "output", callId: event.callId, output: event.type === "tool_finish" ? event.output : event.error });
      open = open.filter((id) => id !== event.callId);
    }
    if (event.type === "interrupt" || event.type === "resume") {
      entries.push(...cancelOpen());
      open = [];
    }
  }
  return [...entries, ...cancelOpen()];
}

describe("a wrong sequencer", () => {
  it("that appends user input at once is caught, and shrinking gives the smallest schedule that shows it", () => {
    const schedules = eventSchedule({ reasoning: false });
    const details = fc.check(
      fc.property(schedules, (events) => expectValidHistory(writeHistory(eagerSequencer(events), "chat"), { profile: "openai-chat", format: "chat" })),
      { seed: 7, numRuns: 500 },
    );
    expect(details.failed).toBe(true);
    const [smallest] = details.counterexample as [AgentEvent[]];
    // A question, a call, and the user typing while it is open: nothing shorter shows the bug.
    expect(smallest.map((e) => e.type)).toEqual(["user_input", "model_response", "user_input"]);
    expect(details.errorInstance).toBeInstanceOf(InvalidHistoryError);
    expect(String((details.errorInstance as Error).message)).toContain("[user-message-during-pending-call]");
  });
});
