// Small readers for untyped JSON: every format adapter inspects values it cannot trust.
import { stringifyJson } from "../read/index.js";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stringField(value: JsonObject, key: string): string | undefined {
  const field = value[key];
  return typeof field === "string" ? field : undefined;
}

export function arrayField(value: JsonObject, key: string): unknown[] | undefined {
  const field = value[key];
  return Array.isArray(field) ? field : undefined;
}

/** Escapes one key for a JSON pointer (RFC 6901). */
export function pointerKey(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function joinPointer(base: string, ...keys: (string | number)[]): string {
  return keys.reduce<string>((pointer, key) => `${pointer}/${pointerKey(key)}`, base);
}

/** The object a JSON text holds, or undefined when it is not JSON or not an object (tool arguments). */
export function parseObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Text of a content value that may be a string, a list of parts with `text`, or anything else. */
export function flattenText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? "" : stringifyJson(content);
  return content
    .map((part) => (isObject(part) && typeof part.text === "string" ? part.text : isObject(part) ? "" : String(part)))
    .join("");
}
