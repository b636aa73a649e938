import fc from "fast-check";
import { expect, it } from "vitest";
import { eventSchedule, histlintMatchers, Sequencer, type AgentEvent, type HistlintMatchers } from "histlint/testing";

declare module "vitest" { interface Assertion<T> extends HistlintMatchers<T> {} }
expect.extend(histlintMatchers);

// Your agent's code goes here: events in, the history file it writes out. (The reference Sequencer stands in.)
function writeSession(events: AgentEvent[]): string {
  const sequencer = new Sequencer({ profile: "codex" });
  for (const event of events) sequencer.apply(event);
  return sequencer.history("codex").text;
}

it("every order of events leaves a history Codex can resume", () => {
  fc.assert(fc.property(eventSchedule({ maxParallelCalls: 4 }), (events) => {
    expect(writeSession(events)).toBeValidHistory({ profile: "codex", format: "codex" });
  }));
});
