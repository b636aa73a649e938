// GitHub Actions workflow commands: each diagnostic becomes an annotation on the file and line.
import type { LintResult, Severity } from "../engine/index.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** Escapes as the runner expects: data loses %, CR and LF; properties also : and ,. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function github(results: readonly LintResult[]): string {
  const lines = results.flatMap((result) =>
    result.messages.map((d) => {
      const properties = [`file=${escapeProperty(result.filePath)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${escapeProperty(`histlint ${d.ruleId}`)}`];
      return `::${COMMAND[d.severity]} ${properties.join(",")}::${escapeData(d.message)}`;
    }),
  );
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}
