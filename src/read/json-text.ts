// JSON.stringify for values read from files. JSON.parse takes any depth, but V8's JSON.stringify
// recurses and overflows the stack near a few thousand levels; a record that deep must still be
// written back, so past that point the value is serialised with an explicit stack.

/** `JSON.stringify(value, null, indent)` for plain JSON values of any depth. */
export function stringifyJson(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return stringifyWithStack(value, indent ? " ".repeat(indent) : "");
}

/** The text of a scalar, or undefined for what JSON.stringify leaves out (undefined, functions). */
function scalarText(value: unknown): string | undefined {
  if (value === null) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  return undefined;
}

interface Frame {
  /** Entries still to write: [key, value] for objects, [undefined, value] for arrays. */
  entries: [string | undefined, unknown][];
  next: number;
  close: string;
  /** Whether an entry has been written (for the comma). */
  wrote: boolean;
  depth: number;
}

export function stringifyWithStack(root: unknown, gap: string): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const newline = (depth: number) => (gap ? `\n${gap.repeat(depth)}` : "");
  const open = (value: unknown, depth: number): void => {
    if (typeof value !== "object" || value === null) {
      out.push(scalarText(value) ?? "null");
      return;
    }
    const isArray = Array.isArray(value);
    const entries: [string | undefined, unknown][] = isArray
      ? value.map((element) => [undefined, element])
      : Object.entries(value).filter(([, field]) => field !== undefined && typeof field !== "function");
    if (entries.length === 0) {
      out.push(isArray ? "[]" : "{}");
      return;
    }
    out.push(isArray ? "[" : "{");
    stack.push({ entries, next: 0, close: isArray ? "]" : "}", wrote: false, depth });
  };
  open(root, 0);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next === frame.entries.length) {
      stack.pop();
      out.push(newline(frame.depth), frame.close);
      continue;
    }
    const [key, value] = frame.entries[frame.next++] as [string | undefined, unknown];
    if (frame.wrote) out.push(",");
    frame.wrote = true;
    out.push(newline(frame.depth + 1));
    if (key !== undefined) out.push(JSON.stringify(key), gap ? ": " : ":");
    // An array slot that JSON.stringify would write as null (undefined, a function) is null here too.
    open(typeof value === "function" ? null : value, frame.depth + 1);
  }
  return out.join("");
}
