// Drives the real OpenAI Agents SDK (`@openai/agents`) against a loopback mock, one step a process:
// `pause <agent> <state file>` runs until the first approval and writes `state.toString()`; `decide` approves
// every interruption and writes the state beside it (`.decided`) without resuming;
// `resume <agent> <state file> [approve|reject|keep]` loads the file in a fresh process, decides every
// interruption, resumes, and prints what happened as one JSON line. HISTLINT_MOCK_URL names the mock.
import { readFileSync, writeFileSync } from "node:fs";
import { Agent, run, tool, RunState, setDefaultOpenAIClient, setOpenAIAPI, setTracingDisabled } from "@openai/agents";
import OpenAI from "openai";
import { z } from "zod";

const [mode, agentName, statePath, decision = "approve"] = process.argv.slice(2);
const mockUrl = process.env.HISTLINT_MOCK_URL;
if (!mode || !agentName || !statePath || !mockUrl) throw new Error("usage: HISTLINT_MOCK_URL=… agents-sdk-driver.mjs pause|resume <agent> <state file> [approve|reject|keep]");

setTracingDisabled(true);
setDefaultOpenAIClient(new OpenAI({ baseURL: `${mockUrl}/v1`, apiKey: "histlint-test", maxRetries: 0 }));
setOpenAIAPI("responses");

/** Every tool that ran, in order: what the approval was for. */
const ran = [];
const deleteFile = tool({ name: "delete_file", description: "Delete a file", parameters: z.object({ path: z.string() }), needsApproval: true, execute: async ({ path }) => (ran.push(`delete_file ${path}`), `deleted ${path}`) });
const listFiles = tool({ name: "list_files", description: "List the files", parameters: z.object({}), execute: async () => (ran.push("list_files"), "notes.txt") });
const janitor = new Agent({ name: "Janitor", instructions: "Clean up.", model: "gpt-4.1", tools: [deleteFile] });
const sweeper = new Agent({ name: "Sweeper", instructions: "Look, then clean.", model: "gpt-4.1", tools: [deleteFile, listFiles] });
const boss = new Agent({ name: "Boss", instructions: "Delegate.", model: "gpt-4.1", tools: [janitor.asTool({ toolName: "ask_janitor", toolDescription: "Ask the janitor" })] });
const AGENTS = { janitor, sweeper, boss };
const PROMPTS = { janitor: "Delete notes.txt", sweeper: "Tidy the folder", boss: "Clean the folder" };
const agent = AGENTS[agentName];

function report(fields) {
  process.stdout.write(`${JSON.stringify({ ran, ...fields })}\n`);
}

try {
  if (mode === "pause") {
    const result = await run(agent, PROMPTS[agentName]);
    writeFileSync(statePath, result.state.toString());
    report({ outcome: result.interruptions.length > 0 ? "paused" : "finished", interruptions: result.interruptions.length });
  } else if (mode === "decide") {
    const state = await RunState.fromString(agent, readFileSync(statePath, "utf8"));
    for (const interruption of state.getInterruptions()) state.approve(interruption);
    writeFileSync(`${statePath}.decided`, state.toString());
    report({ outcome: "decided" });
  } else {
    let state;
    try {
      state = await RunState.fromString(agent, readFileSync(statePath, "utf8"));
    } catch (error) {
      report({ outcome: "error", stage: "load", error: error instanceof Error ? error.message : String(error) });
      process.exit(0);
    }
    // `keep`: the decisions already recorded in the file, as a service that stored them would resume.
    if (decision !== "keep") for (const interruption of state.getInterruptions()) decision === "reject" ? state.reject(interruption) : state.approve(interruption);
    const result = await run(agent, state);
    if (result.interruptions.length > 0) writeFileSync(`${statePath}.next`, result.state.toString());
    report({ outcome: result.interruptions.length > 0 ? "paused" : "finished", interruptions: result.interruptions.length, finalOutput: result.finalOutput ?? null });
  }
} catch (error) {
  report({ outcome: "error", stage: "run", error: error instanceof Error ? error.message : String(error) });
}
