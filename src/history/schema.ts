// The canonical history every format is read into: zod schemas, and the types inferred from them.
import { z } from "zod";
import { FORMAT_NAMES } from "./names.js";

/** Where an item came from: the record, the JSON pointer inside it, and where that record sits in the file. */
export const Source = z.object({
  record: z.number().int().nonnegative(),
  pointer: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});

/** A content part, with its wire type kept (`input_text`, `output_text`, `text`, `image_url`, …). */
export const ContentPart = z.object({
  kind: z.enum(["text", "image", "file", "audio", "refusal", "other"]),
  wireType: z.string(),
  text: z.string().optional(),
});

export const ToolKind = z.enum([
  "function",
  "custom",
  "local_shell",
  "web_search",
  "mcp",
  "tool_search",
  "image_generation",
  "computer",
  "other",
]);

const itemBase = {
  source: Source,
  /** Provider item id (`msg_…`, `rs_…`, `fc_…`), when the format has one. */
  id: z.string().optional(),
  /** Index of the wire message that holds the item, for formats that group items into messages (Chat, Anthropic). */
  message: z.number().int().nonnegative().optional(),
};

export const MessageItem = z.object({
  type: z.literal("message"),
  role: z.string(),
  content: z.array(ContentPart),
  /** Content was a plain string on the wire rather than a list of parts. */
  plainText: z.boolean().optional(),
  /** The role as the wire spells it where that differs from `role` (Gemini's `model` is `assistant` here). */
  wireRole: z.string().optional(),
  /** Keys on the wire that belong to another API (`tool_call_id`, `tool_calls` in a Responses input). */
  foreignKeys: z.array(z.string()).optional(),
  ...itemBase,
});

export const ToolCallItem = z.object({
  type: z.literal("tool_call"),
  kind: ToolKind,
  /** The wire type (`function_call`, `custom_tool_call`, `tool_use`, …). */
  wireType: z.string(),
  callId: z.string().optional(),
  name: z.string().optional(),
  /** Arguments as sent: a JSON string for functions, free text for custom tools. */
  arguments: z.string().optional(),
  status: z.string().optional(),
  /** Gemini: the `thoughtSignature` beside the `functionCall` part, which a thinking model wants back. */
  thoughtSignature: z.string().optional(),
  /** The action of a web search or local shell call (`search`, `exec`, …). */
  actionType: z.string().optional(),
  ...itemBase,
});

export const ToolOutputItem = z.object({
  type: z.literal("tool_output"),
  kind: ToolKind,
  wireType: z.string(),
  callId: z.string().optional(),
  /** The output flattened to text (parts joined), for comparison and display. */
  output: z.string(),
  /** Gemini: the function name a `functionResponse` repeats, which must be its call's. */
  name: z.string().optional(),
  isError: z.boolean().optional(),
  ...itemBase,
});

export const ReasoningItem = z.object({
  type: z.literal("reasoning"),
  summary: z.array(z.string()),
  /** Raw reasoning text (`content` parts, Anthropic `thinking`). */
  text: z.string().optional(),
  /** Opaque state from the provider: `encrypted_content`, an Anthropic `signature` or `redacted_thinking` data. */
  encrypted: z.string().optional(),
  wireType: z.string(),
  ...itemBase,
});

export const CompactionItem = z.object({
  type: z.literal("compaction"),
  /** The summary text, when the compaction left a readable one. */
  summary: z.string().optional(),
  encrypted: z.string().optional(),
  ...itemBase,
});

/** Anything the model sees that histlint has no richer shape for; kept so positions and order stay true. */
export const OtherItem = z.object({
  type: z.literal("other"),
  wireType: z.string(),
  ...itemBase,
});

export const Item = z.discriminatedUnion("type", [
  MessageItem,
  ToolCallItem,
  ToolOutputItem,
  ReasoningItem,
  CompactionItem,
  OtherItem,
]);

export const FormatName = z.enum(FORMAT_NAMES);

/** Request-level facts that sit beside the items: what the request offered and asked for. */
export const RequestContext = z.object({
  model: z.string().optional(),
  /** Top-level system prompt or instructions, when the format has one. */
  system: z.string().optional(),
  toolNames: z.array(z.string()).optional(),
  /** Request parameters present (`temperature`, `thinking`, `reasoning`, …). */
  parameters: z.array(z.string()).optional(),
  thinkingEnabled: z.boolean().optional(),
});

/** The conversation the model would receive next, in order, each item pointing back at its record. */
export const History = z.object({
  format: FormatName,
  items: z.array(Item),
  request: RequestContext.optional(),
});

export type Source = z.infer<typeof Source>;
export type ContentPart = z.infer<typeof ContentPart>;
export type ToolKind = z.infer<typeof ToolKind>;
export type MessageItem = z.infer<typeof MessageItem>;
export type ToolCallItem = z.infer<typeof ToolCallItem>;
export type ToolOutputItem = z.infer<typeof ToolOutputItem>;
export type ReasoningItem = z.infer<typeof ReasoningItem>;
export type CompactionItem = z.infer<typeof CompactionItem>;
export type OtherItem = z.infer<typeof OtherItem>;
export type Item = z.infer<typeof Item>;
export type FormatName = z.infer<typeof FormatName>;
export type RequestContext = z.infer<typeof RequestContext>;
export type History = z.infer<typeof History>;
