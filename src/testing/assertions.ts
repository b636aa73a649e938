// Assertions for tests: a history is valid when histlint finds nothing in it under the profile;
// when it is not, the failure prints the diagnostics as `histlint lint` does.
import { lintSource, type LintResult } from "../engine/index.js";
import type { FormatName } from "../history/index.js";
import type { ProfileName } from "../profiles/index.js";
import { stylish } from "../report/index.js";
import type { GeneratedHistory } from "./entries.js";

/** A file's text or bytes, or a generated history (its own profile and format are used). */
export type HistoryInput = string | Uint8Array | Pick<GeneratedHistory, "text" | "format" | "profile">;

export interface ValidityOptions {
  profile?: ProfileName;
  format?: FormatName;
  /** Also fail on warnings (default true: a valid history draws no diagnostic at all). */
  strict?: boolean;
  /** The name shown in the report. */
  name?: string;
}

export function lintHistory(history: HistoryInput, options: ValidityOptions = {}): LintResult {
  const generated = typeof history === "object" && !(history instanceof Uint8Array) ? history : undefined;
  const bytes = generated ? Buffer.from(generated.text) : typeof history === "string" ? Buffer.from(history) : Buffer.from(history as Uint8Array);
  const profile = options.profile ?? generated?.profile;
  const format = options.format ?? generated?.format;
  return lintSource(options.name ?? "history", { buffer: bytes }, { ...(profile ? { profile } : {}), ...(format ? { inputFormat: format } : {}) });
}

/** The diagnostics that make a history invalid: errors, and warnings unless `strict` is false. */
function failures(result: LintResult, strict: boolean) {
  return result.messages.filter((d) => d.severity === "error" || (strict && d.severity === "warning"));
}

export class InvalidHistoryError extends Error {
  constructor(readonly result: LintResult) {
    super(`expected a valid history, histlint found:\n${stylish([result], { color: false })}`);
    this.name = "InvalidHistoryError";
  }
}

/** Throws an `InvalidHistoryError` listing the diagnostics when the history is not valid. */
export function expectValidHistory(history: HistoryInput, options: ValidityOptions = {}): void {
  const result = lintHistory(history, options);
  const found = failures(result, options.strict ?? true);
  if (found.length > 0) throw new InvalidHistoryError({ ...result, messages: found });
}

/**
 * Matchers for `expect.extend` (vitest, jest): `expect(history).toBeValidHistory({ profile })`.
 * Kept free of any test framework's import, so histlint does not depend on one.
 */
export const histlintMatchers = {
  toBeValidHistory(received: HistoryInput, options: ValidityOptions = {}) {
    const result = lintHistory(received, options);
    const found = failures(result, options.strict ?? true);
    return {
      pass: found.length === 0,
      message: () => (found.length === 0 ? "expected histlint to find a problem in the history, it found none" : new InvalidHistoryError({ ...result, messages: found }).message),
    };
  },
};

/** The matcher's type, for `declare module "vitest" { interface Assertion<T> extends HistlintMatchers<T> {} }`. */
export interface HistlintMatchers<R = unknown> {
  toBeValidHistory(options?: ValidityOptions): R;
}
