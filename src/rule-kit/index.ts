// What rules are written with: the rule shape and the helpers they share.
export * from "./rule.js";
export * from "./messages.js";
export * from "./reasoning-watch.js";
export * from "./pairing-index.js";
export * from "./read-problem-rule.js";
export * from "./fix.js";
export * from "./run-state.js";
export * from "./run-state-examples.js";
