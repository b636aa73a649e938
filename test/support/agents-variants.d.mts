// Types of the Agents SDK variants (agents-variants.mjs), which the recording script shares with the tests.
import type { Scenario } from "../../src/server/index.js";

export interface BrokenState {
  name: string;
  /** The driver's agent whose recorded state the edit starts from. */
  agent: "janitor" | "sweeper" | "boss";
  expected: "refused" | "lost" | "wont-open";
  /** The file holds the decision: the resume does not decide again. */
  decided?: boolean;
  edit(text: string): string;
}

export const AGENTS_SCENARIO: Scenario;
export const AGENT_OF: Record<"real-paused-approval" | "real-paused-two-calls" | "real-paused-nested-agent-tool" | "real-approved-before-resume", BrokenState["agent"]>;
export const BROKEN_STATES: readonly BrokenState[];
