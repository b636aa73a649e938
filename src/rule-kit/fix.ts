// What a rule offers to repair: the edits, built when the fix runs, from the file as it is then.
import type { Edit, FormatAdapter } from "../formats/index.js";
import type { FormatName, Item, ToolCallItem } from "../history/index.js";
import type { Profile } from "../profiles/index.js";
import type { RawRecord } from "../read/index.js";

export interface FixContext {
  records: readonly RawRecord[];
  format: FormatName;
  adapter: FormatAdapter;
  profile: Profile;
  /** The text a cancelled call's synthetic output carries (the client's own, or --cancel-text). */
  cancelText: string;
  /** The unit (record, or array element of a body) that is this item and nothing else, if there is one. */
  unitOf(item: Item): number | undefined;
  /** The value of a unit as it is in the file. */
  unitValue(unit: number): unknown;
}

export interface Fix {
  /** `safe`: what the client itself would do; `unsafe`: judgement, applied only with --unsafe. */
  safety: "safe" | "unsafe";
  /** The edits, or undefined when this instance cannot be repaired in this format. */
  edits(context: FixContext): Edit[] | undefined;
}

/** Removes the item when it is a unit of its own. */
export function removeItem(item: Item, safety: Fix["safety"] = "safe"): Fix {
  return {
    safety,
    edits: (context) => {
      const unit = context.unitOf(item);
      return unit === undefined ? undefined : [{ op: "remove", record: unit }];
    },
  };
}

/** Inserts the synthetic output a client writes for a call it never answered. */
export function cancelCall(call: ToolCallItem): Fix {
  return { safety: "safe", edits: (context) => context.adapter.cancelledOutput?.(call, context) };
}
