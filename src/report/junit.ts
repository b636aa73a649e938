// JUnit XML: one test case a file, failing with its diagnostics, for CI systems that show test reports.
import type { LintResult } from "../engine/index.js";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function junit(results: readonly LintResult[]): string {
  const failing = results.filter((r) => r.messages.length > 0).length;
  const cases = results.map((result) => {
    const name = escapeXml(result.filePath);
    if (result.messages.length === 0) return `    <testcase classname="histlint" name="${name}"/>`;
    const details = result.messages.map((d) => `${result.filePath}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.ruleId}]`).join("\n");
    const summary = `${result.errorCount} errors, ${result.warningCount} warnings`;
    return [`    <testcase classname="histlint" name="${name}">`, `      <failure message="${escapeXml(summary)}" type="histlint">${escapeXml(details)}</failure>`, "    </testcase>"].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="histlint" tests="${results.length}" failures="${failing}">`,
    `  <testsuite name="histlint" tests="${results.length}" failures="${failing}" errors="0">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
