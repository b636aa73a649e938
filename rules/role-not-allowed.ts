// A message role, or a Chat-only field, that the endpoint refuses.
import type { Item } from "../src/history/index.js";
import { defineRule, describe, removeItem, rewriteItem, type Fix, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

/** A fix that rewrites the whole content an item is in (a Gemini content holds several items). */
function wholeContent(item: Item, fix: Fix): Fix {
  return { ...fix, edits: (fixing) => fix.edits({ ...fixing, unitOf: () => fixing.containerOf(item) }) };
}

export default defineRule({
  meta: {
    id: "role-not-allowed",
    description: "a message role (or a Chat-style field) the endpoint does not accept",
    severity: "error",
    fixable: "safe",
    docs: "Each API has its own roles. A Chat-style `tool` message sent to the Responses API is refused with 400 \"Invalid value: 'tool'. Supported values are: 'assistant', 'system', 'developer', and 'user'.\", and its `tool_call_id` with \"Unknown parameter: 'input[N].tool_call_id'.\"; Anthropic takes only `user` and `assistant` (and `system` in Claude Code's beta); Gemini only `user` and `model`, answering anything else with 400 \"Please use a valid role: user, model.\" It happens when a history moves between providers. `histlint fix` maps `developer` to `system` where there is no developer role; dropping a Chat `tool` message from a Responses input loses its content, so that is only done with `--unsafe` — convert it to a `function_call_output` instead.",
    examples: {
      valid: [{ format: "responses", text: '{"type":"message","role":"developer","content":"be brief"}\n{"type":"message","role":"user","content":"hi"}\n' }],
      invalid: [
        { format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"role":"tool","tool_call_id":"call_1","content":"a.txt"}\n', lines: [2], output: "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}\n" },
        { format: "responses", text: '{"type":"message","role":"user","content":"hi"}\n{"role":"assistant","content":"ok","tool_calls":[]}\n', lines: [2] },
      ],
    },
  },
  create: (context) => new Roles(context),
});

/** One file's check: the hook is a method, one function for every file. */
class Roles implements RuleVisitor {
  private readonly roles: readonly string[];
  // A move to another endpoint translates the roles it has words for (Gemini's `model` for `assistant`).
  private readonly translated: readonly string[];

  constructor(private readonly context: RuleContext) {
    this.roles = context.profile.roles;
    this.translated = [...this.roles, ...(context.profile.translatedRoles ?? [])];
  }

  /** The hook does nothing for other items. */
  readonly itemTypes: RuleVisitor["itemTypes"] = ["message"];

  item(item: Item, position: ItemPosition): void {
    const { context, roles, translated } = this;
    if (item.type !== "message") return;
    const index = item.message ?? position.index;
    // A Gemini content's role is checked as written; every other history by its canonical role.
    const literal = item.wireRole !== undefined && context.profile.api === "gemini";
    const wireRole = literal ? (item.wireRole as string) : item.role;
    if (literal ? !roles.includes(wireRole) : !translated.includes(item.role)) {
      const error = context.profile.error("role-not-allowed", { index, value: wireRole });
      const allowed = roles.map((role) => `"${role}"`).join(", ");
      // developer becomes system where there is no developer role; a Chat tool message can only go (unsafe: it loses the output).
      const toSystem = item.role === "developer" && roles.includes("system");
      // Gemini calls the assistant `model`: a content written with another API's word for it only needs the word.
      const toModel = literal && wireRole === "assistant";
      const fix: Fix | undefined = toModel ? wholeContent(item, rewriteItem(item, (value) => ({ ...value, role: "model" }))) : toSystem ? rewriteItem(item, (value) => ({ ...value, role: "system" })) : item.role === "tool" || item.role === "function" ? removeItem(item, "unsafe") : undefined;
      const remedy = toModel ? "call the role model" : toSystem ? "make it a system message" : "convert it to a function_call_output, or remove it (histlint fix --unsafe removes it and its content is lost)";
      context.report({ at: item.source, ...describe(`role ${JSON.stringify(wireRole)} is not one ${context.profile.description} accepts (${allowed})`, error, remedy), ...(fix ? { fix } : {}) });
    } else if (item.foreignKeys && context.profile.api === "responses") {
      const key = item.foreignKeys[0] as string;
      const error = context.profile.error("foreign-key", { index, value: key });
      context.report({ at: item.source, ...describe(`this ${item.role} message carries Chat Completions' ${JSON.stringify(key)}`, error, "convert it to Responses items (function_call, function_call_output)") });
    }
  }
}
