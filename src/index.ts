// The library: everything the CLI does, as functions a program can import.
export * from "./read/index.js";
export * from "./history/index.js";
export * from "./formats/index.js";
export * from "./profiles/index.js";
export * from "./rule-kit/index.js";
export * from "./engine/index.js";
export * from "./show/index.js";
export * from "./config/index.js";
export * from "./report/index.js";
export * from "./server/index.js";
export * from "./replay/index.js";
