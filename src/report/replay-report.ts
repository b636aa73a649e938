// How a replay is shown: one line a request and a summary (stylish), or the whole outcome as JSON.
import { Chalk } from "chalk";
import type { FileReplay, RequestOutcome } from "../replay/index.js";

export interface ReplaySummary {
  files: number;
  requests: number;
  accepted: number;
  refused: number;
  /** Requests that got no answer, and files that could not be replayed at all. */
  failed: number;
  /** Files their client refuses to open: like a refusal, a finding about the file. */
  wontOpen: number;
}

export function summarizeReplay(results: readonly FileReplay[]): ReplaySummary {
  const summary: ReplaySummary = { files: results.length, requests: 0, accepted: 0, refused: 0, failed: 0, wontOpen: 0 };
  for (const result of results) {
    if (!result.ok) {
      if (result.wontOpen) summary.wontOpen += 1;
      else summary.failed += 1;
      continue;
    }
    for (const request of result.requests) {
      summary.requests += 1;
      if (request.accepted) summary.accepted += 1;
      else if (request.unreachable) summary.failed += 1;
      else summary.refused += 1;
    }
  }
  return summary;
}

/**
 * The whole outcome. A file's `ok` is true only when every request it sent was accepted; `replayed` says
 * whether its requests could be rebuilt and sent at all (false: `message` says why).
 */
export function replayJson(results: readonly FileReplay[]): string {
  const files = results.map((result) => ({ ...result, ok: result.ok && result.requests.every((request) => request.accepted), replayed: result.ok }));
  return JSON.stringify({ files, summary: summarizeReplay(results) }, null, 2) + "\n";
}

export function replayStylish(results: readonly FileReplay[], options: { color: boolean }): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  for (const result of results) {
    if (!result.ok) {
      out.push(`${paint.bold(result.file)}: ${paint.red(result.wontOpen ? "won't open" : "cannot replay")}: ${result.message}`);
      continue;
    }
    const where = result.profile ? `the embedded mock (${result.api}, profile ${result.profile})` : `${result.target} (${result.api})`;
    out.push(`${paint.bold(result.file)}: ${result.format} history, ${result.requests.length} of ${result.total} request(s) to ${where}`);
    for (const problem of result.readProblems) out.push(`  ${paint.yellow("!")} ${result.file}:${problem.line}:${problem.column}: ${problem.message} (replayed without it)`);
    for (const note of result.notes) out.push(`  ${paint.dim(`note: ${note}`)}`);
    for (const request of result.requests) out.push(`  ${requestLine(result.file, result.total, request, paint)}`);
    if (result.stopped) out.push(`  ${paint.yellow("!")} stopped: ${result.stopped}`);
  }
  out.push(summaryLine(summarizeReplay(results), paint));
  return out.join("\n") + "\n";
}

function requestLine(file: string, total: number, request: RequestOutcome, paint: InstanceType<typeof Chalk>): string {
  const label = `request ${request.number}/${total}${request.resume ? " (resume)" : ""}, ${request.size} element(s)`;
  const retried = request.attempts > 1 ? ` after ${request.attempts} attempts` : "";
  if (request.accepted) return `${paint.green("✓")} ${label}: accepted${retried}`;
  if (request.unreachable) return `${paint.red("!")} ${label}: ${request.unreachable}`;
  const at = request.line !== undefined ? `${file}:${request.line}:${request.column}: ` : "";
  const made = request.synthetic ? ` (the element is ${request.synthetic}, not a line of the file)` : "";
  return `${paint.red("✗")} ${label}: ${paint.red(`refused ${request.status}`)}${retried}: ${at}${request.refusal?.message ?? ""}${made}`;
}

function summaryLine(summary: ReplaySummary, paint: InstanceType<typeof Chalk>): string {
  const files = `${summary.files} file${summary.files === 1 ? "" : "s"}`;
  if (summary.refused === 0 && summary.failed === 0 && summary.wontOpen === 0) return paint.green(`✔ all ${summary.requests} request(s) accepted (${files})`);
  const parts = [`${summary.refused} of ${summary.requests} request(s) refused`];
  if (summary.wontOpen > 0) parts.push(`${summary.wontOpen} file(s) the client will not open`);
  if (summary.failed > 0) parts.push(`${summary.failed} could not be sent`);
  return paint.red(`✖ ${parts.join(", ")} (${files})`);
}
