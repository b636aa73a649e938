// The clients layer: one model a client, and the history each format is read as.
import { adapterFor, type HistoryContext, type HistoryStream } from "../formats/index.js";
import type { FormatName } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import { claudeCodeClient } from "./claude-code.js";
import type { ClientModel } from "./client.js";
import { codexClient } from "./codex.js";
import { geminiCliClient } from "./gemini-cli.js";
import { openAiAgentsClient } from "./openai-agents.js";

export const CLIENTS: readonly ClientModel[] = [codexClient, claudeCodeClient, openAiAgentsClient, geminiCliClient];

/** The model of the client that writes files of `format`, if a client writes them. */
export function clientFor(format: FormatName): ClientModel | undefined {
  return CLIENTS.find((client) => client.format === format);
}

/** The history of a file: as its client rebuilds it, or as the request body holds it. */
export function readHistory(format: FormatName, records: Iterable<RawRecord>, context: HistoryContext): HistoryStream {
  const client = clientFor(format);
  if (client) return client.history(records, context);
  const adapter = adapterFor(format);
  if (!adapter.history) throw new Error(`format ${format} has neither a client model nor a history reader`);
  return adapter.history(records, context);
}

export * from "./client.js";
export { codexClient, CODEX_BUILT_IN_INSTRUCTIONS, codexInstructionsItem, codexMadeItem, codexWireItem, derivedUuid, MADE_BY_CODEX, CODEX_ITEM_TYPES, CODEX_NO_SESSION_META } from "./codex.js";
export { claudeCodeClient, claudeCodeMadeBlocks, MADE_BY_CLAUDE_CODE, CLAUDE_CODE_INTERRUPTED, CLAUDE_CODE_NO_RESPONSE } from "./claude-code.js";
export { geminiCliClient, geminiCliActiveLoop, geminiCliWireParts, GEMINI_CLI_CANCELLED, GEMINI_CLI_INTERRUPTED, MADE_BY_GEMINI_CLI } from "./gemini-cli.js";
export { resumeChain, CONVERSATION_TYPES, type ChainRecord, type ResumedChain } from "./claude-code-chain.js";
export { openAiAgentsClient, agentsWireItem, agentsUnitValue, MADE_BY_AGENTS_SDK, APPROVED_TOOL_OUTPUT } from "./openai-agents.js";
export * from "./openai-agents-state.js";
export { placeInState, nestedPointer } from "./openai-agents-place.js";
export { agentNames, unknownAgentNames, type AgentLike, type UnknownAgentName } from "./openai-agents-names.js";
