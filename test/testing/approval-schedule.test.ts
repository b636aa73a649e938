// The approval schedules of `histlint/testing`, and `expectResumable` over the states they pause with.
import fc from "fast-check";
import { Agent } from "@openai/agents";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { approvalSchedule, crashedWrite, expectResumable, pausedRunState, resumeProblems } from "../../src/testing/index.js";

const agentsOf = (nesting: number) => Array.from({ length: nesting + 1 }, (_, level) => ({ name: `level${level}` }));

describe("approval schedules over agents used as tools", () => {
  it("every state a schedule pauses with, decided or not, resumes as it was paused; a crashed write never passes", () => {
    fc.assert(
      fc.property(approvalSchedule(), (schedule) => {
        const [outer, ...tools] = agentsOf(schedule.nesting);
        for (const round of schedule.rounds) {
          for (const decided of [false, true]) {
            const text = pausedRunState(schedule.nesting, round, decided);
            expectResumable(text, outer, { agentTools: tools });
            if (round.crashAt !== undefined) expect(resumeProblems(crashedWrite(text, round.crashAt)).errorCount).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("a decision recorded for a call that is not waiting is lost, at any depth", () => {
    fc.assert(
      fc.property(approvalSchedule({ crashes: false }), (schedule) => {
        const round = schedule.rounds[0] as NonNullable<(typeof schedule.rounds)[0]>;
        const text = pausedRunState(schedule.nesting, round, true).replace(/"(approved|rejected)":\["call_/, '"$1":["stale_');
        const problems = resumeProblems(text).messages;
        expect(problems.map((d) => d.ruleId)).toContain("agents-decision-never-applies");
        expect(problems.every((d) => d.consequence === "lost")).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe("expectResumable with the SDK's own agents", () => {
  const janitor = new Agent({ name: "Janitor", instructions: "Clean up." });
  const boss = new Agent({ name: "Boss", instructions: "Delegate.", tools: [janitor.asTool({ toolName: "ask_janitor", toolDescription: "Ask the janitor" })] });

  it("passes a paused nested run the SDK wrote, given its agents", () => {
    expectResumable(readFileSync("fixtures/openai-agents/real-paused-nested-agent-tool.json", "utf8"), boss, { agentTools: [janitor] });
  });

  it("fails, with the SDK's words, when the state names an agent the application no longer has", () => {
    const text = readFileSync("fixtures/openai-agents/real-paused-approval.json", "utf8");
    expect(() => expectResumable(text, new Agent({ name: "Cleaner", instructions: "Clean up." }))).toThrow(/Agent Janitor not found/);
  });

  it("fails when a nested run was lost, naming what the resume will do", () => {
    expect(() => expectResumable(readFileSync("fixtures/openai-agents/nested-run-missing.json", "utf8"), boss, { agentTools: [janitor] })).toThrow(/starts the nested run again/);
  });
});
