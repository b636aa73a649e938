// The Agents SDK runs the differential tests drive, and the edits of the field made to their states:
// each edit loads cleanly or not, and goes wrong on resume in its own way (issue 15 lists them).

/** The mock's script: the outer agent asks the janitor, the sweeper lists then deletes, the janitor deletes. */
export const AGENTS_SCENARIO = {
  steps: [
    { match: { lastItem: "user_message", tool: "ask_janitor" }, reply: { calls: [{ name: "ask_janitor", arguments: { input: "Delete notes.txt" } }] }, repeat: true },
    { match: { lastItem: "user_message", tool: "list_files" }, reply: { calls: [{ name: "list_files", arguments: {} }, { name: "delete_file", arguments: { path: "notes.txt" } }] }, repeat: true },
    { match: { lastItem: "user_message", tool: "delete_file" }, reply: { calls: [{ name: "delete_file", arguments: { path: "notes.txt" } }] }, repeat: true },
  ],
};

/** The agent of the driver (test/support/agents-sdk-driver.mjs) each recorded file belongs to. */
export const AGENT_OF = { "real-paused-approval": "janitor", "real-paused-two-calls": "sweeper", "real-paused-nested-agent-tool": "boss", "real-approved-before-resume": "janitor" };

const json = (edit) => (text) => {
  const state = JSON.parse(text);
  edit(state);
  return JSON.stringify(state);
};
const nested = (edit) => (state) => {
  const key = Object.keys(state.pendingAgentToolRuns)[0];
  const inner = JSON.parse(state.pendingAgentToolRuns[key]);
  edit(inner);
  state.pendingAgentToolRuns[key] = JSON.stringify(inner);
};
const dropPendingCall = (state) => {
  state.generatedItems = state.generatedItems.filter((item) => !(item.type === "tool_call_item" && item.rawItem.name === "delete_file"));
};
const pendingCallId = (state) => state.currentStep.data.interruptions[0].rawItem.callId;

/**
 * `expected`: what the real SDK does on resume, as histlint's kinds say it (`refused`, `lost`, `wont-open`),
 * measured once by hand and checked by the differential test on every run. `decided`: the file holds the
 * decision, so the resume does not decide again.
 */
export const BROKEN_STATES = [
  { name: "schema-version-missing", agent: "janitor", expected: "wont-open", edit: json((s) => delete s.$schemaVersion) },
  { name: "schema-version-number", agent: "janitor", expected: "wont-open", edit: json((s) => (s.$schemaVersion = 1.17)) },
  { name: "schema-version-unknown", agent: "janitor", expected: "wont-open", edit: json((s) => (s.$schemaVersion = "2.0")) },
  { name: "document-cut", agent: "janitor", expected: "wont-open", edit: (text) => text.slice(0, text.length - 40) },
  { name: "pending-call-not-generated", agent: "janitor", expected: "refused", edit: json(dropPendingCall) },
  { name: "pending-call-not-generated-two-calls", agent: "sweeper", expected: "refused", edit: json(dropPendingCall) },
  { name: "orphan-output", agent: "janitor", expected: "refused", edit: json((s) => s.generatedItems.push({ type: "tool_call_output_item", rawItem: { type: "function_call_result", name: "delete_file", callId: "call_gone", status: "completed", output: { type: "text", text: "old" } }, agent: { name: "Janitor" }, output: "old" })) },
  { name: "pending-call-not-processed", agent: "janitor", expected: "lost", edit: json((s) => (s.lastProcessedResponse.functions = [])) },
  { name: "approval-item-missing", agent: "janitor", expected: "lost", edit: json((s) => (s.generatedItems = s.generatedItems.filter((item) => item.type !== "tool_approval_item"))) },
  { name: "interruptions-missing", agent: "janitor", expected: "lost", edit: json((s) => (s.currentStep.data.interruptions = [])) },
  {
    name: "forged-output",
    agent: "janitor",
    expected: "lost",
    edit: json((s) => s.generatedItems.push({ type: "tool_call_output_item", rawItem: { type: "function_call_result", name: "delete_file", callId: pendingCallId(s), status: "completed", output: { type: "text", text: "deleted notes.txt" } }, agent: { name: "Janitor" }, output: "deleted notes.txt" })),
  },
  { name: "decision-for-another-call", agent: "janitor", expected: "lost", decided: true, edit: json((s) => (s.context.functionApprovals = [{ agentIdentity: "Janitor", approvals: { '["bare","delete_file"]': { approved: ["call_other"], rejected: [] } } }])) },
  { name: "nested-run-missing", agent: "boss", expected: "lost", edit: json((s) => ((s.pendingAgentToolRuns = {}), (s.pendingAgentToolRunAliases = {}))) },
  { name: "nested-run-cut", agent: "boss", expected: "lost", edit: json((s) => { const key = Object.keys(s.pendingAgentToolRuns)[0]; s.pendingAgentToolRuns[key] = s.pendingAgentToolRuns[key].slice(0, 300); }) },
  { name: "nested-pending-call-not-generated", agent: "boss", expected: "lost", edit: json(nested(dropPendingCall)) },
  { name: "nested-pending-call-not-processed", agent: "boss", expected: "lost", edit: json(nested((s) => (s.lastProcessedResponse.functions = []))) },
  { name: "nested-approval-item-missing", agent: "boss", expected: "lost", edit: json(nested((s) => (s.generatedItems = s.generatedItems.filter((item) => item.type !== "tool_approval_item")))) },
  { name: "alias-without-run", agent: "boss", expected: "wont-open", edit: json((s) => (s.pendingAgentToolRuns = {})) },
  { name: "alias-stale", agent: "boss", expected: "wont-open", edit: json((s) => (s.pendingAgentToolRunAliases["ask_janitor:call_gone"] = '["bare","ask_janitor"]:call_gone')) },
  { name: "outer-call-not-processed", agent: "boss", expected: "wont-open", edit: json((s) => (s.lastProcessedResponse.functions = [])) },
];
