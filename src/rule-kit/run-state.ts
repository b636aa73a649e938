// What the rules of a serialized Agents SDK run share: the state's facts, places inside nested runs, edits.
import { stringifyJson } from "../read/index.js";
import { placeInState, readRunState, type NestedPath, type RunStateFacts } from "../clients/index.js";
import { isObject, type JsonObject } from "../formats/json-shape.js";
import type { Source } from "../history/index.js";
import type { RawRecord } from "../read/index.js";
import type { Fix } from "./fix.js";
import type { RuleContext, RuleVisitor } from "./rule.js";

export interface RunStateCheck {
  facts: RunStateFacts;
  value: JsonObject;
  record: RawRecord;
  /** The place of `pointer` in the state at `path` (the outer state: `[]`). */
  at(path: NestedPath, pointer: string): Source;
}

/** A rule over the one document of a run state: `check` runs once the file has been read. */
export function onRunState(check: (state: RunStateCheck, context: RuleContext) => void): (context: RuleContext) => RuleVisitor {
  return (context) => {
    let record: RawRecord | undefined;
    return {
      record(read) {
        if (read.index === 0 && isObject(read.value)) record = read;
      },
      end() {
        if (!record || !isObject(record.value)) return;
        const found = record;
        check({ facts: readRunState(record.value), value: record.value, record, at: (path, pointer) => placeInState(found, path, pointer) }, context);
      },
    };
  };
}

function decodePointer(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** A copy of `state` with the nested state at `path` replaced by `change(nested)`; nested states stay strings. */
export function changeState(state: JsonObject, path: NestedPath, change: (nested: JsonObject) => JsonObject): JsonObject {
  const [first, ...rest] = path;
  if (first === undefined) return change(structuredClone(state));
  const copy = structuredClone(state);
  const keys = decodePointer(first);
  const last = keys.pop() as string;
  let holder: unknown = copy;
  for (const key of keys) holder = isObject(holder) || Array.isArray(holder) ? (holder as Record<string, unknown>)[key] : undefined;
  if (!isObject(holder) || typeof holder[last] !== "string") return copy;
  holder[last] = stringifyJson(changeState(JSON.parse(holder[last]) as JsonObject, rest, change));
  return copy;
}

/** A fix that gives the run state a new document, made from the one in the file when the fix runs. */
export function rewriteState(path: NestedPath, change: (nested: JsonObject) => JsonObject, safety: Fix["safety"] = "safe"): Fix {
  return {
    safety,
    edits: (context) => {
      // A state is one document; a file of several (two states pasted together) is for a person to sort out.
      if (context.records.length !== 1) return undefined;
      const value = context.unitValue(0);
      return isObject(value) ? [{ op: "replace", record: 0, value: changeState(value, path, change) }] : undefined;
    },
  };
}

/** `the nested run of "ask_janitor" (call_1)`, or `the run`: whose state a finding is about. */
export function whoseRun(facts: RunStateFacts, path: NestedPath, outer: RunStateFacts): string {
  if (path.length === 0) return "the run";
  let holder = outer;
  let name = "";
  for (const pointer of path) {
    const run = holder.nested.find((n) => n.pointer === pointer);
    if (!run || "error" in run.state) break;
    name = `the nested run of ${JSON.stringify(holder.pending.find((call) => call.callId === run.callId)?.name ?? run.key)} (${run.callId})`;
    holder = run.state;
  }
  return holder === facts ? name : "a nested run";
}
