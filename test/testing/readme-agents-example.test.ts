// The README's `expectResumable` example, as it is printed there: the SDK pauses a nested run against
// histlint's mock, and the state the service would save must resume as it paused.
import { Agent, run, setDefaultOpenAIClient, setOpenAIAPI, setTracingDisabled, tool } from "@openai/agents";
import OpenAI from "openai";
import { afterAll, expect, it } from "vitest";
import { z } from "zod";
import { startMockServer } from "histlint";
import { expectResumable } from "histlint/testing";

const mock = await startMockServer({ scenario: { steps: [
  { match: { tool: "ask_janitor", lastItem: "user_message" }, reply: { calls: [{ kind: "function", name: "ask_janitor", arguments: { input: "Delete notes.txt" } }] } },
  { match: { tool: "delete_file", lastItem: "user_message" }, reply: { calls: [{ kind: "function", name: "delete_file", arguments: { path: "notes.txt" } }] } },
] } });
afterAll(() => mock.close());
setTracingDisabled(true);
setOpenAIAPI("responses");
setDefaultOpenAIClient(new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: "test" }));

const deleteFile = tool({ name: "delete_file", description: "Delete a file", parameters: z.object({ path: z.string() }), needsApproval: true, execute: async ({ path }) => `deleted ${path}` });
const janitor = new Agent({ name: "Janitor", instructions: "Clean up.", tools: [deleteFile] });
const boss = new Agent({ name: "Boss", instructions: "Delegate.", tools: [janitor.asTool({ toolName: "ask_janitor", toolDescription: "Ask the janitor" })] });

it("a run paused for approval inside an agent tool is saved so that it resumes where it paused", async () => {
  const result = await run(boss, "Clean the folder");
  expect(result.interruptions).toHaveLength(1);
  const saved = result.state.toString(); // what the service writes to its store
  expectResumable(saved, boss, { agentTools: [janitor] });
});
