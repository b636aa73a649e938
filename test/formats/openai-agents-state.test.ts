// The Agents SDK run state as a format: detection, positions inside nested states, and lossless repairs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectFormat, fixBytes, lintSource } from "../../src/index.js";

const fixture = (name: string) => readFileSync(`fixtures/openai-agents/${name}.json`, "utf8");

describe("openai-agents-state", () => {
  it("is detected from a state the SDK wrote, and from one that lost its schema version", () => {
    expect(detectFormat([JSON.parse(fixture("real-paused-approval"))])?.name).toBe("openai-agents-state");
    expect(detectFormat([JSON.parse(fixture("schema-version-missing"))])?.name).toBe("openai-agents-state");
    expect(detectFormat([{ $schemaVersion: "1.17", input: [] }])?.name).not.toBe("openai-agents-state");
  });

  it("places a finding inside a nested state at its line and column in the file, with the pointer through the string", () => {
    const text = fixture("nested-pending-call-not-generated");
    const [finding] = lintSource("state.json", { buffer: Buffer.from(text) }).messages;
    expect(finding?.pointer).toMatch(/^\/pendingAgentToolRuns\/\["bare","ask_janitor"\]:call_\w+\/lastProcessedResponse\/functions\/0$/);
    // The nested document is a JSON string: the place is that of its escaped text in the file.
    expect(text.slice((finding?.column ?? 0) - 1).startsWith('{\\"toolCall\\"')).toBe(true);
  });

  it("places a finding of the outer state at the value it names", () => {
    const text = fixture("orphan-output");
    const [finding] = lintSource("state.json", { buffer: Buffer.from(text) }).messages;
    expect(text.slice((finding?.column ?? 0) - 1).startsWith('{"type":"function_call_result","name":"delete_file","callId":"call_gone"')).toBe(true);
  });

  it("repairs a pretty-printed state in the same style, keeping what surrounds the document", () => {
    const pretty = `${JSON.stringify(JSON.parse(fixture("interruptions-missing")), null, 2)}\n`;
    const outcome = fixBytes("state.json", Buffer.from(pretty));
    expect(outcome.changed).toBe(true);
    const repaired = outcome.output.toString("utf8");
    expect(repaired).toBe(`${JSON.stringify(JSON.parse(readFileSync("fixtures/openai-agents/interruptions-missing.fixed.json", "utf8")), null, 2)}\n`);
    expect(lintSource("state.json", { buffer: outcome.output }).messages).toEqual([]);
  });

  it("leaves a clean state byte for byte as it is", () => {
    const text = Buffer.from(fixture("real-paused-nested-agent-tool"));
    expect(fixBytes("state.json", text).output.equals(text)).toBe(true);
  });
});
