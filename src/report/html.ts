// `--format html`: the session page of every file linted, one section a file, for CI artifacts.
import { readFileSync } from "node:fs";
import type { LintResult } from "../engine/index.js";
import type { ByteSource } from "../read/index.js";
import { renderPage, sessionView } from "../show/index.js";

export interface HtmlOptions {
  /** Where each file's bytes are: the page draws what the client resumes, which the results alone do not hold. */
  sourceOf?: (filePath: string) => ByteSource | undefined;
  /** histlint's version, in the page's footer. */
  version?: string;
}

/** The one formatter that reads its files again: a file gone since it was linted shows its findings only. */
function bytesOf(source: ByteSource | undefined): Buffer {
  if (!source) return Buffer.alloc(0);
  if ("buffer" in source) return Buffer.from(source.buffer.buffer, source.buffer.byteOffset, source.buffer.byteLength);
  try {
    return readFileSync(source.path);
  } catch {
    return Buffer.alloc(0);
  }
}

export function html(results: readonly LintResult[], options: HtmlOptions = {}): string {
  const views = results.map((result) => sessionView(result, bytesOf(options.sourceOf?.(result.filePath))));
  return renderPage(views, { version: options.version ?? "" });
}
