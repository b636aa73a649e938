// The top-level shape of each endpoint's body: the fields the API requires and their types, checked before any rule
// about the history inside, and reported in the order each API reports them (texts and order: docs/provider-texts.md).
import { z } from "zod";
import { anthropicError, openAiError, type ProviderError } from "../profiles/index.js";

/*
 * Each schema's error text is the *expected* part of the API's sentence ("a string", "Input should be a valid array");
 * `shapeRefusal` writes the sentence around it, with the path and (for OpenAI) what was sent instead. The keys are
 * listed in the order the API reports them: zod checks an object's keys in the order of its shape.
 */
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
// A check, not an object schema: the items are the history's, read by the rules later, and need no copy here.
const objects = (expected: string, item: string) => z.array(z.custom<Record<string, unknown>>(isObject, { error: item }), { error: expected });

const RESPONSES = z.looseObject({
  model: z.string({ error: "a string" }),
  input: z.union([z.string(), objects("", "an input item")], { error: "one of a string or array of input items" }).optional(),
  tools: z.array(z.unknown(), { error: "an array of tools" }).optional(),
  stream: z.boolean({ error: "a boolean" }).optional(),
});

const CHAT = z.looseObject({
  model: z.string({ error: "a string" }),
  messages: objects("an array of objects", "an object"),
  tools: z.array(z.unknown(), { error: "an array of objects" }).optional(),
  stream: z.boolean({ error: "a boolean" }).optional(),
});

const anthropicFields = {
  model: z.string({ error: "Input should be a valid string" }),
  tools: objects("Input should be a valid array", "Input should be an object").optional(),
  messages: objects("Input should be a valid array", "Input should be an object"),
};
const ANTHROPIC = z.looseObject({
  ...anthropicFields,
  max_tokens: z.number({ error: "Input should be a valid integer" }),
  stream: z.boolean({ error: "Input should be a valid boolean" }).optional(),
});
/** Counting tokens takes the same conversation, and no `max_tokens`. */
const ANTHROPIC_COUNT = z.looseObject(anthropicFields);

type Family = "openai-responses" | "openai-chat" | "anthropic";
const SHAPES: Record<string, { family: Family; schema: z.ZodType }> = {
  "/responses": { family: "openai-responses", schema: RESPONSES },
  "/chat/completions": { family: "openai-chat", schema: CHAT },
  "/messages": { family: "anthropic", schema: ANTHROPIC },
  "/messages/count_tokens": { family: "anthropic", schema: ANTHROPIC_COUNT },
};

/** Whether the body has the endpoint's shape, by its schema (the reference `handShapeHolds` must agree with). */
export function schemaShapeHolds(path: string, body: Record<string, unknown>): boolean {
  return SHAPES[path]?.schema.safeParse(body).success ?? true;
}

const optional = (value: unknown, holds: (value: unknown) => boolean) => value === undefined || holds(value);
const isString = (value: unknown) => typeof value === "string";
const isBoolean = (value: unknown) => typeof value === "boolean";
const isObjectArray = (value: unknown) => Array.isArray(value) && value.every(isObject);
const HAND_CHECKS: Record<string, (body: Record<string, unknown>) => boolean> = {
  "/responses": (b) => isString(b.model) && optional(b.input, (v) => isString(v) || isObjectArray(v)) && optional(b.tools, Array.isArray) && optional(b.stream, isBoolean),
  "/chat/completions": (b) => isString(b.model) && isObjectArray(b.messages) && optional(b.tools, Array.isArray) && optional(b.stream, isBoolean),
  "/messages": (b) => isString(b.model) && optional(b.tools, isObjectArray) && isObjectArray(b.messages) && Number.isFinite(b.max_tokens) && optional(b.stream, isBoolean),
  "/messages/count_tokens": (b) => isString(b.model) && optional(b.tools, isObjectArray) && isObjectArray(b.messages),
};

/**
 * The same answer as `schemaShapeHolds`, without zod: a well-shaped body is every request the mock answers, and zod's
 * check (its issues, its copies) cost it more than the rest of a cached answer. Zod still words every refusal.
 */
export function handShapeHolds(path: string, body: Record<string, unknown>): boolean {
  return HAND_CHECKS[path]?.(body) ?? true;
}

/** The API's refusal of a body whose top-level shape is wrong, or undefined when it is right (or the path has no shape). */
export function shapeRefusal(path: string, body: Record<string, unknown>): ProviderError | undefined {
  const shape = SHAPES[path];
  if (!shape || handShapeHolds(path, body)) return undefined;
  const result = shape.schema.safeParse(body);
  if (result.success) return undefined;
  const { path: where, expected } = firstProblem(result.error.issues[0] as z.core.$ZodIssue);
  const value = valueAt(body, where);
  if (shape.family === "anthropic") return anthropicError(`${where.map(String).join(".")}: ${value === undefined ? "Field required" : expected}`);
  const param = where.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join("");
  if (value === undefined || (shape.family === "openai-chat" && param === "model" && value === null)) {
    // Chat alone words a missing (or null) model in the older way, with neither param nor code.
    if (shape.family === "openai-chat" && param === "model") return openAiError("you must provide a model parameter", null);
    return openAiError(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");
  }
  const sent = value === null && shape.family === "openai-responses" && where.length === 1 ? "an object" : typeName(value);
  return openAiError(`Invalid type for '${param}': expected ${expected}, but got ${sent} instead.`, param, "invalid_type");
}

/**
 * A union's failure is explained by the option the value's type did match (its issues lie deeper, as an array's bad
 * item does): `input: [42]` is an array with a bad item, not "neither a string nor an array".
 */
function firstProblem(issue: z.core.$ZodIssue): { path: PropertyKey[]; expected: string } {
  if (issue.code === "invalid_union") {
    const deeper = issue.errors.find((option) => option[0] !== undefined && option[0].path.length > 0)?.[0];
    if (deeper) {
      const inner = firstProblem(deeper);
      return { path: [...issue.path, ...inner.path], expected: inner.expected };
    }
  }
  return { path: issue.path, expected: issue.message };
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What OpenAI says it got: "an integer", "a decimal number", "a string", "an array", "null"… */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a decimal number";
  if (typeof value === "object") return "an object";
  return typeof value === "string" ? "a string" : typeof value === "boolean" ? "a boolean" : "an unknown type";
}
