/* audit-budget review page: navigation, filters, facts table and review marks.
   Everything it shows comes from the page itself (the rendered findings and the JSON data block);
   it computes no figure. It makes no request: the page's CSP forbids any. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var T = D.t;
  var F = D.findings;
  var source = document.getElementById("source");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.f"));
  var cardOf = {};
  cards.forEach(function (c) { cardOf[c.getAttribute("data-i")] = c; });
  var qtext = F.map(function (f) { return f.q.toLowerCase(); });
  var bySpan = {};
  F.forEach(function (f, i) {
    f.s.forEach(function (p) { (bySpan[p[0]] = bySpan[p[0]] || []).push([i, p[1]]); });
  });

  function marksOf(sid) { return source.querySelectorAll('mark.h[data-s~="' + sid + '"]'); }
  function flash(el) {
    el.classList.remove("flash");
    void el.getBoundingClientRect(); // restart the animation (an SVG box has no offsetWidth)
    el.classList.add("flash");
  }

  /* ---------------------------------------------------------- a PDF's printed pages */
  /* The page images, with a box over every figure a finding involves, shown instead of the
     extracted text until the reader switches (the buttons above them). */
  var pagesEl = document.getElementById("pages");
  var pane = pagesEl ? "pages" : "source";
  function boxesOf(sid) {
    return pagesEl ? pagesEl.querySelectorAll('rect.h[data-s~="' + sid + '"]') : [];
  }
  function showPane(name) {
    if (!pagesEl || pane === name) return;
    pane = name;
    pagesEl.hidden = name !== "pages";
    source.hidden = name !== "source";
    document.querySelectorAll("#pv-bar .pv").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-pv") === name ? "true" : "false");
    });
    /* the selected finding's figures, in the pane now shown */
    var inPane = lit.filter(function (e) { return (name === "pages" ? pagesEl : source).contains(e); });
    var first = inPane.filter(function (e) { return e.classList.contains("sel-p"); })[0] || inPane[0];
    if (first) first.scrollIntoView({ block: "center", inline: "nearest" });
  }
  if (pagesEl) {
    document.querySelectorAll("#pv-bar .pv").forEach(function (b) {
      b.addEventListener("click", function () { showPane(b.getAttribute("data-pv")); });
    });
  }

  /* ---------------------------------------------------------- a finding's recomputation */
  /* Built from the data block when the finding is first opened (or the page printed): keeping
     800 findings' details out of the markup is what lets a 1 MB report open quickly. */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function opList(items, related) {
    var ol = el("ol", "ops");
    items.forEach(function (o) {
      var li = el("li");
      var a = el("a", "op");
      a.href = "#L" + o[3];
      if (o[4] !== null && o[4] !== undefined) a.setAttribute("data-s", o[4]);
      a.appendChild(el("span", "role", o[0]));
      a.appendChild(document.createTextNode(" "));
      a.appendChild(related ? document.createTextNode(o[1]) : el("b", null, o[1]));
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "at", o[2]));
      if (!related && o[5] !== null && o[5] !== undefined) {
        li.appendChild(document.createTextNode(" "));
        var fa = el("a", "fact", "#" + o[5]);
        fa.href = "#fact-" + o[5];
        fa.setAttribute("data-fact", o[5]);
        li.appendChild(fa);
      }
      ol.appendChild(li);
    });
    return ol;
  }
  function buildDetail(i) {
    var card = cardOf[i];
    if (!card || card._detail) return;
    var d = F[i].d, box = el("div", "detail");
    if (d.formula) {
      var p = el("p", "formula");
      p.appendChild(el("span", "k", T.formula));
      p.appendChild(el("code", null, d.formula));
      box.appendChild(p);
    }
    if (d.rows.length) {
      var dl = el("dl", "ev");
      d.rows.forEach(function (r) { dl.appendChild(el("dt", null, r[0])); dl.appendChild(el("dd", null, r[1])); });
      box.appendChild(dl);
    }
    if (d.ops.length) { box.appendChild(el("h4", null, T.operands)); box.appendChild(opList(d.ops, false)); }
    if (d.rel.length) { box.appendChild(el("h4", null, T.related)); box.appendChild(opList(d.rel, true)); }
    var why = el("p", "why");
    why.appendChild(el("span", "k", T.why));
    why.appendChild(document.createTextNode(D.why[F[i].rule] || ""));
    box.appendChild(why);
    var ta = el("textarea", "note");
    ta.rows = 2;
    ta.placeholder = T.note_ph;
    ta.setAttribute("aria-label", T.note);
    var rec = review[F[i].fp];
    ta.value = rec && rec.note ? rec.note : "";
    ta.addEventListener("input", function () { update(i, { note: ta.value }); });
    box.appendChild(ta);
    card.insertBefore(box, card.querySelector(".review"));
    card._detail = box;
  }
  function buildAll() { for (var i = 0; i < F.length; i++) buildDetail(i); }
  window.addEventListener("beforeprint", buildAll);
  if (window.matchMedia) {
    var pm = window.matchMedia("print");
    if (pm.addEventListener) pm.addEventListener("change", function (e) { if (e.matches) buildAll(); });
  }

  /* ---------------------------------------------------------- selection */
  var current = -1;
  var lit = [];
  function unlight() {
    lit.forEach(function (m) { m.classList.remove("sel-p", "sel-r"); });
    lit = [];
  }
  function select(i, opts) {
    opts = opts || {};
    if (current >= 0 && cardOf[current]) {
      cardOf[current].classList.remove("sel");
      cardOf[current].removeAttribute("aria-current");
    }
    unlight();
    current = i;
    var card = cardOf[i];
    if (!card) return;
    buildDetail(i);
    card.classList.add("sel");
    card.setAttribute("aria-current", "true");
    var first = null, firstRel = null, box = null, boxRel = null;
    F[i].s.forEach(function (p) {
      var ms = marksOf(p[0]);
      for (var k = 0; k < ms.length; k++) {
        ms[k].classList.add(p[1] === "p" ? "sel-p" : "sel-r");
        lit.push(ms[k]);
        if (p[1] === "p" && !first) first = ms[k];
        if (!firstRel) firstRel = ms[k];
      }
      var bs = boxesOf(p[0]);
      for (k = 0; k < bs.length; k++) {
        bs[k].classList.add(p[1] === "p" ? "sel-p" : "sel-r");
        lit.push(bs[k]);
        if (p[1] === "p" && !box) box = bs[k];
        if (!boxRel) boxRel = bs[k];
      }
    });
    var target = first || firstRel;
    box = box || boxRel;
    showView("review");
    if (pane === "pages" && !box) showPane("source"); /* nothing of it on a page shown: its text */
    if (pane === "pages") {
      box.scrollIntoView({ block: "center", inline: "nearest" });
      flash(box);
    } else if (target) {
      target.scrollIntoView({ block: "center", inline: "nearest" });
      flash(target);
    } else {
      goLine(F[i].line);
    }
    if (!opts.keepCard) card.scrollIntoView({ block: "nearest" });
    if (!opts.noFocus) card.focus({ preventScroll: true });
    try { history.replaceState(null, "", "#" + F[i].fp); } catch (e) { /* file:// may refuse */ }
  }
  function goLine(n) {
    var l = document.getElementById("L" + n);
    if (!l) return null;
    showView("review");
    showPane("source");
    l.scrollIntoView({ block: "center" });
    flash(l);
    return l;
  }

  document.getElementById("list").addEventListener("click", function (e) {
    var t = e.target;
    var op = t.closest("a.op");
    if (op) {
      e.preventDefault();
      var sid = op.getAttribute("data-s");
      var bs = sid !== null && pane === "pages" ? boxesOf(sid) : [];
      if (bs.length) {
        bs[0].scrollIntoView({ block: "center", inline: "nearest" });
        for (var b = 0; b < bs.length; b++) flash(bs[b]);
        return;
      }
      var ms = sid !== null ? marksOf(sid) : [];
      if (ms.length) {
        showPane("source");
        ms[0].scrollIntoView({ block: "center" });
        for (var k = 0; k < ms.length; k++) flash(ms[k]);
      } else {
        goLine(op.getAttribute("href").slice(2));
      }
      return;
    }
    var fa = t.closest("a.fact");
    if (fa) {
      e.preventDefault();
      showFact(fa.getAttribute("data-fact"));
      return;
    }
    var card = t.closest("article.f");
    if (!card) return;
    if (t.closest(".review")) { if (+card.getAttribute("data-i") !== current) select(+card.getAttribute("data-i"), { keepCard: true, noFocus: true }); return; }
    if (t.closest("a.loc")) e.preventDefault();
    if (+card.getAttribute("data-i") !== current || t.closest("a.loc")) select(+card.getAttribute("data-i"), { keepCard: true });
  });

  /* hovering a highlight names its findings; clicking it selects them in turn */
  function findingsAt(mark) {
    var out = [], seen = {};
    mark.getAttribute("data-s").split(" ").forEach(function (sid) {
      (bySpan[sid] || []).forEach(function (p) {
        if (!seen[p[0]]) { seen[p[0]] = 1; out.push(p); }
      });
    });
    return out;
  }
  function titleOf(m) {
    return findingsAt(m).map(function (p) {
      var f = F[p[0]];
      return f.rule + " " + f.msg + " (" + (p[1] === "p" ? T.primary : T.related_fig) + ")";
    }).join("\n");
  }
  function pick(m) {
    var fs = findingsAt(m).filter(function (p) { return !cardOf[p[0]].hidden; });
    if (!fs.length) return;
    var pos = 0;
    for (var k = 0; k < fs.length; k++) if (fs[k][0] === current) pos = (k + 1) % fs.length;
    select(fs[pos][0], { noFocus: true });
  }
  source.addEventListener("mouseover", function (e) {
    var m = e.target.closest("mark.h");
    if (!m || m.hasAttribute("title")) return;
    m.title = titleOf(m);
  });
  source.addEventListener("click", function (e) {
    var m = e.target.closest("mark.h");
    if (m) pick(m);
  });
  if (pagesEl) {
    /* a box on a page: an SVG element names its findings in a <title> child */
    pagesEl.addEventListener("mouseover", function (e) {
      var m = e.target.closest("rect.h");
      if (!m || m.firstChild) return;
      var t = document.createElementNS(m.namespaceURI, "title");
      t.textContent = titleOf(m);
      m.appendChild(t);
    });
    pagesEl.addEventListener("click", function (e) {
      var m = e.target.closest("rect.h");
      if (m) pick(m);
    });
  }

  /* ---------------------------------------------------------- filters and search */
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll(".sev-filter"));
  var chips = Array.prototype.slice.call(document.querySelectorAll(".chip"));
  var search = document.getElementById("search");
  var statusSel = document.getElementById("status-filter");
  var shown = document.getElementById("shown");

  function applyFilters() {
    var sev = {};
    sevBoxes.forEach(function (b) { if (b.checked) sev[b.value] = 1; });
    var rules = {}, anyRule = false;
    chips.forEach(function (c) {
      if (c.getAttribute("aria-pressed") === "true") { rules[c.getAttribute("data-rule")] = 1; anyRule = true; }
    });
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var st = statusSel.value;
    var n = 0;
    cards.forEach(function (c) {
      var i = +c.getAttribute("data-i");
      var f = F[i];
      var rec = review[f.fp];
      var status = rec && rec.status ? rec.status : "none";
      var hay = words.length ? qtext[i] + " " + (rec && rec.note ? rec.note.toLowerCase() : "") : "";
      var ok = sev[f.sev] && (!anyRule || rules[f.rule]) && (st === "any" || st === status) &&
        words.every(function (w) { return hay.indexOf(w) >= 0; });
      c.hidden = !ok;
      if (ok) n++;
    });
    /* groups with nothing left are hidden; the others count what is shown of them */
    document.querySelectorAll(".checkgroup, .sevgroup").forEach(function (g) {
      var all = g.querySelectorAll("article.f").length;
      var vis = g.querySelectorAll("article.f:not([hidden])").length;
      g.hidden = vis === 0;
      g.querySelector(".n").textContent = vis === all ? String(all) : vis + " / " + all;
    });
    shown.textContent = T.shown + " " + n + " / " + F.length;
    document.getElementById("none-match").hidden = !(F.length && n === 0);
  }
  sevBoxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  chips.forEach(function (c) {
    c.addEventListener("click", function () {
      c.setAttribute("aria-pressed", c.getAttribute("aria-pressed") === "true" ? "false" : "true");
      applyFilters();
    });
  });
  search.addEventListener("input", applyFilters);
  statusSel.addEventListener("change", applyFilters);

  /* ---------------------------------------------------------- keyboard: j / k, / */
  function visibleCards() { return cards.filter(function (c) { return !c.hidden; }); }
  function step(d) {
    var vis = visibleCards();
    if (!vis.length) return;
    var pos = -1;
    for (var k = 0; k < vis.length; k++) if (+vis[k].getAttribute("data-i") === current) pos = k;
    var next = pos < 0 ? (d > 0 ? 0 : vis.length - 1) : Math.min(vis.length - 1, Math.max(0, pos + d));
    select(+vis[next].getAttribute("data-i"));
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") {
      if (e.key === "Escape") e.target.blur();
      return;
    }
    if (e.key === "j") { e.preventDefault(); step(1); }
    else if (e.key === "k") { e.preventDefault(); step(-1); }
    else if (e.key === "/") { e.preventDefault(); showView("review"); search.focus(); }
  });

  /* ---------------------------------------------------------- review marks */
  var KEY = "audit-budget:review:" + D.doc.sha256;
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem("audit-budget:probe", "1");
    storage.removeItem("audit-budget:probe");
  } catch (e) {
    storage = null;
    var note = document.getElementById("storage-notice");
    note.textContent = T.storage_off;
    note.hidden = false;
  }
  var review = {};
  try { review = storage ? JSON.parse(storage.getItem(KEY) || "{}") || {} : {}; } catch (e) { review = {}; }
  function save() {
    if (!storage) return;
    try { storage.setItem(KEY, JSON.stringify(review)); } catch (e) { /* quota: keep in memory */ }
  }
  function paint(card) {
    var f = F[+card.getAttribute("data-i")];
    var rec = review[f.fp] || {};
    ["confirmed", "dismissed", "follow-up"].forEach(function (s) {
      card.classList.toggle("st-" + s, rec.status === s);
    });
    card.querySelectorAll(".rv").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-status") === rec.status ? "true" : "false");
    });
    card.querySelector(".badge").textContent = rec.status ? T[rec.status] : "";
    var ta = card.querySelector(".note");
    if (ta && ta.value !== (rec.note || "")) ta.value = rec.note || "";
    card.querySelector(".note-print").textContent = rec.note || "";
  }
  function countReviewed() {
    var n = 0;
    F.forEach(function (f) { if (review[f.fp] && review[f.fp].status) n++; });
    document.getElementById("reviewed-n").textContent = String(n);
  }
  function update(i, patch) {
    var f = F[i];
    var rec = review[f.fp] || {};
    Object.keys(patch).forEach(function (k) { rec[k] = patch[k]; });
    if (!rec.status && !rec.note) {
      delete review[f.fp];
    } else {
      rec.rule = f.rule; rec.message = f.msg; rec.path = D.doc.path;
      review[f.fp] = rec;
    }
    save();
    paint(cardOf[i]);
    countReviewed();
  }
  cards.forEach(function (card) {
    var i = +card.getAttribute("data-i");
    card.querySelectorAll(".rv").forEach(function (b) {
      b.addEventListener("click", function () {
        var s = b.getAttribute("data-status");
        var rec = review[F[i].fp] || {};
        update(i, { status: rec.status === s ? "" : s });
      });
    });
    paint(card);
  });
  countReviewed();

  function exportReview() {
    var entries = [];
    F.forEach(function (f) {
      var rec = review[f.fp];
      if (!rec || !rec.status) return;
      entries.push({
        fingerprint: f.fp, rule: f.rule, path: D.doc.path, status: rec.status,
        note: rec.note || "", message: f.msg, document_sha256: D.doc.sha256
      });
    });
    var body = JSON.stringify({ version: 1, tool: "audit-budget", entries: entries }, null, 2) + "\n";
    var url = URL.createObjectURL(new Blob([body], { type: "application/json" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = D.doc.name.replace(/\.[^.]*$/, "") + ".review.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  document.getElementById("export").addEventListener("click", exportReview);

  /* ---------------------------------------------------------- views and the facts table */
  var views = { review: document.getElementById("review"), facts: document.getElementById("facts") };
  function showView(name) {
    if (!views[name].hidden) return;
    Object.keys(views).forEach(function (k) {
      views[k].hidden = k !== name;
      document.getElementById("tab-" + k).setAttribute("aria-selected", k === name ? "true" : "false");
    });
    if (name === "facts") buildFacts();
  }
  document.querySelectorAll(".tabs button").forEach(function (b) {
    b.addEventListener("click", function () { showView(b.getAttribute("data-view")); });
  });

  var factRows = null, factById = {}, factsBody = document.querySelector("#facts-table tbody");
  var factFilter = document.getElementById("facts-filter"), factChecked = document.getElementById("facts-checked");
  function td(text, cls) {
    var c = document.createElement("td");
    c.textContent = text;
    if (cls) c.className = cls;
    return c;
  }
  function buildFacts() {
    if (factRows) return;
    factRows = D.facts.map(function (x) {
      var tr = document.createElement("tr");
      tr.id = "fact-" + x[0];
      tr.appendChild(td(String(x[0]), "num"));
      tr.appendChild(td(x[1] + ":" + x[2], "num"));
      tr.appendChild(td(x[3], "fig"));
      tr.appendChild(td(x[4]));
      tr.appendChild(td(x[5]));
      tr.appendChild(td(x[6]));
      tr.appendChild(td(x[7]));
      tr.appendChild(td(x[8]));
      tr.appendChild(td(x[9], "used"));
      tr._fact = x;
      tr._hay = x.slice(3, 10).join(" ").toLowerCase();
      factById[x[0]] = tr;
      return tr;
    });
    var frag = document.createDocumentFragment();
    factRows.forEach(function (r) { frag.appendChild(r); });
    factsBody.appendChild(frag);
    filterFacts();
  }
  function filterFacts() {
    var words = factFilter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var only = factChecked.checked, n = 0;
    factRows.forEach(function (r) {
      var ok = (!only || r._fact[9]) && words.every(function (w) { return r._hay.indexOf(w) >= 0; });
      r.hidden = !ok;
      if (ok) n++;
    });
    document.getElementById("facts-shown").textContent = T.shown + " " + n + " / " + factRows.length;
  }
  factFilter.addEventListener("input", function () { if (factRows) filterFacts(); });
  factChecked.addEventListener("change", function () { if (factRows) filterFacts(); });
  var collator = new Intl.Collator(D.lang === "en" ? "en" : "zh-CN", { numeric: true });
  document.querySelectorAll("#facts-table th").forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var col = +th.getAttribute("data-col"), type = th.getAttribute("data-type");
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      document.querySelectorAll("#facts-table th").forEach(function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      var key = type === "num" ? function (r) { return r._fact[col]; }
        : type === "loc" ? function (r) { return r._fact[1] * 1e6 + r._fact[2]; } : null;
      factRows.sort(function (a, b) {
        var c = key ? key(a) - key(b) : collator.compare(String(a._fact[col]), String(b._fact[col]));
        return dir * (c || a._fact[0] - b._fact[0]);
      });
      var frag = document.createDocumentFragment();
      factRows.forEach(function (r) { frag.appendChild(r); });
      factsBody.appendChild(frag);
    });
  });
  function showFact(id) {
    showView("facts");
    var tr = factById[id];
    if (!tr) return;
    if (tr.hidden) { factFilter.value = ""; factChecked.checked = false; filterFacts(); }
    tr.scrollIntoView({ block: "center" });
    flash(tr);
  }
  factsBody.addEventListener("click", function (e) {
    var tr = e.target.closest("tr");
    if (!tr || !tr._fact) return;
    var x = tr._fact;
    var sid = x[10];
    showView("review");
    var bs = sid !== null && pane === "pages" ? boxesOf(sid) : [];
    if (bs.length) { bs[0].scrollIntoView({ block: "center", inline: "nearest" }); flash(bs[0]); return; }
    var ms = sid !== null ? marksOf(sid) : [];
    if (ms.length) { showPane("source"); ms[0].scrollIntoView({ block: "center" }); flash(ms[0]); return; }
    var line = goLine(x[1]);
    if (line && window.CSS && CSS.highlights && window.Highlight) highlightAt(line, x[2] - 1, x[11]);
  });
  /* a figure no finding involves has no <mark>: show it with the CSS Highlight API */
  function highlightAt(line, col, len) {
    var walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    var pos = 0, range = document.createRange(), started = false, node;
    while ((node = walker.nextNode())) {
      var n = node.length;
      if (!started && col < pos + n) { range.setStart(node, col - pos); started = true; }
      if (started && col + len <= pos + n) { range.setEnd(node, col + len - pos); break; }
      pos += n;
    }
    if (started) CSS.highlights.set("fact", new Highlight(range));
  }

  /* ---------------------------------------------------------- start */
  applyFilters();
  var h = decodeURIComponent(location.hash.slice(1));
  if (h) {
    for (var k = 0; k < F.length; k++) if (F[k].fp === h) { select(k, { noFocus: true }); break; }
  }
  document.documentElement.setAttribute("data-ready", "1");
  window.__auditReady = performance.now();
})();
