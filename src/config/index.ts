// The configuration layer: histlint.config.json, found and checked.
export * from "./config.js";
