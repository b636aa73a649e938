// Token counts for a profile's model family: o200k for OpenAI's endpoints, a documented estimate for Anthropic.
import { createRequire } from "node:module";
import type { Item } from "../history/index.js";
import type { Profile } from "./profile.js";

/**
 * Anthropic publishes no tokenizer; Claude averages about 3.5 characters a token on English and
 * code, so this estimate errs towards more tokens, which keeps a pruned history inside its budget.
 */
export const ANTHROPIC_CHARACTERS_PER_TOKEN = 3.5;

/**
 * The o200k tables take tens of megabytes: they are loaded on the first count (only --max-tokens
 * counts), not with the module, so lint does not carry them. `require` keeps the count synchronous.
 */
let o200k: ((text: string) => number) | undefined;
function countO200k(text: string): number {
  o200k ??= (createRequire(import.meta.url)("gpt-tokenizer/encoding/o200k_base") as { countTokens(text: string): number }).countTokens;
  return o200k(text);
}

/** Roles, separators and item framing the providers add to every item. */
const TOKENS_PER_ITEM = 4;

export function countTextTokens(profile: Profile, text: string): number {
  if (text.length === 0) return 0;
  return profile.api === "anthropic" ? Math.ceil(text.length / ANTHROPIC_CHARACTERS_PER_TOKEN) : countO200k(text);
}

/** What an item costs in the request: its text, arguments, output or summary, and its framing. */
export function itemTokens(profile: Profile, item: Item): number {
  const text =
    item.type === "message"
      ? item.content.map((part) => part.text ?? "").join("")
      : item.type === "tool_call"
        ? `${item.name ?? ""}${item.arguments ?? ""}`
        : item.type === "tool_output"
          ? item.output
          : item.type === "reasoning"
            ? item.summary.join("") + (item.text ?? "")
            : item.type === "compaction"
              ? item.summary ?? ""
              : "";
  return TOKENS_PER_ITEM + countTextTokens(profile, text);
}
