// The mock answers a well-shaped body without zod: its hand check must say what each endpoint's schema says, for any
// body (a check that lets a misshapen body through would validate what the API refuses; one stricter, refuse nothing).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { handShapeHolds, schemaShapeHolds } from "../../src/server/request-shape.js";

const PATHS = ["/responses", "/chat/completions", "/messages", "/messages/count_tokens", "/models"];

/** Values of every JSON type and of the types zod tells apart (integer or not, arrays of objects or not). */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 3 }),
  fc.array(fc.oneof(fc.dictionary(fc.string({ maxLength: 2 }), fc.integer(), { maxKeys: 2 }), fc.constant(null), fc.string({ maxLength: 2 }), fc.array(fc.integer(), { maxLength: 1 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 2 }), fc.integer(), { maxKeys: 2 }),
);

/** Mostly a value the field's schemas accept (so most bodies are one field away from well-shaped), else any value. */
const field = (valid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: value });
const objects = fc.array(fc.dictionary(fc.string({ maxLength: 2 }), fc.integer(), { maxKeys: 2 }), { maxLength: 2 });

/** A body with the fields the schemas read, each usually well-typed, sometimes of another type or absent, and others beside. */
const body = fc.record(
  { model: field(fc.string({ maxLength: 3 })), input: field(fc.oneof(fc.string({ maxLength: 3 }), objects)), messages: field(objects), tools: field(objects), stream: field(fc.boolean()), max_tokens: field(fc.integer()), store: value },
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, unknown>>;

describe("the hand shape check", () => {
  it("holds exactly when the endpoint's schema does", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), body, (path, b) => {
        expect(handShapeHolds(path, b)).toBe(schemaShapeHolds(path, b));
      }),
      { numRuns: 5000 },
    );
  });

  it("is reached by well-shaped bodies of every endpoint (the property is not only about refusals)", () => {
    const messages = [{ role: "user", content: "hi" }];
    expect(handShapeHolds("/responses", { model: "m", input: [{ role: "user" }], stream: true })).toBe(true);
    expect(handShapeHolds("/chat/completions", { model: "m", messages, tools: [] })).toBe(true);
    expect(handShapeHolds("/messages", { model: "m", messages, max_tokens: 5 })).toBe(true);
    expect(handShapeHolds("/messages/count_tokens", { model: "m", messages, tools: [{}] })).toBe(true);
    expect(handShapeHolds("/messages", { model: "m", messages })).toBe(false);
  });
});
