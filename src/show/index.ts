// The show layer: a session drawn as its client will resume it, as one self-contained HTML page.
export { sessionView, showBytes, type ShowOptions } from "./session-view.js";
export { renderPage, type PageOptions } from "./page.js";
export type { SessionView, Timeline, ViewEntry, ViewFinding, ViewRow, TreeRow, RepairView, Fate } from "./view-model.js";
