// The engine layer: linting files and the diagnostics it produces.
export * from "./diagnostic.js";
export { analyse, lintFile, lintSource, describeIoError, fileKind, enabledRules, type Analysis, type Keep, type LintOptions } from "./lint-file.js";
export { RuleRunner, diagnosticFor, type EnabledRule } from "./rule-runner.js";
export { lintFiles, shardOf, type LintFilesRun } from "./lint-files.js";
export { fixBytes, MAX_PASSES, type FixOptions, type FixOutcome, type AppliedFix } from "./fix-file.js";
export type { Settled } from "./fix-passes.js";
export { replaceFile, writeWhole, placeWhole, ChangedOnDisk, HeldOpenForWriting, type ReplaceOptions, type ReplaceOutcome } from "./atomic-write.js";
export { removeStaleTemporaries } from "./temporary-files.js";
export { openWriters, type OpenWriter } from "./open-writers.js";
export { LiveDocument, type DocumentFindings } from "./live-document.js";
export { fixFileStreamed, discardRepair, type RepairedFile, type StreamedFixOutcome, type StreamPlace } from "./fix-stream.js";
export { snapshotOf, type Original, type OriginalOnDisk } from "./original-bytes.js";
export { HeapCeiling, KEEPS_LITTLE_FLOOR_BYTES } from "./heap-ceiling.js";
