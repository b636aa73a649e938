// The report layer: pure formatters from results to text.
import type { LintResult } from "../engine/index.js";
import { github } from "./github.js";
import { html, type HtmlOptions } from "./html.js";
import { json } from "./json.js";
import { jsonl } from "./jsonl.js";
import { junit } from "./junit.js";
import { sarif, type SarifOptions } from "./sarif.js";
import { stylish, type StylishOptions } from "./stylish.js";
import type { FormatterName, ReportOptions } from "./load-formatter.js";

export { FORMATTER_NAMES, loadFormatter, type Formatter, type FormatterName, type ReportOptions } from "./load-formatter.js";

/** Results in the order given (the CLI's is stable: paths as named, folders sorted); every formatter is pure. */
export function formatResults(name: FormatterName, results: readonly LintResult[], options: ReportOptions = {}): string {
  const sorted = results;
  switch (name) {
    case "stylish":
      return stylish(sorted, options);
    case "json":
      return json(sorted);
    case "jsonl":
      return jsonl(sorted);
    case "sarif":
      return sarif(sorted, options);
    case "github":
      return github(sorted);
    case "junit":
      return junit(sorted);
    case "html":
      return html(sorted, options);
  }
}

export { github, html, json, jsonl, junit, sarif, stylish, type HtmlOptions, type SarifOptions, type StylishOptions };
export { unifiedDiff } from "./unified-diff.js";
export { streamedEditScript } from "./streamed-diff.js";
export { writeUnifiedDiff, type Op as DiffOp } from "./hunk-writer.js";
export { replayJson, replayStylish, summarizeReplay, type ReplaySummary } from "./replay-report.js";
