// Two assistant turns in a row: the user turn or tool result between them is missing.
import type { Item } from "../src/history/index.js";
import { defineRule, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "consecutive-same-role",
    description: "two consecutive Anthropic assistant messages",
    severity: { default: "off", anthropic: "warning" },
    fixable: false,
    docs: "Anthropic merges consecutive messages of one role into one turn instead of refusing them. For user messages that is usually what was meant (Claude Code writes a compact summary and the next prompt as two user messages). Two assistant messages in a row are different: the model is shown one long reply where there were two, and the user turn or tool result that came between them is missing — typically a `tool_result` record lost in a crash, after which the second reply answers a question the model never saw. Find the missing turn in the client's logs, or merge the two replies knowingly.",
    examples: {
      valid: [{ format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"hi"},{"role":"user","content":"are you there?"},{"role":"assistant","content":"hello"}]}' }],
      invalid: [{ format: "anthropic", text: '{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[\n{"role":"user","content":"hi"},\n{"role":"assistant","content":"hello"},\n{"role":"assistant","content":"still here"}\n]}', lines: [4] }],
    },
  },
  create: (context) => new AssistantRuns(context),
});

/** One file's check: the hook is a method, one function for every file. */
class AssistantRuns implements RuleVisitor {
  private previous: { message: number; role: string } | undefined = undefined;

  constructor(private readonly context: RuleContext) {}

  item(item: Item): void {
    const previous = this.previous;
    if (item.message === undefined || item.message === previous?.message) return;
    const role = item.type === "message" ? item.role : item.type === "tool_output" ? "user" : "assistant";
    if (previous && role === "assistant" && previous.role === "assistant") {
      this.context.report({ at: item.source, message: `message ${item.message} is a second assistant message in a row; Anthropic merges them, hiding that the turn between them is missing: restore it` });
    }
    this.previous = { message: item.message, role };
  }
}
