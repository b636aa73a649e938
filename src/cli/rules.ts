// `histlint rules` and `histlint explain <id>`: the catalogue, from the rules' own meta.
import type { Command } from "commander";
import { Option } from "commander";
import { RULES } from "../../rules/index.js";
import { clientName, CLIENTS } from "../clients/index.js";
import { suggest } from "../config/config-file.js";
import { PROFILE_NAMES, type ProfileName } from "../profiles/index.js";
import { defaultLevel, type Rule } from "../rule-kit/index.js";
import { UsageError } from "./exit-codes.js";
import type { CommandIo } from "./io.js";

function levels(rule: Rule): string {
  return PROFILE_NAMES.map((profile) => `${profile}=${defaultLevel(rule.meta, profile)}`).join(" ");
}

export function registerRules(program: Command, io: CommandIo): void {
  program
    .command("rules")
    .description("list the rule catalogue: id, level, whether fixable, one line each")
    .addOption(new Option("--profile <profile>", "show the levels under this profile only").choices(PROFILE_NAMES))
    .addOption(new Option("-f, --format <format>", "how to print it").choices(["text", "json"]).default("text"))
    .action((options: { profile?: ProfileName; format: "text" | "json" }) => {
      if (options.format === "json") {
        const catalogue = RULES.map(({ meta }) => ({ id: meta.id, description: meta.description, fixable: meta.fixable, levels: Object.fromEntries(PROFILE_NAMES.map((p) => [p, defaultLevel(meta, p)])), formats: meta.formats ?? null }));
        io.stdout(JSON.stringify(catalogue, null, 2) + "\n");
        return;
      }
      const width = Math.max(...RULES.map((rule) => rule.meta.id.length));
      const rows = RULES.map(({ meta }) => {
        const level = options.profile ? defaultLevel(meta, options.profile) : typeof meta.severity === "string" ? meta.severity : "per profile";
        return `${meta.id.padEnd(width)}  ${level.padEnd(11)}  ${(meta.fixable || "-").padEnd(6)}  ${meta.description}`;
      });
      io.stdout([`${"rule".padEnd(width)}  ${"level".padEnd(11)}  ${"fix".padEnd(6)}  what it finds`, ...rows, "", "`histlint explain <rule>` prints a rule's docs, levels per profile and examples."].join("\n") + "\n");
    });
  program
    .command("explain")
    .description("print a rule's docs: the provider error it prevents, its levels, its examples")
    .argument("<rule>", "a rule id, as `histlint rules` lists them")
    .action((id: string) => {
      const rule = RULES.find((r) => r.meta.id === id);
      if (!rule) throw new UsageError(`unknown rule "${id}"${suggest(id, RULES.map((r) => r.meta.id))}; \`histlint rules\` lists them`);
      io.stdout(explain(rule));
    });
}

/**
 * What each client does with the rule's finding in its own files: refused (it sends the problem and the
 * endpoint answers with an error), lost (it resumes, silently dropping or replacing something), or won't open.
 */
function clientLines(rule: Rule): string[] {
  if (rule.meta.formats && !CLIENTS.some((client) => rule.meta.formats?.includes(client.format))) return [];
  const lines = CLIENTS.filter((client) => !rule.meta.formats || rule.meta.formats.includes(client.format)).map((client) => {
    const verdict = client.verdict(rule.meta.id, { line: 2 });
    const detail = verdict.consequence === "lost" ? ` (on resume it ${verdict.does})` : verdict.consequence === "wont-open" ? ` (it says "${verdict.says}")` : " (when the endpoint refuses what it sends)";
    return `  ${clientName(client)}: ${verdict.consequence}${detail}`;
  });
  return ["in a client's own file (refused: the endpoint answers an error; lost: the client resumes but drops or replaces it without a word; won't open):", ...lines];
}

export function explain(rule: Rule): string {
  const { meta } = rule;
  const example = (kind: string) => (e: { format: string; profile?: string; text: string }) => `${kind} (${e.format}${e.profile ? `, profile ${e.profile}` : ""}):\n${e.text.trimEnd().replace(/^/gm, "    ")}`;
  return [
    `${meta.id}: ${meta.description}`,
    "",
    meta.docs,
    "",
    `levels: ${levels(rule)}`,
    ...clientLines(rule),
    `fixable: ${meta.fixable || "no"}${meta.formats ? `\nformats: ${meta.formats.join(", ")}` : ""}`,
    "",
    ...meta.examples.invalid.map(example("invalid")),
    ...meta.examples.valid.map(example("valid")),
    "",
  ].join("\n");
}
