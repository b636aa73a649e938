// The names a run state refers to, checked against the application's agents: `RunState.fromString` finds
// each agent of the file by name in the graph of the agent it is given, and refuses the file otherwise.
import { isObject, joinPointer, type JsonObject } from "../formats/json-shape.js";
import { nestedPointer } from "./openai-agents-place.js";

/** What histlint reads of an `Agent` of `@openai/agents`: its name and the agents it hands off to. */
export interface AgentLike {
  name: string;
  handoffs?: readonly unknown[];
}

export interface UnknownAgentName {
  name: string;
  /** Where the file names it, through nested states (`/pendingAgentToolRuns/<key>/currentAgent`). */
  pointer: string;
  /** The SDK's error text. */
  says: string;
}

/**
 * The names of the agents reachable from `agents` by handoffs. An agent used as a tool (`asTool`) is
 * linked to its tool in a registry the SDK keeps private: pass such agents too.
 */
export function agentNames(agents: AgentLike | readonly AgentLike[]): Set<string> {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const queue: unknown[] = Array.isArray(agents) ? [...agents] : [agents];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!isObject(next) || seen.has(next)) continue;
    seen.add(next);
    const agent = isObject(next.agent) && typeof next.name !== "string" ? next.agent : next; // a handoff wraps its agent
    if (typeof agent.name === "string") names.add(agent.name);
    if (Array.isArray(agent.handoffs)) queue.push(...agent.handoffs.map((handoff) => (isObject(handoff) && isObject(handoff.agent) ? handoff.agent : handoff)));
  }
  return names;
}

function namesIn(state: JsonObject, path: readonly string[], found: UnknownAgentName[], known: Set<string>): void {
  const check = (holder: unknown, pointer: string) => {
    const name = isObject(holder) ? holder.name : undefined;
    if (typeof name === "string" && !known.has(name) && !found.some((f) => f.name === name)) found.push({ name, pointer: nestedPointer(path, pointer), says: `Agent ${name} not found` });
  };
  check(state.currentAgent, "/currentAgent");
  const items = Array.isArray(state.generatedItems) ? state.generatedItems : [];
  items.forEach((item, i) => isObject(item) && check(item.agent, `/generatedItems/${i}/agent`));
  const runs = isObject(state.pendingAgentToolRuns) ? state.pendingAgentToolRuns : {};
  for (const [key, text] of Object.entries(runs)) {
    try {
      const nested: unknown = typeof text === "string" ? JSON.parse(text) : undefined;
      if (isObject(nested)) namesIn(nested, [...path, joinPointer("/pendingAgentToolRuns", key)], found, known);
    } catch {
      // an unreadable nested state is agents-nested-state-unreadable's finding
    }
  }
}

/** Agents the state names that `agents` do not hold: the SDK will not load it with them. */
export function unknownAgentNames(stateText: string, agents: AgentLike | readonly AgentLike[]): UnknownAgentName[] {
  let state: unknown;
  try {
    state = JSON.parse(stateText);
  } catch {
    return [];
  }
  const found: UnknownAgentName[] = [];
  if (isObject(state)) namesIn(state, [], found, agentNames(agents));
  return found;
}
