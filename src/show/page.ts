// The self-contained HTML page: headers and finding lists written here, the timelines drawn by the inline script from embedded JSON.
import { relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PAGE_SCRIPT } from "./page-script.js";
import { PAGE_STYLE } from "./page-style.js";
import type { SessionView, Timeline } from "./view-model.js";

/** Findings listed at the top of a section; beyond these, `n` steps through the rest on the timeline. */
const LISTED_FINDINGS = 200;

export interface PageOptions {
  /** Paths are shown relative to this folder (the current one by default). */
  cwd?: string;
  /** The histlint version, for the footer. */
  version?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** JSON that can sit inside a script element: nothing in it can close the element. */
function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

function shownPath(filePath: string, cwd: string): string {
  if (filePath === "<stdin>") return filePath;
  const rel = relative(cwd, resolve(cwd, filePath));
  return rel && !rel.startsWith("..") ? rel : resolve(cwd, filePath);
}

function facts(view: SessionView, timeline: Timeline): string {
  const rows: [string, string][] = [
    ["format", view.format ?? "unknown"],
    ["client", view.client ?? "none (no client model applies)"],
    ["profile", view.profile ?? "none"],
    ["records", view.records.toLocaleString("en")],
    ["turns", timeline.turns.toLocaleString("en")],
    ["tool calls", timeline.calls.toLocaleString("en")],
    ["findings", `${timeline.findings.length.toLocaleString("en")} (${count(timeline.findings.filter((f) => f.severity === "error").length, "error")}, ${count(timeline.findings.filter((f) => f.severity === "warning").length, "warning")})`],
  ];
  if (timeline.tokens !== undefined && timeline.tokens > 0) rows.push(["tokens sent", `~${timeline.tokens.toLocaleString("en")}`]);
  return `<dl class="facts">${rows.map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v)}</dd></div>`).join("")}</dl>`;
}

const LEGEND = `<ul class="legend" aria-label="What the marks mean">
<li class="fate-dropped">greyed: in the file, left out or replaced on resume</li>
<li class="fate-inserted">dashed blue: not in the file, the client adds it</li>
<li class="sev-error">error: refused or won't open</li>
<li class="sev-warning">warning: lost without a word</li></ul>`;

/** What the resume comes to, in one sentence: the worst of the findings' consequences. */
function outcome(view: SessionView): string {
  const findings = view.timeline.findings;
  const client = view.client ?? "the client";
  const of = (consequence: string) => findings.filter((f) => f.consequence === consequence);
  const wontOpen = of("wont-open");
  if (wontOpen.length > 0) return `<p class="outcome sev-error" role="note"><strong>${escapeHtml(client)} will not open this file</strong> (${count(wontOpen.length, "finding")} marked won't open).</p>`;
  const refused = of("refused");
  if (refused.length > 0) return `<p class="outcome sev-error" role="note"><strong>The endpoint refuses what ${escapeHtml(client)} sends</strong> (${count(refused.length, "finding")} marked refused).</p>`;
  const lost = of("lost");
  if (lost.length > 0) return `<p class="outcome sev-warning" role="note"><strong>${escapeHtml(client)} resumes, but silently loses or replaces what the file holds</strong> (${count(lost.length, "finding")} marked lost).</p>`;
  const errors = findings.filter((f) => f.severity === "error").length;
  if (errors > 0) return `<p class="outcome sev-error" role="note"><strong>${count(errors, "error")}</strong>: the endpoint refuses this history.</p>`;
  return "";
}

function findingList(prefix: string, key: string, timeline: Timeline, path: string, client: string | undefined): string {
  if (timeline.findings.length === 0) return `<p>No findings: ${client ? `${escapeHtml(client)} resumes this file as it is` : "nothing in it that the endpoint refuses"}.</p>`;
  const items = timeline.findings.slice(0, LISTED_FINDINGS).map((f) => `<li class="sev-${f.severity}"><a href="#${prefix}-${key}-f${f.n}" data-jump="${prefix}-${key}-f${f.n}">${escapeHtml(`${path}:${f.line}:${f.column}`)}</a> ${escapeHtml(f.message)} <span class="rule">[${escapeHtml(f.ruleId)}]</span></li>`);
  const more = timeline.findings.length > LISTED_FINDINGS ? `<p>and ${count(timeline.findings.length - LISTED_FINDINGS, "more finding")}: press <kbd>n</kbd> to step through them on the timeline.</p>` : "";
  return `<ol class="summary">${items.join("")}</ol>${more}`;
}

function repairTabs(prefix: string, view: SessionView): string {
  const repair = view.repair;
  if (!repair) return "";
  const applied = repair.applied.length === 0 ? "<p>histlint fix would change nothing.</p>" : `<p>histlint fix would make ${count(repair.applied.length, "repair")}: ${escapeHtml(repair.applied.map((a) => `${a.ruleId} (line ${a.line}${a.safety === "unsafe" ? ", unsafe" : ""})`).join(", "))}. Nothing has been written.</p>`;
  const unsafe = repair.needUnsafe > 0 ? `<p>${count(repair.needUnsafe, "problem")} would need <code>--unsafe</code>.</p>` : "";
  return `<h3>The repair</h3>${applied}${unsafe}
<div class="tabs" role="tablist" aria-label="Before or after the repair">
<button type="button" role="tab" id="${prefix}-tab-before" aria-controls="${prefix}-before" aria-selected="true">As it is</button>
<button type="button" role="tab" id="${prefix}-tab-after" aria-controls="${prefix}-after" aria-selected="false" tabindex="-1">After histlint fix</button></div>`;
}

function afterPanel(prefix: string, view: SessionView, path: string): string {
  const repair = view.repair;
  if (!repair) return "";
  return `<div class="panel" id="${prefix}-after" role="tabpanel" aria-labelledby="${prefix}-tab-after" hidden><h3>After histlint fix</h3>${facts(view, repair.after)}${findingList(prefix, "after", repair.after, path, view.client)}<div class="timeline" data-view="${prefix}" data-key="after"></div></div>`;
}

function section(view: SessionView, index: number, options: Required<Pick<PageOptions, "cwd">>): string {
  const prefix = `s${index}`;
  const path = shownPath(view.filePath, options.cwd);
  const fatal = view.fatal ? `<p class="fatal" role="alert">${escapeHtml(view.fatal)}</p>` : "";
  const tree = view.tree ? `<details class="tree-panel"><summary>The parentUuid tree: ${count(view.tree.length, "record")}, the chain the resume follows marked</summary><div class="tree" role="list" data-view="${prefix}" aria-label="parentUuid tree"></div></details>` : "";
  const before = `<div class="panel" id="${prefix}-before" ${view.repair ? `role="tabpanel" aria-labelledby="${prefix}-tab-before"` : ""}><h3>${view.repair ? "As it is: the" : "The"} timeline as ${escapeHtml(view.client ?? "the endpoint")} receives it</h3><div class="timeline" data-view="${prefix}" data-key="before"></div></div>`;
  return `<section class="session" id="${prefix}" aria-labelledby="${prefix}-title">
<h2 id="${prefix}-title"><span class="mono">${escapeHtml(path)}</span></h2>${facts(view, view.timeline)}${fatal}${outcome(view)}
<h3>Findings</h3>${findingList(prefix, "before", view.timeline, path, view.client)}${tree}${repairTabs(prefix, view)}${before}${afterPanel(prefix, view, path)}</section>`;
}

function indexTable(views: readonly SessionView[], cwd: string): string {
  const rows = views.map((view, i) => `<tr><td><a href="#s${i}" class="mono">${escapeHtml(shownPath(view.filePath, cwd))}</a></td><td>${escapeHtml(view.format ?? "unknown")}</td><td>${view.errors}</td><td>${view.warnings}</td></tr>`);
  return `<table class="index"><caption class="keys">One section a file</caption><thead><tr><th scope="col">file</th><th scope="col">format</th><th scope="col">errors</th><th scope="col">warnings</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** What the script needs of each view: the timelines and tree, the path as shown and the file's URL. */
function scriptData(views: readonly SessionView[], cwd: string) {
  return views.map((view, i) => ({
    id: `s${i}`,
    path: shownPath(view.filePath, cwd),
    href: view.filePath === "<stdin>" ? "" : pathToFileURL(resolve(cwd, view.filePath)).href,
    timelines: { before: view.timeline, ...(view.repair ? { after: view.repair.after } : {}) },
    tree: view.tree ?? [],
  }));
}

/** One page for one or more files; no request leaves it (the Content-Security-Policy forbids every fetch). */
export function renderPage(views: readonly SessionView[], options: PageOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const title = views.length === 1 ? `histlint show: ${shownPath((views[0] as SessionView).filePath, cwd)}` : `histlint: ${count(views.length, "file")}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head>
<body><a class="skip" href="#main">Skip to the sessions</a>
<div class="toolbar" role="search"><label for="search">Search</label><input id="search" type="search" autocomplete="off" placeholder="text, tool, call id, rule">
<button type="button" id="next-match">Next match</button><button type="button" id="prev-finding">Previous finding</button><button type="button" id="next-finding">Next finding</button>
<span class="status" id="status" role="status" aria-live="polite"></span></div>
<main id="main" tabindex="-1"><h1>${views.length === 1 ? "histlint show" : escapeHtml(title)}</h1>
<p class="keys">Keys: <kbd>n</kbd> next finding, <kbd>p</kbd> previous, <kbd>j</kbd>/<kbd>k</kbd> next/previous entry, <kbd>/</kbd> search (<kbd>Enter</kbd> next match), <kbd>Esc</kbd> leave the search.</p>
${LEGEND}${views.length > 1 ? indexTable(views, cwd) : ""}
<noscript><p class="fatal">The timeline is drawn by the page's inline script; the findings above are complete without it.</p></noscript>
${views.map((view, i) => section(view, i, { cwd })).join("\n")}
<p class="keys">Written by histlint${options.version ? ` ${escapeHtml(options.version)}` : ""}. Works offline: nothing on this page is fetched.</p></main>
<script type="application/json" id="histlint-data">${embeddedJson(scriptData(views, cwd))}</script>
<script>${PAGE_SCRIPT}</script></body></html>
`;
}
