// Follows reasoning items to the item each belongs to; shared by the two reasoning placement rules.
import type { Item, ReasoningItem } from "../history/index.js";
import type { ItemPosition, RuleVisitor } from "./rule.js";

export interface DanglingReasoning {
  reasoning: ReasoningItem;
  index: number;
  /** Since the last user message or tool output the model produced reasoning and nothing else. */
  onlyReasoning: boolean;
}

/** What a watch asks of the calls seen so far: whether an output's call has come. */
interface SeenCalls {
  callLine(callId: string): number | undefined;
}

/**
 * Reasoning belongs to the assistant message or tool call that follows it (more reasoning may come
 * between). Anything else after it, or the end of the history, leaves it dangling — except an output
 * whose call has not come yet, which is out of place and tool-output-before-call's to move. A rule
 * extends it and says what a dangling reasoning is to it: its hooks are methods, one function for
 * every file, so V8 compiles them once rather than again for each file's closures.
 */
export abstract class ReasoningWatch implements RuleVisitor {
  private pending: { reasoning: ReasoningItem; index: number } | undefined = undefined;
  private producedSinceInput = false;

  constructor(private readonly seen: SeenCalls) {}

  protected abstract dangling(dangling: DanglingReasoning): void;

  item(item: Item, position: ItemPosition): void {
    if (item.type === "reasoning") {
      this.pending = { reasoning: item, index: position.index };
      return;
    }
    // Out of place: the reasoning before it stays pending.
    if (item.type === "tool_output" && item.callId !== undefined && this.seen.callLine(item.callId) === undefined) return;
    const answers = item.type === "tool_call" || (item.type === "message" && item.role === "assistant");
    if (answers) {
      this.pending = undefined;
      this.producedSinceInput = true;
      return;
    }
    if (this.pending) this.dangling({ ...this.pending, onlyReasoning: !this.producedSinceInput });
    this.pending = undefined;
    if (item.type === "tool_output" || (item.type === "message" && item.role === "user")) this.producedSinceInput = false;
  }

  // The end reports what is still pending but keeps it: a runner asked for its findings so far may be fed more items.
  end(): void {
    if (this.pending) this.dangling({ ...this.pending, onlyReasoning: !this.producedSinceInput });
  }
}
