// A Gemini model turn with function calls that does not follow a user prompt or a function response turn.
import type { Item } from "../src/history/index.js";
import { defineRule, describe, type ItemPosition, type RuleContext, type RuleVisitor } from "../src/rule-kit/index.js";

export default defineRule({
  meta: {
    id: "function-call-turn-order",
    description: "a Gemini function call turn that is not right after a user turn or a function response turn",
    severity: { default: "off", gemini: "error" },
    fixable: false,
    docs: [
      "Gemini wants a function call turn right after a user turn or after a function response turn. A history that opens with the model's calls, or holds two model turns in a row the second of which calls a function (a turn lost between them, or two replies written apart), is refused with 400",
      '"Please ensure that function call turn comes immediately after a user turn or after a function response turn."',
      "(gemini-cli #11814, #26486). Restore the turn between them, or merge the two model turns.",
    ].join(" "),
    examples: {
      valid: [{ format: "gemini", text: '{"contents":[{"role":"user","parts":[{"text":"ls"}]},{"role":"model","parts":[{"functionCall":{"name":"ls","args":{}}}]},{"role":"user","parts":[{"functionResponse":{"name":"ls","response":{"output":"a"}}}]}]}' }],
      invalid: [
        { format: "gemini", text: '{"contents":[\n{"role":"user","parts":[{"text":"ls"}]},\n{"role":"model","parts":[{"text":"Looking."}]},\n{"role":"model","parts":[{"functionCall":{"name":"ls","args":{}}}]},\n{"role":"user","parts":[{"functionResponse":{"name":"ls","response":{"output":"a"}}}]}\n]}', lines: [4] },
      ],
    },
  },
  create: (context) => new CallTurns(context),
});

/** One file's check: the hook is a method, one function for every file. */
class CallTurns implements RuleVisitor {
  private previous: { index: number; role: string } | undefined = undefined;
  private current: { index: number; role: string } | undefined = undefined;

  constructor(private readonly context: RuleContext) {}

  item(item: Item, position: ItemPosition): void {
    const index = item.message ?? position.index;
    if (this.current?.index !== index) {
      this.previous = this.current;
      const role = item.type === "message" ? item.role : item.type === "tool_output" ? "user" : "assistant";
      this.current = { index, role };
    }
    const { previous, current } = this;
    if (item.type !== "tool_call" || current.role !== "assistant") return;
    if (previous !== undefined && previous.role !== "assistant") return;
    if (item.source.pointer !== "" && !/\/parts\/\d+$/.test(item.source.pointer)) return;
    const error = this.context.profile.error("call-turn-misplaced", { index });
    const where = previous === undefined ? "opens the history" : "comes right after another model turn";
    this.context.report({ at: item.source, ...describe(`this function call turn ${where}`, error, "restore the user or function response turn before it, or merge it into the model turn before") });
    this.current = { index, role: "reported" };
  }
}
