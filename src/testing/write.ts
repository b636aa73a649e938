// Entries as the file of any format.
import type { FormatName } from "../history/index.js";
import type { Entry } from "./entries.js";
import { anthropicBody, claudeCodeSession } from "./write-anthropic.js";
import { agentsState } from "./write-agents-state.js";
import { chatBody } from "./write-chat.js";
import { geminiBody } from "./write-gemini.js";
import { codexRollout, responsesLines } from "./write-responses.js";

export function writeHistory(entries: readonly Entry[], format: FormatName): string {
  switch (format) {
    case "codex":
      return codexRollout(entries);
    case "responses":
      return responsesLines(entries);
    case "chat":
      return chatBody(entries);
    case "anthropic":
      return anthropicBody(entries);
    case "claude-code":
      return claudeCodeSession(entries);
    case "openai-agents-state":
      return agentsState(entries);
    case "gemini":
      return geminiBody(entries);
    case "gemini-cli":
      throw new Error("writing Gemini CLI sessions is not supported yet: write the gemini format");
  }
}
