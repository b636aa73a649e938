// The model layer: the canonical history and its stream form.
export * from "./schema.js";
export * from "./events.js";
export * from "./own.js";
