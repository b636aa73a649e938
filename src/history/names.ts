// The names of the history formats, as plain data: the command line and the lint path need them
// without loading zod (the schemas in schema.ts are for the library's users).
export const FORMAT_NAMES = ["codex", "claude-code", "responses", "chat", "anthropic", "openai-agents-state", "gemini", "gemini-cli"] as const;
