// `expectResumable(stateText, agent)`: an agent builder's assertion that a paused run's saved state resumes
// as it was paused — histlint finds nothing the SDK would refuse, lose or fail to open, and every agent
// the file names is one the application passes to `RunState.fromString`.
import { unknownAgentNames, type AgentLike } from "../clients/index.js";
import type { Diagnostic, LintResult } from "../engine/index.js";
import { FILE_START } from "../read/index.js";
import { InvalidHistoryError, lintHistory } from "./assertions.js";

export interface ResumableOptions {
  /** Agents used as tools (`asTool`), which the SDK links to their tools privately: pass them to check their names. */
  agentTools?: readonly AgentLike[];
  /** The name shown in the report. */
  name?: string;
}

/** The findings that stop a state from resuming as it was paused, names of unknown agents included. */
export function resumeProblems(stateText: string, agent?: AgentLike, options: ResumableOptions = {}): LintResult {
  const result = lintHistory(stateText, { format: "openai-agents-state", name: options.name ?? "run state" });
  const names: Diagnostic[] = agent
    ? unknownAgentNames(stateText, [agent, ...(options.agentTools ?? [])]).map((unknown) => ({
        ruleId: "agents-unknown-name",
        severity: "error",
        message: `won't open: the state names agent ${JSON.stringify(unknown.name)} at ${unknown.pointer}, which the agent graph given does not hold; the SDK refuses it ("${unknown.says}"): rename it, or pass the agent that has that name`,
        line: FILE_START.line,
        column: FILE_START.column,
        endLine: FILE_START.endLine,
        endColumn: FILE_START.endColumn,
        pointer: unknown.pointer,
        fixable: false,
        consequence: "wont-open",
      }))
    : [];
  const messages = [...result.messages.filter((d) => d.severity !== "info"), ...names];
  return { ...result, messages, errorCount: messages.filter((d) => d.severity === "error").length, warningCount: messages.filter((d) => d.severity === "warning").length };
}

/** Throws an `InvalidHistoryError` listing what the SDK would refuse, lose or fail to open on resume. */
export function expectResumable(stateText: string, agent?: AgentLike, options: ResumableOptions = {}): void {
  const result = resumeProblems(stateText, agent, options);
  if (result.messages.length > 0) throw new InvalidHistoryError(result);
}
