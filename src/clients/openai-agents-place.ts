// Where a finding about a run state sits in the file: line and column of the outer document, and the
// JSON pointer, through the nested states held as strings, of what it is about.
import { documentText, lineColumn, nestedPointerIndex } from "../formats/json-locate.js";
import type { Source } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { NestedPath } from "./openai-agents-state.js";

/** `/pendingAgentToolRuns/<key>` then the pointer inside that nested document, and so on. */
export function nestedPointer(path: NestedPath, pointer: string): string {
  return `${path.join("")}${pointer}`;
}

export function placeInState(record: RawRecord, path: NestedPath, pointer: string): Source {
  const text = documentText(record.value, record.span);
  const at = text === undefined ? { line: record.span.line, column: record.span.column } : lineColumn(text, nestedPointerIndex(text, path, pointer), record.span);
  return { record: record.index, pointer: nestedPointer(path, pointer), line: at.line, column: at.column };
}
