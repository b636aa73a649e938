// The edit a format applies, as a zod schema for the library's users (the lint path needs only the type).
import { z } from "zod";

/**
 * A record-level edit; `record` and `after` count the format's editable units (-1: before the first).
 * Three edits serve the record-level repairs of line-oriented files: `drop-bytes` removes bytes that
 * belong to no record (a byte order mark, a truncated tail, a line that did not parse), and
 * `own-line` starts a record on a line of its own without rewriting it.
 */
export const Edit = z.discriminatedUnion("op", [
  z.object({ op: z.literal("insert"), after: z.number().int().min(-1), value: z.unknown() }),
  z.object({ op: z.literal("remove"), record: z.number().int().nonnegative() }),
  z.object({ op: z.literal("replace"), record: z.number().int().nonnegative(), value: z.unknown() }),
  z.object({ op: z.literal("move"), record: z.number().int().nonnegative(), after: z.number().int().min(-1) }),
  z.object({ op: z.literal("drop-bytes"), offset: z.number().int().nonnegative(), length: z.number().int().positive() }),
  z.object({ op: z.literal("own-line"), record: z.number().int().nonnegative() }),
  /** Numbers the records afresh (Codex `ordinal`, from the first record's) instead of shifting them. */
  z.object({ op: z.literal("renumber") }),
]);
export type Edit = z.infer<typeof Edit>;
