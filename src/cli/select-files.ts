// Which files a run checks: the command line's paths expanded, less what is ignored, with notes on stderr.
import type { CommandIo } from "./io.js";
import type { LintSettings } from "./lint-settings.js";
import { expandTargets, STDIN, type Target } from "./paths.js";

export interface Selection {
  targets: Target[];
  /** Files a walk passed over as plainly not histories, and walked files no format recognised (added later). */
  skipped: string[];
  /** Files named on the command line that an ignore pattern leaves out. */
  ignoredExplicitly: string[];
}

export function selectFiles(paths: readonly string[], settings: LintSettings, io: CommandIo, debug: boolean): Selection {
  const expansion = expandTargets(paths);
  const targets: Target[] = [];
  const ignoredExplicitly: string[] = [];
  for (const target of expansion.targets) {
    const reason = target.file === STDIN ? undefined : settings.ignoredBy(target.file);
    if (!reason) targets.push(target);
    else if (!target.walked) {
      // ESLint's habit: a file the user named and an ignore pattern leaves out is said, not passed over.
      ignoredExplicitly.push(target.file);
      io.stderr(`histlint: ${target.file}: ignored by ${reason}; --no-ignore checks it\n`);
    } else if (debug) io.stderr(`histlint: debug: ${target.file}: ignored by ${reason}\n`);
  }
  if (debug) for (const file of expansion.skipped) io.stderr(`histlint: debug: ${file}: skipped, the file of another tool (not a history)\n`);
  if (debug && settings.configPath) io.stderr(`histlint: debug: configuration ${settings.configPath}\n`);
  return { targets, skipped: expansion.skipped, ignoredExplicitly };
}

/** One line on stderr for what a walk passed over (each is named with --debug). */
export function skippedNote(skipped: readonly string[]): string {
  if (skipped.length === 0) return "";
  return `histlint: skipped ${skipped.length} file${skipped.length === 1 ? "" : "s"} in folders that are not histories (${skipped.slice(0, 3).join(", ")}${skipped.length > 3 ? ", …" : ""}); --debug names each, a path on the command line checks it\n`;
}
