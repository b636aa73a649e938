// Meta-test: lint and the mock agree on every rule fixture and every rule example sent as a request body.
// A body lint reports an error in (under the endpoint's own profile) is refused with a 4xx; a valid example is answered 200.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { DEFAULT_PROFILE, detectFormat, lintSource, readRecords, startMockServer, type FormatName, type MockServer } from "../../src/index.js";

type BodyFormat = Extract<FormatName, "responses" | "chat" | "anthropic">;
const PATHS: Record<BodyFormat, string> = { responses: "/v1/responses", chat: "/v1/chat/completions", anthropic: "/v1/messages" };
const KEYS: Record<BodyFormat, string> = { responses: "input", chat: "messages", anthropic: "messages" };
const MODELS: Record<BodyFormat, Record<string, unknown>> = { responses: { model: "gpt-5.5" }, chat: { model: "gpt-4.1" }, anthropic: { model: "claude-sonnet-4-5", max_tokens: 1024 } };

interface Case {
  name: string;
  format: BodyFormat;
  /** The bytes sent, and linted: the text itself when it is one body, else its items wrapped in one. */
  body: Buffer;
  valid: boolean;
}

const isBodyFormat = (format: string | null | undefined): format is BodyFormat => format === "responses" || format === "chat" || format === "anthropic";

/** A request body the mock can read: one JSON object as written, or the items (a JSONL file, a bare array) wrapped in one. */
function asBody(text: string, format: BodyFormat): Buffer | undefined {
  const records = [...readRecords({ buffer: Buffer.from(text) })];
  if (records.some((event) => event.problem) || records.length === 0) return undefined; // a read problem is not a request body
  const values = records.flatMap((event) => (event.record ? [event.record.value] : []));
  const only = values[0];
  if (values.length === 1 && typeof only === "object" && only !== null && !Array.isArray(only)) return withRequestFields(text, only as Record<string, unknown>, format);
  const items = values.length === 1 && Array.isArray(only) ? only : values;
  return Buffer.from(JSON.stringify({ ...MODELS[format], [KEYS[format]]: items }));
}

/**
 * A body logged without the request's own fields (`model`, Anthropic's `max_tokens`) is a history, not yet a request:
 * the fields the API requires go in front, and the rest stays byte for byte (a byte-order mark included).
 */
function withRequestFields(text: string, body: Record<string, unknown>, format: BodyFormat): Buffer {
  const missing = Object.entries(MODELS[format]).filter(([key]) => !(key in body));
  if (missing.length === 0 || Object.keys(body).length === 0) return Buffer.from(text);
  const open = text.indexOf("{") + 1;
  return Buffer.from(text.slice(0, open) + missing.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)},`).join("") + text.slice(open));
}

function cases(): Case[] {
  const found: Case[] = [];
  for (const rule of RULES) {
    for (const [kind, examples] of [["valid", rule.meta.examples.valid], ["invalid", rule.meta.examples.invalid]] as const) {
      examples.forEach((example, i) => {
        if (!isBodyFormat(example.format) || (example.profile && example.profile !== DEFAULT_PROFILE[example.format])) return;
        const body = asBody(example.text, example.format);
        if (body) found.push({ name: `${rule.meta.id} ${kind} example ${i + 1}`, format: example.format, body, valid: kind === "valid" });
      });
    }
  }
  for (const folder of ["rules", "responses", "chat", "anthropic"]) {
    for (const file of readdirSync(join("fixtures", folder)).filter((f) => /\.jsonl?$/.test(f))) {
      const text = readFileSync(join("fixtures", folder, file), "utf8");
      const values = [...readRecords({ buffer: Buffer.from(text) })].flatMap((event) => (event.record ? [event.record.value] : []));
      const format = detectFormat(values.slice(0, 8))?.name;
      if (!isBodyFormat(format)) continue;
      const body = asBody(text, format);
      if (body) found.push({ name: `fixtures/${folder}/${file}`, format, body, valid: false });
    }
  }
  return found;
}

let mock: MockServer;
beforeAll(async () => (mock = await startMockServer()));
afterAll(() => mock.close());

describe("lint and the mock agree", () => {
  const all = cases();

  it("covers every request-body format, with errors and valid bodies in each", () => {
    for (const format of ["responses", "chat", "anthropic"] as const) {
      const mine = all.filter((c) => c.format === format);
      expect(mine.some((c) => c.valid), format).toBe(true);
      expect(mine.some((c) => lintSource("body.json", { buffer: c.body }, { inputFormat: format }).errorCount > 0), format).toBe(true);
    }
  });

  for (const c of all) {
    it(`${c.name} (${c.format})`, async () => {
      const lint = lintSource("body.json", { buffer: c.body }, { inputFormat: c.format });
      const response = await fetch(`${mock.url}${PATHS[c.format]}`, { method: "POST", headers: { "content-type": "application/json" }, body: c.body.toString("utf8") });
      const answer = await response.text();
      const errors = lint.messages.filter((d) => d.severity === "error").map((d) => `${d.ruleId}: ${d.message}`);
      if (errors.length > 0) expect(response.status, `lint: ${errors.join("\n")}\nmock: ${answer}`).toBeGreaterThanOrEqual(400);
      if (errors.length > 0) expect(response.status).toBeLessThan(500);
      if (c.valid) expect(response.status, answer.slice(0, 300)).toBe(200);
    });
  }
});
