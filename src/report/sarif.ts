// SARIF 2.1.0, one run: what code-scanning dashboards (GitHub, Azure DevOps) read.
import type { LintResult, Severity } from "../engine/index.js";
import { defaultLevel, type Level, type RuleMeta } from "../rule-kit/index.js";

export interface SarifOptions {
  /** The catalogue, for the run's rule descriptions and help. */
  rules: readonly RuleMeta[];
  version: string;
}

const SARIF_LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

function configurationLevel(level: Level): "error" | "warning" | "note" | "none" {
  return level === "off" ? "none" : SARIF_LEVEL[level];
}

export function sarif(results: readonly LintResult[], options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((meta, i) => [meta.id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "histlint",
            version: options.version,
            informationUri: "https://www.npmjs.com/package/histlint",
            rules: options.rules.map((meta) => ({
              id: meta.id,
              shortDescription: { text: meta.description },
              fullDescription: { text: meta.docs },
              help: { text: meta.docs },
              defaultConfiguration: { level: configurationLevel(defaultLevel(meta, "openai-responses")) },
              properties: { fixable: meta.fixable },
            })),
          },
        },
        results: results.flatMap((result) =>
          result.messages.map((d) => ({
            ruleId: d.ruleId,
            ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: result.filePath.split("\\").join("/") },
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
