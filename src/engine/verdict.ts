// How a finding about a client's file reads: what the client will really do with it on resume.
import { clientName, type ClientModel, type ClientVerdict, type Consequence } from "../clients/index.js";
import type { Location } from "../rule-kit/index.js";
import type { Severity } from "./diagnostic.js";

/** The level a finding takes from its kind, the same way for every client. */
export const SEVERITY_OF: Record<Consequence, Severity> = { refused: "error", "wont-open": "error", lost: "warning" };

/** What the runner knows of a rule's report when it judges it. */
export interface Judged {
  ruleId: string;
  at: Location;
  message: string;
  /** The problem and the remedy, when the rule built its message from them. */
  problem?: string;
  remedy?: string;
  /** The rule's own judgement, for rules that know their client (the Claude Code chain). */
  consequence?: Consequence;
  /** The report carries the provider's answer: what the client sends is refused. */
  refusedByProvider: boolean;
}

export interface Verdict {
  consequence: Consequence | undefined;
  message: string;
}

/** Splits `problem; consequence: remedy` (the shape every rule message has) when the rule did not say. */
function partsOf(judged: Judged): { problem: string; remedy: string | undefined } {
  if (judged.problem !== undefined) return { problem: judged.problem, remedy: judged.remedy };
  const semicolon = judged.message.indexOf("; ");
  if (semicolon < 0) return { problem: judged.message, remedy: undefined };
  const rest = judged.message.slice(semicolon + 2);
  const colon = rest.lastIndexOf(": ");
  return { problem: judged.message.slice(0, semicolon), remedy: colon < 0 ? undefined : rest.slice(colon + 2) };
}

/**
 * Judges a finding about a file `client` writes: `lost` and `wont-open` as the client model says, else
 * `refused` when the endpoint refuses what the client sends. Other findings keep the rule's message.
 */
export function judge(client: ClientModel, judged: Judged): Verdict {
  const verdict: ClientVerdict = judged.consequence ? { consequence: judged.consequence } : client.verdict(judged.ruleId, { line: judged.at.line, ...(judged.at.record !== undefined ? { record: judged.at.record } : {}) });
  const name = clientName(client);
  if (verdict.consequence === "wont-open") {
    const { problem, remedy } = partsOf(judged);
    const says = verdict.says ? ` ("${verdict.says}")` : "";
    return { consequence: "wont-open", message: `won't open: ${problem}; ${name} refuses to resume the file${says}${remedy ? `: ${remedy}` : ""}` };
  }
  if (verdict.consequence === "lost") {
    if (judged.consequence) return { consequence: "lost", message: `lost: ${judged.message}` };
    const { problem, remedy } = partsOf(judged);
    const does = verdict.does ?? "drops it";
    return { consequence: "lost", message: `lost: ${problem}; on resume ${name} ${does}, without telling anyone${remedy ? `: ${remedy}` : ""}` };
  }
  if (judged.refusedByProvider || judged.consequence === "refused") return { consequence: "refused", message: `refused: ${judged.message.replace("; the API answers", `; ${name} sends it and the API answers`)}` };
  return { consequence: undefined, message: judged.message };
}
