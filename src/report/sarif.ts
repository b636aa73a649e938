// SARIF 2.1.0, one run: what code-scanning dashboards (GitHub, Azure DevOps) read.
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { RULES } from "../../rules/index.js";
import type { LintResult, Severity } from "../engine/index.js";
import { defaultLevel, type Level, type RuleMeta } from "../rule-kit/index.js";

export interface SarifOptions {
  /** The catalogue, for the run's rule descriptions and help (default: histlint's own). */
  rules?: readonly RuleMeta[];
  /** histlint's version, for the tool's driver. */
  version?: string;
  /** The folder uris are relative to, as `%SRCROOT%` (default: the working folder): a repository's root in CI. */
  baseDir?: string;
}

const SRCROOT = "%SRCROOT%";

/**
 * Where a file is, as GitHub code scanning reads it: relative to the base folder with `uriBaseId`, each
 * segment percent-encoded; a file outside the base folder is an absolute `file:` URL.
 */
function artifactLocation(filePath: string, baseDir: string): { uri: string; uriBaseId?: string } {
  const absolute = resolve(baseDir, filePath);
  const inside = relative(baseDir, absolute);
  if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return { uri: pathToFileURL(absolute).href };
  return { uri: inside.split(sep).map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

const SARIF_LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

function configurationLevel(level: Level): "error" | "warning" | "note" | "none" {
  return level === "off" ? "none" : SARIF_LEVEL[level];
}

export function sarif(results: readonly LintResult[], options: SarifOptions = {}): string {
  const rules = options.rules ?? RULES.map((rule) => rule.meta);
  const baseDir = resolve(options.baseDir ?? process.cwd());
  const ruleIndex = new Map(rules.map((meta, i) => [meta.id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "histlint",
            ...(options.version ? { version: options.version } : {}),
            informationUri: "https://www.npmjs.com/package/histlint",
            rules: rules.map((meta) => ({
              id: meta.id,
              shortDescription: { text: meta.description },
              fullDescription: { text: meta.docs },
              help: { text: meta.docs },
              defaultConfiguration: { level: configurationLevel(defaultLevel(meta, "openai-responses")) },
              properties: { fixable: meta.fixable },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(baseDir).href.replace(/\/$/, "")}/` } },
        results: results.flatMap((result) =>
          result.messages.map((d) => ({
            ruleId: d.ruleId,
            ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(result.filePath, baseDir),
                  region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: Math.max(d.endColumn, d.column + (d.endLine === d.line ? 1 : 0)) },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
