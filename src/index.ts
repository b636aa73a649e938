// The library: everything the CLI does, as functions a program can import.
export * from "./read/index.js";
export * from "./history/index.js";
// The zod schemas: values the lint path leaves unloaded (the barrels above export their types).
export * from "./history/schema.js";
export { ProfileName } from "./profiles/schema.js";
export { Severity, Diagnostic, LintResult } from "./engine/diagnostic-schema.js";
export { Edit } from "./formats/edit-schema.js";
export * from "./formats/index.js";
export * from "./profiles/index.js";
export * from "./rule-kit/index.js";
export * from "./engine/index.js";
export * from "./show/index.js";
export * from "./config/index.js";
export * from "./report/index.js";
export * from "./server/index.js";
export * from "./replay/index.js";
export { agentNames, unknownAgentNames, readRunState, openAiAgentsClient, type AgentLike, type UnknownAgentName, type RunStateFacts } from "./clients/index.js";
