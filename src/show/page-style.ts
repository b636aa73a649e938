// The page's stylesheet, inline: every colour pair passes WCAG AA (4.5:1 for text), and it reflows to 320 px and prints.
export const PAGE_STYLE = String.raw`
:root { --text: #1b1b1b; --muted: #4a4a4a; --line: #767676; --link: #0645ad; --focus: #1a56db;
  --user: #eef4ff; --assistant: #ffffff; --reasoning: #f4f4f4; --call: #fff7e0; --output: #eef8ee;
  --grey: #e6e6e6; --grey-text: #3b3b3b; --inserted: #e7f3fb; --inserted-line: #005a9c;
  --error: #a4001d; --error-bg: #fff0f2; --warning: #7a4100; --warning-bg: #fff4e0; --info: #004a8f; --info-bg: #eef5ff; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: #fff; overflow-wrap: anywhere; }
a { color: var(--link); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; z-index: 10; }
.skip:focus { left: .5rem; }
main { max-width: 72rem; margin: 0 auto; padding: 0 .75rem 4rem; }
h1 { font-size: 1.4rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .25rem; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: .25rem 0 0; }
.toolbar { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; padding: .5rem .75rem; }
.toolbar input { font: inherit; padding: .3rem .5rem; border: 1px solid var(--line); border-radius: 4px; min-width: 0; flex: 1 1 10rem; max-width: 24rem; }
.toolbar button, .tabs button { font: inherit; padding: .3rem .6rem; border: 1px solid var(--line); border-radius: 4px; background: #f7f7f7; color: var(--text); cursor: pointer; }
.toolbar .status { color: var(--muted); font-size: .9rem; }
.keys { color: var(--muted); font-size: .85rem; margin: .25rem 0; }
kbd { border: 1px solid var(--line); border-radius: 3px; padding: 0 .25rem; font-size: .8rem; background: #fafafa; }
.facts { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .5rem 0; padding: 0; }
.facts div { display: flex; gap: .35rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0; padding: 0; list-style: none; font-size: .85rem; }
.legend li { padding: .1rem .4rem; border-radius: 3px; }
.index { border-collapse: collapse; width: 100%; font-size: .9rem; }
.index th, .index td { border-bottom: 1px solid var(--line); padding: .3rem .4rem; text-align: left; }
.summary { margin: .5rem 0; padding-left: 1.25rem; }
.summary li { margin: .15rem 0; }
.outcome { padding: .4rem .75rem; border-left: 4px solid; margin: .5rem 0; }
.fatal { background: var(--error-bg); color: var(--error); padding: .5rem .75rem; border-left: 4px solid var(--error); }
.tabs { display: flex; gap: .5rem; margin: .75rem 0; flex-wrap: wrap; }
.tabs button[aria-selected="true"] { background: var(--text); color: #fff; border-color: var(--text); }
.timeline { overflow-anchor: auto; }
.chunk:empty { background: repeating-linear-gradient(#fff 0 2rem, #f7f7f7 2rem 4rem); }
.turn { font-size: 1rem; margin: 1.25rem 0 .35rem; padding-top: .35rem; border-top: 2px solid var(--text); display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.turn .tokens { font-weight: 400; color: var(--muted); }
.reset { margin: .75rem 0; padding: .4rem .6rem; border: 2px dashed var(--line); color: var(--grey-text); background: var(--grey); }
.entry { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .6rem; margin: .4rem 0; background: var(--assistant); min-width: 0; }
.entry header { display: flex; flex-wrap: wrap; gap: .2rem .75rem; align-items: baseline; font-size: .9rem; }
.entry header .what { font-weight: 700; }
.entry header .loc { margin-left: auto; }
.k-message.role-user { background: var(--user); }
.k-reasoning { background: var(--reasoning); }
.k-call { background: var(--call); }
.k-output { background: var(--output); }
.k-line { background: #fafafa; }
.entry.is-error header .what::after { content: " (error)"; color: var(--error); }
.fate { font-size: .85rem; font-weight: 600; margin: .2rem 0; padding: .1rem .35rem; border-radius: 3px; display: inline-block; }
.fate-dropped, .fate-skipped, .fate-superseded, .fate-replaced { background: var(--grey) !important; color: var(--grey-text); border-style: dashed; }
.fate-dropped pre, .fate-skipped pre, .fate-superseded pre, .fate-replaced pre { text-decoration: line-through; text-decoration-color: #6b6b6b; }
.fate-dropped .fate, .fate-skipped .fate, .fate-superseded .fate, .fate-replaced .fate { background: #fff; color: var(--grey-text); border: 1px solid var(--line); }
.fate-inserted { background: var(--inserted) !important; border: 2px dashed var(--inserted-line); }
.fate-inserted .fate { background: #fff; color: var(--inserted-line); border: 1px solid var(--inserted-line); }
.change { font-size: .8rem; font-weight: 700; padding: 0 .35rem; border-radius: 3px; border: 1px solid currentColor; }
.change-added { color: #1d5e20; } .change-removed { color: var(--error); } .change-moved { color: var(--info); }
.calls { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); gap: .5rem; margin: .4rem 0; }
.calls.single { grid-template-columns: 1fr; }
.pair { border-left: 3px solid #b07d00; padding-left: .4rem; min-width: 0; }
.pair > .entry { margin: .3rem 0; }
.pair-note { font-size: .85rem; color: var(--muted); margin: .2rem 0; }
details > summary { cursor: pointer; color: var(--link); font-size: .9rem; }
.cut { font-size: .85rem; color: var(--warning); font-weight: 600; }
.finding { margin: .35rem 0 .1rem; padding: .3rem .5rem; border-left: 4px solid; border-radius: 0 4px 4px 0; font-size: .9rem; }
.finding .rule { font-family: ui-monospace, monospace; font-size: .8rem; }
.sev-error { color: var(--error); background: var(--error-bg); border-color: var(--error); }
.sev-warning { color: var(--warning); background: var(--warning-bg); border-color: var(--warning); }
.sev-info { color: var(--info); background: var(--info-bg); border-color: var(--info); }
.finding a { color: inherit; }
.current { box-shadow: 0 0 0 3px var(--focus); }
mark { background: #ffe066; color: #1b1b1b; }
.tree { list-style: none; padding: 0; margin: .5rem 0; font-size: .88rem; }
.tree [role=listitem] { padding: .15rem .4rem; border-left: 3px solid transparent; margin: 1px 0; display: flex; flex-wrap: wrap; gap: .1rem .6rem; }
.tree .where { margin-left: auto; }
.tree .st-resumed { border-left-color: #1d5e20; background: #eef8ee; }
.tree .st-off-chain { color: var(--grey-text); background: var(--grey); }
.tree .st-sidechain { color: var(--grey-text); background: #f4f4f4; font-style: italic; }
.tree .state { font-weight: 700; min-width: 6.5rem; }
.tree .link { color: var(--warning); font-weight: 600; flex-basis: 100%; }
.tree .branch::before { content: "↳ "; }
@media (max-width: 480px) { body { font-size: 14px; } .entry header .loc { margin-left: 0; } .toolbar { position: static; padding: .4rem; gap: .3rem; } .toolbar button { padding: .2rem .4rem; font-size: .85rem; } }
@media print {
  .toolbar, .skip, .keys, .tabs { display: none !important; }
  [hidden].panel { display: block !important; }
  .entry, .finding, .turn { break-inside: avoid; }
  .chunk:empty { background: none; }
  a { color: var(--text); text-decoration: none; }
  body { font-size: 11pt; }
}
`;
