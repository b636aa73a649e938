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
 * between). Anything else after it, or the end of the history, leaves it dangling — except an item
 * that is itself out of place (`displaced`: an output written before its call), which moving fixes.
 */
export function watchReasoning(onDangling: (dangling: DanglingReasoning) => void, displaced: (item: Item) => boolean = () => false) {
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
      if (displaced(item)) return;
      const answers = item.type === "tool_call" || (item.type === "message" && item.role === "assistant");
      if (answers) {
        pending = undefined;
        producedSinceInput = true;
        return;
      }
      settle();
      if (item.type === "tool_output" || (item.type === "message" && item.role === "user")) producedSinceInput = false;
    },
    // The end reports what is still pending but keeps it: a runner asked for its findings so far may be fed more items.
    end(): void {
      if (pending) onDangling({ ...pending, onlyReasoning: !producedSinceInput });
    },
  };
}

/** An output whose call has not come yet: out of place, and tool-output-before-call's to move. */
export function outputBeforeItsCall(seen: { callLine(callId: string): number | undefined }): (item: Item) => boolean {
  return (item) => item.type === "tool_output" && item.callId !== undefined && seen.callLine(item.callId) === undefined;
}
