// A request parameter the profile's endpoint refuses (temperature for Codex's reasoning models).
import { FILE_START } from "../src/read/index.js";
import { defineRule, describe } from "../src/rule-kit/index.js";

/** OpenAI's reasoning models (gpt-5 family, o-series) refuse sampling parameters on the Responses API. */
const REASONING_MODEL = /^(gpt-5|o\d)/;
const SAMPLING = ["temperature", "top_p"];

export default defineRule({
  meta: {
    id: "parameter-not-supported",
    description: "a request parameter the endpoint refuses (`temperature` for Codex's reasoning models)",
    severity: "error",
    fixable: false,
    formats: ["responses", "chat", "anthropic"],
    docs: "Reasoning models refuse sampling parameters: a Responses request with `temperature` for a gpt-5 or o-series model, or sent where Codex sends it, is answered 400 \"Unsupported parameter: 'temperature' is not supported with this model.\". It shows up in request bodies captured for one model and replayed to another. Remove the parameter from the request.",
    examples: {
      valid: [{ format: "responses", profile: "codex", text: '{"model":"gpt-5.5","input":[{"role":"user","content":"hi"}]}' }],
      invalid: [
        { format: "responses", text: '{"model":"gpt-5.5","temperature":0.2,"input":[{"role":"user","content":"hi"}]}', lines: [1] },
        { format: "responses", profile: "codex", text: '{"model":"my-proxy-model","top_p":0.9,"input":[{"role":"user","content":"hi"}]}', lines: [1] },
      ],
    },
  },
  create(context) {
    // Made once: the mock runs this end hook again at every body a conversation grows by.
    const refusedByProfile = new Set(context.profile.refusedParameters);
    const refusedForReasoning = new Set([...refusedByProfile, ...SAMPLING]);
    return {
      end() {
        const request = context.request();
        const reasoningModel = context.profile.api === "responses" && REASONING_MODEL.test(request?.model ?? "");
        const refused = reasoningModel ? refusedForReasoning : refusedByProfile;
        for (const parameter of request?.parameters ?? []) {
          if (!refused.has(parameter)) continue;
          const error = context.profile.error("unsupported-parameter", { parameter });
          context.report({ at: FILE_START, ...describe(`the request sets ${JSON.stringify(parameter)}, which ${context.profile.description} refuses`, error, "remove it") });
        }
      },
    };
  },
});
