// `histlint/testing`: generators, fault mutators, assertions and a reference sequencer for
// property-testing the code that turns an agent's events into a history.
export { checkFormat, FORMATS_FOR, type Entry, type GeneratedHistory } from "./entries.js";
export { writeHistory } from "./write.js";
export { validHistory, type ValidHistoryOptions } from "./valid-history.js";
export { expectValidHistory, histlintMatchers, InvalidHistoryError, lintHistory, type HistlintMatchers, type HistoryInput, type ValidityOptions } from "./assertions.js";
export { eventSchedule, type AgentEvent, type EventScheduleOptions, type PlannedCall } from "./events.js";
export { sequence, Sequencer, type SequencerOptions } from "./sequencer.js";
export { breakHistory, brokenHistory, FAULTS, faultsFor, type BrokenHistory, type FaultName } from "./mutators.js";
export { canonicalHistory } from "./canonical.js";
export { expectResumable, resumeProblems, type ResumableOptions } from "./expect-resumable.js";
export { approvalSchedule, crashedWrite, pausedRunState, type ApprovalRound, type ApprovalSchedule, type ApprovalScheduleOptions, type Decision } from "./approval-schedule.js";
