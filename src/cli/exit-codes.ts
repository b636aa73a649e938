// The exit codes of every command, named so a reader never has to guess what 2 means.
export const EXIT_CLEAN = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE_OR_IO = 2;

/** A usage or I/O error the CLI reports on one line and exits 2 for. */
export class UsageError extends Error {}
