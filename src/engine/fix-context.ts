// What a rule's fix sees of the file when it builds its edits, and the check that a finding marked
// fixable has a repair that applies to it (so lint's "fixable" is what fix then does).
import { readHistory } from "../clients/index.js";
import type { FormatAdapter } from "../formats/index.js";
import { elementOf } from "../formats/cancelled-output.js";
import { isObject } from "../formats/json-shape.js";
import { collectItems, type Item } from "../history/index.js";
import { PROFILES } from "../profiles/index.js";
import type { RawRecord } from "../read/index.js";
import type { Fix, FixContext } from "../rule-kit/index.js";
import type { Diagnostic } from "./diagnostic.js";

export interface FixContextSetup {
  adapter: FormatAdapter;
  records: readonly RawRecord[];
  profile: string | undefined;
  /** The output text for cancelled calls, instead of the client's own. */
  cancelText?: string;
  /** The history, when it is not to be read from `records` (they are fetched on demand). */
  items?: () => readonly Item[];
}

export function fixContext({ adapter, records, profile, cancelText, items: history }: FixContextSetup): FixContext {
  const profileData = PROFILES[(profile ?? "openai-responses") as keyof typeof PROFILES];
  const body = adapter.layout === "document" && records.length === 1 ? records[0]?.value : undefined;
  const array = Array.isArray(body) ? body : isObject(body) ? ((body.input ?? body.messages ?? body.contents) as unknown) : undefined;
  const elements = Array.isArray(array) ? array : undefined;
  let items: Item[] | undefined;
  return {
    items: history ?? (() => (items ??= collectItems(readHistory(adapter.name, records, {}).events))),
    records,
    format: adapter.name,
    adapter,
    profile: profileData,
    cancelText: cancelText ?? profileData.cancelText,
    unitValue: (unit) => (elements ? elements[unit] : records[unit]?.value),
    unitOf: (item) => unitOf(item, records, elements),
    containerOf: (item) => (elements ? elementOf(item.source.pointer) : item.source.record),
  };
}

/** The unit that is this item and nothing else: a whole record or element, or one whose content is this one block. */
function unitOf(item: Item, records: readonly RawRecord[], elements: unknown[] | undefined): number | undefined {
  const { pointer, record } = item.source;
  const onlyBlock = (holder: unknown) => {
    const content = isObject(holder) ? holder.content : undefined;
    return Array.isArray(content) && content.length === 1;
  };
  if (elements) {
    const element = elementOf(pointer);
    if (element === undefined) return undefined;
    if (/^\/(input|messages|contents)\/\d+$/.test(pointer)) return element;
    return /^\/messages\/\d+\/content\/0$/.test(pointer) && onlyBlock(elements[element]) ? element : undefined;
  }
  if (pointer === "" || pointer === "/payload") return record;
  const value = records[record]?.value;
  return pointer === "/message/content/0" && isObject(value) && onlyBlock(value.message) ? record : undefined;
}

/**
 * A rule offers a fix from what it saw; whether it applies shows only against the file (the item may
 * share its record with others, its value may not be what the repair rewrites). Each offered fix is
 * tried here: one that builds no edit is withdrawn, and its finding is not fixable. With no context
 * (a file fix cannot write back), no finding is.
 */
export function withdrawInapplicableFixes(diagnostics: readonly Diagnostic[], fixes: Map<Diagnostic, Fix>, context: FixContext | undefined): void {
  for (const diagnostic of diagnostics) {
    const fix = fixes.get(diagnostic);
    if (!fix) continue;
    settleFix(diagnostic, fixes, context ? fix.edits(context) : undefined);
  }
}

/** Keeps a fix that builds edits; withdraws one that builds none, and its finding is not fixable. */
export function settleFix(diagnostic: Diagnostic, fixes: Map<Diagnostic, Fix>, edits: readonly unknown[] | undefined): void {
  if (edits && edits.length > 0) return;
  fixes.delete(diagnostic);
  diagnostic.fixable = false;
}
