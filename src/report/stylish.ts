// The default report, actionlint's form: `file:line:col: message [rule-id]`, the line, a ^~~~ underline.
import { Chalk } from "chalk";
import type { LintResult } from "../engine/index.js";
import { PLAIN, stylishText, type StylishOptions } from "./stylish-text.js";

export type { StylishOptions };

export function stylish(results: readonly LintResult[], options: StylishOptions): string {
  return stylishText(results, options, options.color ? new Chalk({ level: 1 }) : PLAIN);
}
