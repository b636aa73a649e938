// Approval schedules for agents that pause for people (OpenAI Agents SDK): pause, approve or reject each
// interruption, restart the process, resume, or crash while the state is written; over agents that use
// other agents as tools, nested `nesting` deep. A builder drives its own agent with them and asserts
// `expectResumable` on every state it saves; `pausedRunState` writes one such state without the SDK.
import fc from "fast-check";

export type Decision = "approve" | "reject";

export interface ApprovalRound {
  /** Tools asking for approval at this pause (in the innermost agent). */
  approvals: number;
  decisions: Decision[];
  /** The process restarts between the pause and the answer: the state goes through its file. */
  restart: boolean;
  /** The process dies while writing the state: the file keeps this fraction of it (0 < crashAt < 1). */
  crashAt?: number;
}

export interface ApprovalSchedule {
  /** 0: the agent pauses itself; n: the pause is n agents-as-tools deep. */
  nesting: number;
  rounds: ApprovalRound[];
}

export interface ApprovalScheduleOptions {
  maxRounds?: number;
  maxNesting?: number;
  maxApprovals?: number;
  /** Include crashes while the state is written (default true). */
  crashes?: boolean;
}

const round = (maxApprovals: number, crashes: boolean): fc.Arbitrary<ApprovalRound> =>
  fc.integer({ min: 1, max: maxApprovals }).chain((approvals) =>
    fc.record(
      {
        approvals: fc.constant(approvals),
        decisions: fc.array(fc.constantFrom<Decision>("approve", "reject"), { minLength: approvals, maxLength: approvals }),
        restart: fc.boolean(),
        crashAt: crashes ? fc.double({ min: 0.05, max: 0.95, noNaN: true }) : fc.constant(undefined),
      },
      { requiredKeys: ["approvals", "decisions", "restart"] },
    ) as fc.Arbitrary<ApprovalRound>,
  );

export function approvalSchedule(options: ApprovalScheduleOptions = {}): fc.Arbitrary<ApprovalSchedule> {
  return fc.record({
    nesting: fc.integer({ min: 0, max: options.maxNesting ?? 2 }),
    rounds: fc.array(round(options.maxApprovals ?? 3, options.crashes ?? true), { minLength: 1, maxLength: options.maxRounds ?? 3 }),
  });
}

const call = (callId: string, name: string, args = "{}") => ({ type: "function_call", id: `fc_${callId}`, callId, name, status: "completed", arguments: args });

/**
 * The state the SDK writes when `round`'s tools ask for approval `nesting` agents deep (agent `level0`
 * calls `ask_level1` and so on), with the round's decisions recorded as `state.approve`/`reject` does
 * when `decided`. Every nested run's approvals show in each state above it.
 */
export function pausedRunState(nesting: number, round: Pick<ApprovalRound, "approvals" | "decisions">, decided = false): string {
  const ids = Array.from({ length: round.approvals }, (_, i) => `call_${nesting}_${i}`);
  const approvalItems = (agent: string) => ids.map((callId) => ({ type: "tool_approval_item", rawItem: call(callId, "delete_file"), agent: { name: agent }, toolName: "delete_file" }));
  const innermost = `level${nesting}`;
  const state = (level: number): Record<string, unknown> => {
    const agent = `level${level}`;
    const base = { $schemaVersion: "1.17", currentTurn: 1, currentAgent: { name: agent }, originalInput: "tidy up", currentStep: { type: "next_step_interruption", data: { interruptions: approvalItems(innermost) } } };
    if (level === nesting) {
      const generatedItems = [...ids.map((callId) => ({ type: "tool_call_item", rawItem: call(callId, "delete_file"), agent: { name: agent } })), ...approvalItems(agent)];
      return { ...base, context: { approvals: {} }, generatedItems, pendingAgentToolRuns: {}, pendingAgentToolRunAliases: {}, lastProcessedResponse: { functions: ids.map((callId) => ({ toolCall: call(callId, "delete_file"), tool: { type: "function", name: "delete_file" } })) } };
    }
    const tool = `ask_level${level + 1}`;
    const outerCall = call(`outer_${level}`, tool, '{"input":"tidy up"}');
    const key = `["bare","${tool}"]:outer_${level}`;
    return {
      ...base,
      context: { approvals: {} },
      generatedItems: [{ type: "tool_call_item", rawItem: outerCall, agent: { name: agent } }],
      pendingAgentToolRuns: { [key]: JSON.stringify(state(level + 1)) },
      pendingAgentToolRunAliases: { [`${tool}:outer_${level}`]: key },
      lastProcessedResponse: { functions: [{ toolCall: outerCall, tool: { type: "function", name: tool } }] },
    };
  };
  const outer = state(0);
  if (decided) {
    const approvals = { approved: ids.filter((_, i) => round.decisions[i] === "approve"), rejected: ids.filter((_, i) => round.decisions[i] === "reject") };
    // The outer file holds the decisions, for its own approvals and its nested runs' alike.
    outer.context = { approvals: {}, functionApprovals: [{ agentIdentity: innermost, approvals: { '["bare","delete_file"]': approvals } }] };
  }
  return JSON.stringify(outer);
}

/** The file a crash while writing `text` leaves: its first `fraction` of bytes. */
export function crashedWrite(text: string, fraction: number): string {
  return text.slice(0, Math.max(1, Math.floor(text.length * fraction)));
}
