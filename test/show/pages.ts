// Writes the session pages the browser tests open, as test artifacts beside their screenshots.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { renderPage, showBytes, type SessionView, type ShowOptions } from "../../src/show/index.js";

export const ARTIFACTS = join(process.cwd(), "test/show/artifacts");

/** A fixture's page: its view (what the page must show) and the file:// URL to open. */
export function writePage(fixture: string, options: ShowOptions = {}): { view: SessionView; url: string; name: string } {
  mkdirSync(ARTIFACTS, { recursive: true });
  const view = showBytes(fixture, readFileSync(fixture), options);
  const name = fixture.replace(/^fixtures\//, "").replace(/[/.]/g, "_") + (options.fix ? "-fix" : "");
  const path = join(ARTIFACTS, `${name}.html`);
  writeFileSync(path, renderPage([view]));
  return { view, url: pathToFileURL(path).href, name };
}

/** A codex rollout of `records` records: turns of a prompt, a call, its output and an answer; every `brokenEvery`-th call has no output. */
export function largeRollout(records: number, brokenEvery: number): string {
  let ordinal = 0;
  const line = (type: string, payload: unknown) => JSON.stringify({ timestamp: "2026-11-21T18:00:00.000Z", ordinal: ordinal++, type, payload });
  const lines = [line("session_meta", { id: "01a1ff5c-0000-7000-8000-000000000001", timestamp: "2026-11-21T18:00:00.000Z", cwd: "/work", originator: "codex_exec", cli_version: "0.169.0" })];
  for (let turn = 0; lines.length < records; turn += 1) {
    const id = `call_${turn}`;
    lines.push(line("response_item", { type: "message", role: "user", content: [{ type: "input_text", text: `step ${turn}: list the files in folder ${turn}` }] }));
    lines.push(line("response_item", { type: "function_call", call_id: id, name: "exec_command", arguments: JSON.stringify({ cmd: `ls folder-${turn}` }) }));
    if (turn % brokenEvery !== brokenEvery - 1) lines.push(line("response_item", { type: "function_call_output", call_id: id, output: `file-${turn}.txt\nnotes-${turn}.md` }));
    lines.push(line("response_item", { type: "message", role: "assistant", content: [{ type: "output_text", text: `Folder ${turn} holds two files.` }] }));
  }
  return lines.slice(0, records).join("\n") + "\n";
}
