// The engine layer: linting files and the diagnostics it produces.
export * from "./diagnostic.js";
export { lintFile, lintSource, describeIoError, DEFAULT_PROFILE, type LintOptions } from "./lint-file.js";
