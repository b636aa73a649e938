// Follows reasoning items to the item each belongs to; shared by the two reasoning placement rules.
import type { Item, ReasoningItem } from "../history/index.js";
import type { ItemPosition, RuleVisitor } from "./rule.js";

export interface DanglingReasoning {
  reasoning: ReasoningItem;
  index: number;
  /** Since the last user message or tool output the model produced reasoning and nothing else. */
  onlyReasoning: boolean;
}

/**
 * Reasoning belongs to the assistant message or tool call that follows it (more reasoning may come
 * between). Anything else after it, or the end of the history, leaves it dangling — except an item
 * that is itself out of place (`displaced`), which moving fixes. A rule extends it and says what a
 * dangling reasoning is to it: its hooks are methods, one function for every file, so V8 compiles
 * them once rather than again for each file's closures.
 */
export abstract class ReasoningWatch implements RuleVisitor {
  private pending: { reasoning: ReasoningItem; index: number } | undefined = undefined;
  private producedSinceInput = false;

  protected abstract dangling(dangling: DanglingReasoning): void;

  /** An item out of place, which leaves the reasoning before it pending. */
  protected displaced(_item: Item): boolean {
    return false;
  }

  item(item: Item, position: ItemPosition): void {
    if (item.type === "reasoning") {
      this.pending = { reasoning: item, index: position.index };
      return;
    }
    if (this.displaced(item)) return;
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

/** An output whose call has not come yet: out of place, and tool-output-before-call's to move. */
export function standsBeforeItsCall(item: Item, seen: { callLine(callId: string): number | undefined }): boolean {
  return item.type === "tool_output" && item.callId !== undefined && seen.callLine(item.callId) === undefined;
}

/** `standsBeforeItsCall` against `seen`, as a function. */
export function outputBeforeItsCall(seen: { callLine(callId: string): number | undefined }): (item: Item) => boolean {
  return (item) => standsBeforeItsCall(item, seen);
}

class CallbackWatch extends ReasoningWatch {
  constructor(
    private readonly onDangling: (dangling: DanglingReasoning) => void,
    private readonly isDisplaced: (item: Item) => boolean,
  ) {
    super();
  }

  protected override dangling(dangling: DanglingReasoning): void {
    this.onDangling(dangling);
  }

  protected override displaced(item: Item): boolean {
    return this.isDisplaced(item);
  }
}

/** The watch with callbacks, for a rule written with closures (it is compiled again for each file's). */
export function watchReasoning(onDangling: (dangling: DanglingReasoning) => void, displaced: (item: Item) => boolean = () => false) {
  const watch = new CallbackWatch(onDangling, displaced);
  return {
    item: (item: Item, index: number): void => watch.item(item, { index }),
    end: (): void => watch.end(),
  };
}
