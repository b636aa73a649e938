// The report layer: pure formatters from results to text.
import type { LintResult } from "../engine/index.js";
import { json } from "./json.js";
import { stylish, type StylishOptions } from "./stylish.js";

export const FORMATTERS = {
  stylish: (results: readonly LintResult[], options: StylishOptions) => stylish(results, options),
  json: (results: readonly LintResult[]) => json(results),
} as const;

export type FormatterName = keyof typeof FORMATTERS;
export { json, stylish, type StylishOptions };
