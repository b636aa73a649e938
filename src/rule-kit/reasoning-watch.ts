// Follows reasoning items to the item each belongs to; shared by the two reasoning placement rules.
import type { Item, ReasoningItem } from "../history/index.js";

export interface DanglingReasoning {
  reasoning: ReasoningItem;
  index: number;
  /** Since the last user message or tool output the model produced reasoning and nothing else. */
  onlyReasoning: boolean;
}

/**
 * Reasoning belongs to the assistant message or tool call that follows it (more reasoning may come
 * between). Anything else after it, or the end of the history, leaves it dangling.
 */
export function watchReasoning(onDangling: (dangling: DanglingReasoning) => void) {
  let pending: { reasoning: ReasoningItem; index: number } | undefined;
  let producedSinceInput = false;
  const settle = () => {
    if (pending) onDangling({ ...pending, onlyReasoning: !producedSinceInput });
    pending = undefined;
  };
  return {
    item(item: Item, index: number): void {
      if (item.type === "reasoning") {
        pending = { reasoning: item, index };
        return;
      }
      const answers = item.type === "tool_call" || (item.type === "message" && item.role === "assistant");
      if (answers) {
        pending = undefined;
        producedSinceInput = true;
        return;
      }
      settle();
      if (item.type === "tool_output" || (item.type === "message" && item.role === "user")) producedSinceInput = false;
    },
    end: settle,
  };
}
