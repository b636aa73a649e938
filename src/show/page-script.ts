// The page's inline script: draws the timelines and the tree chunk by chunk as they scroll into view,
// searches the text, and moves between findings and entries by keyboard. Plain ES2019, no template literals.
export const PAGE_SCRIPT = String.raw`
(function () {
  "use strict";
  var views = JSON.parse(document.getElementById("histlint-data").textContent);
  var CHUNK = 40;
  var ROW_HEIGHT = 96;
  var FOLD_LINES = 12;
  var FOLD_CHARS = 1500;
  var lists = [];
  var timelines = [];
  var query = "";
  var lastFinding = -1;
  var lastMatch = null;
  var status = document.getElementById("status");

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }
  function num(n) { return n.toLocaleString("en"); }
  function highlight(text) {
    if (!query) return esc(text);
    var lower = text.toLowerCase(), out = "", at = 0, i;
    while ((i = lower.indexOf(query, at)) >= 0) {
      out += esc(text.slice(at, i)) + "<mark>" + esc(text.slice(i, i + query.length)) + "</mark>";
      at = i + query.length;
    }
    return out + esc(text.slice(at));
  }

  // A list drawn in chunks: each chunk is a placeholder of estimated height until it nears the viewport.
  var observer = new IntersectionObserver(function (seen) {
    seen.forEach(function (s) { if (s.isIntersecting) fill(lists[s.target.dataset.list], Number(s.target.dataset.chunk)); });
  }, { rootMargin: "1200px 0px" });
  function chunked(container, count, render, estimate) {
    var list = { id: lists.length, container: container, render: render, chunks: [] };
    lists.push(list);
    for (var start = 0; start < count; start += CHUNK) {
      var el = document.createElement("div");
      el.className = "chunk";
      el.dataset.list = list.id;
      el.dataset.chunk = list.chunks.length;
      el.style.height = Math.min(CHUNK, count - start) * estimate + "px";
      container.appendChild(el);
      list.chunks.push({ el: el, start: start, end: Math.min(count, start + CHUNK), filled: false });
      observer.observe(el);
    }
    return list;
  }
  function fill(list, c) {
    var chunk = list.chunks[c];
    if (!chunk || chunk.filled) return;
    var html = "";
    for (var i = chunk.start; i < chunk.end; i++) html += list.render(i);
    chunk.el.innerHTML = html;
    chunk.el.style.height = "";
    chunk.filled = true;
  }
  function redraw(list) {
    list.chunks.forEach(function (chunk, c) { if (chunk.filled) { chunk.filled = false; fill(list, c); } });
  }

  var FATE = { dropped: "Dropped on resume", replaced: "Replaced on resume", inserted: "Not in the file", skipped: "Left out", superseded: "No longer sent" };
  var SEVERITY = { error: "error", warning: "warning", info: "note" };
  var CHANGE = { added: "added by the repair", removed: "removed by the repair", moved: "moved by the repair" };

  function what(e) {
    if (e.kind === "call") return "tool call " + e.label;
    if (e.kind === "output") return "output (" + e.label + ")";
    if (e.kind === "line") return e.label + " of the file";
    return e.label;
  }
  function loc(t, line, column) {
    var text = t.view.path + ":" + line + ":" + column;
    return t.view.href ? '<a class="loc mono" href="' + esc(t.view.href) + '" title="the file, at line ' + line + ' column ' + column + '">' + esc(text) + "</a>" : '<span class="loc mono">' + esc(text) + "</span>";
  }
  function body(e) {
    if (!e.text) return "";
    var cut = e.fullLength ? '<p class="cut">Cut here for the page: the file holds ' + num(e.fullLength - e.text.length) + " more characters of it (" + num(e.fullLength) + " in all).</p>" : "";
    var lines = e.text.split("\n");
    if (e.kind === "reasoning") return "<details><summary>Reasoning (" + num(e.text.length) + " characters)</summary><pre>" + highlight(e.text) + "</pre></details>" + cut;
    if (lines.length <= FOLD_LINES && e.text.length <= FOLD_CHARS) return "<pre>" + highlight(e.text) + "</pre>" + cut;
    var head = lines.slice(0, 6).join("\n").slice(0, 600);
    return "<pre>" + highlight(head) + "</pre><details><summary>Show all " + num(lines.length) + " lines (" + num(e.text.length) + " characters)</summary><pre>" + highlight(e.text) + "</pre></details>" + cut;
  }
  function findingHtml(t, f) {
    return '<div class="finding sev-' + f.severity + '" id="' + t.prefix + "-f" + f.n + '" tabindex="-1" data-finding="' + t.prefix + "-f" + f.n + '"><strong>' + SEVERITY[f.severity] + ":</strong> " + highlight(f.message) + ' <span class="rule">[' + esc(f.ruleId) + "]</span> " + loc(t, f.line, f.column) + "</div>";
  }
  function entryHtml(t, n) {
    var e = t.tl.entries[n];
    var cls = "entry k-" + e.kind + (e.kind === "message" ? " role-" + esc(e.label) : "") + " fate-" + e.fate + (e.isError ? " is-error" : "");
    var h = '<article class="' + cls + '" id="' + t.prefix + "-e" + n + '" tabindex="-1" data-entry="' + t.prefix + "-e" + n + '" aria-label="' + esc(what(e) + ", line " + e.line + (FATE[e.fate] ? ", " + FATE[e.fate].toLowerCase() : "")) + '">';
    h += '<header><span class="what">' + highlight(what(e)) + "</span>" + (e.callId ? ' <code>' + highlight(e.callId) + "</code>" : "");
    if (e.change) h += ' <span class="change change-' + e.change + '">' + CHANGE[e.change] + "</span>";
    h += " " + loc(t, e.line, e.column) + "</header>";
    if (FATE[e.fate]) h += '<div class="fate">' + FATE[e.fate] + (e.why ? ": " + esc(e.why) : "") + "</div>";
    h += body(e);
    e.findings.forEach(function (f) { h += findingHtml(t, t.tl.findings[f]); });
    return h + "</article>";
  }
  function rowHtml(t, r) {
    var row = t.tl.rows[r];
    if (row.type === "turn") {
      var title = row.superseded ? "An earlier turn, no longer sent" : row.turn === 0 ? "Before the first prompt" : "Turn " + row.turn;
      return '<h4 class="turn"><span>' + title + "</span>" + (row.tokens ? '<span class="tokens">~' + num(row.tokens) + " tokens sent</span>" : "") + "</h4>";
    }
    if (row.type === "reset") return '<p class="reset" role="note">' + esc(row.why) + "</p>";
    if (row.type === "entry") return entryHtml(t, row.entry);
    var h = '<div class="calls' + (row.pairs.length === 1 ? " single" : "") + '" role="group" aria-label="' + (row.pairs.length === 1 ? "a tool call and its output" : row.pairs.length + " tool calls made together, each with its output") + '">';
    row.pairs.forEach(function (pair) {
      h += '<div class="pair">' + entryHtml(t, pair.call);
      if (pair.apart) h += '<p class="pair-note">Its output stands apart, on line ' + pair.apart.join(", ") + ": something comes between them.</p>";
      else if (pair.outputs.length === 0) h += '<p class="pair-note">No output answers this call after it.</p>';
      pair.outputs.forEach(function (o) { h += entryHtml(t, o); });
      h += "</div>";
    });
    return h + "</div>";
  }
  function entriesOf(row) {
    if (row.type === "entry") return [row.entry];
    if (row.type === "calls") return row.pairs.reduce(function (all, p) { return all.concat([p.call], p.outputs); }, []);
    return [];
  }

  var TREE_STATE = { resumed: "resumed", "off-chain": "not resumed", sidechain: "sidechain" };
  function treeRowHtml(view, row) {
    var depth = Math.min(row.depth, 12);
    var state = row.gathered ? "resumed, beside the chain" : TREE_STATE[row.state];
    return '<div role="listitem" class="st-' + row.state + '" style="padding-left:calc(.4rem + ' + depth + 'rem)"><span class="state">' + state + "</span>" +
      '<span class="' + (row.branch ? "branch" : "") + '">' + esc(row.type) + (row.depth > 12 ? " (depth " + row.depth + ")" : "") + "</span><span>" + esc(row.summary) + "</span>" +
      (view.href ? '<a class="mono where" href="' + esc(view.href) + '">' + esc(view.path + ":" + row.line) + "</a>" : '<span class="mono where">' + esc(view.path + ":" + row.line) + "</span>") +
      (row.findings.length ? '<span class="sev-warning">' + row.findings.length + " finding" + (row.findings.length === 1 ? "" : "s") + "</span>" : "") +
      (row.link ? '<span class="link">' + esc(row.link) + "</span>" : "") + "</div>";
  }

  views.forEach(function (view) {
    Object.keys(view.timelines).forEach(function (key) {
      var container = document.querySelector('.timeline[data-view="' + view.id + '"][data-key="' + key + '"]');
      if (!container) return;
      var t = { i: timelines.length, view: view, tl: view.timelines[key], prefix: view.id + "-" + key, container: container, rowOf: {}, order: [], hay: {} };
      t.tl.rows.forEach(function (row, r) { entriesOf(row).forEach(function (n) { t.rowOf[n] = r; t.order.push(n); }); });
      t.list = chunked(container, t.tl.rows.length, function (r) { return rowHtml(t, r); }, ROW_HEIGHT);
      timelines.push(t);
    });
    var tree = document.querySelector('.tree[data-view="' + view.id + '"]');
    if (tree) chunked(tree, view.tree.length, function (i) { return treeRowHtml(view, view.tree[i]); }, 30);
  });

  // Every finding of every timeline, in the order the page shows them.
  var findings = [];
  timelines.forEach(function (t) {
    t.order.forEach(function (n) { t.tl.entries[n].findings.forEach(function (f) { findings.push({ t: t, f: f, row: t.rowOf[n] }); }); });
  });

  function panelOf(t) { return t.container.closest(".panel"); }
  function shown(t) { var p = panelOf(t); return !p || !p.hidden; }
  function selectTab(tab) {
    var list = tab.closest("[role=tablist]");
    list.querySelectorAll("[role=tab]").forEach(function (other) {
      var on = other === tab;
      other.setAttribute("aria-selected", on ? "true" : "false");
      other.tabIndex = on ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !on;
    });
  }
  function showPanel(t) {
    var p = panelOf(t);
    if (p && p.hidden) selectTab(document.querySelector('[aria-controls="' + p.id + '"]'));
  }
  function reveal(t, row, id) {
    showPanel(t);
    var c = Math.floor(row / CHUNK);
    fill(t.list, c - 1); fill(t.list, c); fill(t.list, c + 1);
    var el = document.getElementById(id);
    if (!el) return null;
    document.querySelectorAll(".current").forEach(function (old) { old.classList.remove("current"); });
    el.classList.add("current");
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
    return el;
  }
  function goFinding(k) {
    var item = findings[k];
    lastFinding = k;
    reveal(item.t, item.row, item.t.prefix + "-f" + item.f);
    status.textContent = "Finding " + (k + 1) + " of " + findings.length + ": " + item.t.tl.findings[item.f].ruleId;
  }
  function stepFinding(direction) {
    if (findings.length === 0) { status.textContent = "No findings on this page."; return; }
    for (var step = 1; step <= findings.length; step++) {
      var k = (((lastFinding + direction * step) % findings.length) + findings.length) % findings.length;
      if (lastFinding < 0 && direction < 0) k = findings.length - step;
      if (shown(findings[k].t)) return goFinding(k);
    }
  }
  function timelineOf(el) {
    var id = el && el.id;
    for (var i = 0; id && i < timelines.length; i++) if (id.indexOf(timelines[i].prefix + "-") === 0) return timelines[i];
    return null;
  }
  // Moving by entry: from the focused entry (or the top of the first shown timeline) to the next one.
  function stepEntry(direction) {
    var current = document.activeElement && document.activeElement.closest(".entry");
    var t = timelineOf(current) || timelines.filter(shown)[0];
    if (!t || t.order.length === 0) return;
    var at = current ? t.order.indexOf(Number(current.id.slice(t.prefix.length + 2))) : -1;
    var next = Math.max(0, Math.min(t.order.length - 1, at + direction));
    var n = t.order[next];
    reveal(t, t.rowOf[n], t.prefix + "-e" + n);
    var row = t.rowOf[n];
    lastFinding = -1;
    findings.forEach(function (f, k) { if (f.t.i < t.i || (f.t === t && f.row < row)) lastFinding = k; });
  }

  function haystack(t, n) {
    if (t.hay[n] === undefined) {
      var e = t.tl.entries[n];
      t.hay[n] = (what(e) + "\n" + (e.callId || "") + "\n" + e.text + "\n" + e.findings.map(function (f) { var x = t.tl.findings[f]; return x.message + " " + x.ruleId; }).join("\n")).toLowerCase();
    }
    return t.hay[n];
  }
  function matches() {
    var all = [];
    timelines.filter(shown).forEach(function (t) { t.order.forEach(function (n) { if (haystack(t, n).indexOf(query) >= 0) all.push({ t: t, n: n }); }); });
    return all;
  }
  function nextMatch(direction) {
    if (!query) { status.textContent = "Type something to search for."; return; }
    var all = matches();
    if (all.length === 0) { status.textContent = "No entry holds \u201c" + query + "\u201d."; return; }
    var k = 0;
    if (lastMatch) {
      var at = -1;
      all.forEach(function (m, i) { if (m.t === lastMatch.t && m.n === lastMatch.n) at = i; });
      k = ((at + direction) % all.length + all.length) % all.length;
    }
    lastMatch = all[k];
    var el = reveal(lastMatch.t, lastMatch.t.rowOf[lastMatch.n], lastMatch.t.prefix + "-e" + lastMatch.n);
    status.textContent = "Match " + (k + 1) + " of " + all.length;
    if (el && direction !== 0) search.focus();
  }
  var typing;
  var search = document.getElementById("search");
  // The query as typed, applied: highlights redrawn in every drawn chunk.
  function applyQuery() {
    clearTimeout(typing);
    var typed = search.value.trim().toLowerCase();
    if (typed === query) return;
    query = typed;
    lastMatch = null;
    timelines.forEach(function (t) { redraw(t.list); });
  }
  search.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      applyQuery();
      status.textContent = query ? matches().length + " entries match; Enter goes to the next" : "";
    }, 150);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); applyQuery(); nextMatch(event.shiftKey ? -1 : 1); }
    if (event.key === "Escape") { search.blur(); document.getElementById("main").focus(); }
  });
  document.getElementById("next-match").addEventListener("click", function () { applyQuery(); nextMatch(1); });
  document.getElementById("next-finding").addEventListener("click", function () { stepFinding(1); });
  document.getElementById("prev-finding").addEventListener("click", function () { stepFinding(-1); });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || (target.closest && target.closest("input, textarea, select"))) return;
    var keys = { n: function () { stepFinding(1); }, p: function () { stepFinding(-1); }, N: function () { stepFinding(-1); }, j: function () { stepEntry(1); }, k: function () { stepEntry(-1); }, "/": function () { search.focus(); search.select(); } };
    if (target.getAttribute && target.getAttribute("role") === "tab" && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      var tabs = Array.prototype.slice.call(target.closest("[role=tablist]").querySelectorAll("[role=tab]"));
      var next = tabs[(tabs.indexOf(target) + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
      selectTab(next); next.focus(); event.preventDefault(); return;
    }
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });
  document.addEventListener("click", function (event) {
    var tab = event.target.closest && event.target.closest("[role=tab]");
    if (tab) { selectTab(tab); return; }
    var jump = event.target.closest && event.target.closest("[data-jump]");
    if (!jump) return;
    event.preventDefault();
    var id = jump.getAttribute("data-jump");
    for (var k = 0; k < findings.length; k++) if (findings[k].t.prefix + "-f" + findings[k].f === id) return goFinding(k);
  });
  // Printing shows everything: every chunk drawn, every fold open.
  window.addEventListener("beforeprint", function () {
    lists.forEach(function (list) { list.chunks.forEach(function (chunk, c) { fill(list, c); }); });
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  if (location.hash) {
    var wanted = location.hash.slice(1);
    for (var k = 0; k < findings.length; k++) if (findings[k].t.prefix + "-f" + findings[k].f === wanted) { goFinding(k); break; }
  }
  window.histlintReadyMs = performance.now();
  document.documentElement.setAttribute("data-ready", "true");
})();
`;
