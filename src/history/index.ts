// The model layer: the canonical history and its stream form.
// Types only: the zod schemas load zod, which a lint run does not need (src/index.ts exports them).
export type * from "./schema.js";
export * from "./names.js";
export * from "./events.js";
export * from "./own.js";
