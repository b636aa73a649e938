// The formatters' names, and each formatter loaded on its own: a run prints one format, and `html`
// alone brings the whole show layer with it; stylish without colours loads no chalk.
import type { LintResult } from "../engine/index.js";
import type { HtmlOptions } from "./html.js";
import type { SarifOptions } from "./sarif.js";
import type { StylishOptions } from "./stylish-text.js";

export const FORMATTER_NAMES = ["stylish", "json", "jsonl", "sarif", "github", "junit", "html"] as const;
export type FormatterName = (typeof FORMATTER_NAMES)[number];

/** Each formatter takes what it needs and no more: `formatResults("stylish", results)` needs nothing. */
export interface ReportOptions extends StylishOptions, SarifOptions, HtmlOptions {}

export type Formatter = (results: readonly LintResult[], options: ReportOptions) => string;

/**
 * The formatter `name`, importing its module and nothing else; it prints what `formatResults(name, …)` does.
 * `{ color: false }` says it will be called without colours: then stylish comes without chalk, and prints
 * no colours whatever its options say.
 */
export async function loadFormatter(name: FormatterName, will: { color?: boolean } = {}): Promise<Formatter> {
  switch (name) {
    case "stylish": {
      if (will.color !== false) return (await import("./stylish.js")).stylish;
      const { stylishText, PLAIN } = await import("./stylish-text.js");
      return (results, options) => stylishText(results, options, PLAIN);
    }
    case "json":
      return (await import("./json.js")).json;
    case "jsonl":
      return (await import("./jsonl.js")).jsonl;
    case "sarif":
      return (await import("./sarif.js")).sarif;
    case "github":
      return (await import("./github.js")).github;
    case "junit":
      return (await import("./junit.js")).junit;
    case "html":
      return (await import("./html.js")).html;
  }
}
