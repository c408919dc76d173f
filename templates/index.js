/* audit-budget index page: sort the reports, show how many findings each has had reviewed, and
   export every page's review marks at once (they share the browser's storage for file:// pages). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var table = document.getElementById("reports");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var storage = null;
  try { storage = window.localStorage; storage.getItem("audit-budget:probe"); } catch (e) { storage = null; }
  function reviewOf(sha) {
    try { return storage ? JSON.parse(storage.getItem("audit-budget:review:" + sha) || "{}") || {} : {}; }
    catch (e) { return {}; }
  }
  rows.forEach(function (tr) {
    var rec = reviewOf(tr.getAttribute("data-sha"));
    var n = Object.keys(rec).filter(function (k) { return rec[k] && rec[k].status; }).length;
    tr.querySelector(".reviewed").textContent = String(n);
  });
  var collator = new Intl.Collator(D.lang === "en" ? "en" : "zh-CN", { numeric: true });
  var ths = Array.prototype.slice.call(table.tHead.rows[0].cells);
  ths.forEach(function (th, col) {
    th.querySelector("button").addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      ths.forEach(function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      var num = th.getAttribute("data-type") === "num";
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent;
        var c = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : collator.compare(x, y);
        return dir * c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  document.getElementById("export-all").addEventListener("click", function () {
    var entries = [];
    D.reports.forEach(function (r) {
      var rec = reviewOf(r.sha256);
      Object.keys(rec).sort().forEach(function (fp) {
        var x = rec[fp];
        if (!x || !x.status) return;
        entries.push({ fingerprint: fp, rule: x.rule, path: r.path, status: x.status, note: x.note || "",
          message: x.message || "", document_sha256: r.sha256 });
      });
    });
    var text = JSON.stringify({ version: 1, tool: "audit-budget", entries: entries }, null, 2) + "\n";
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = "review.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
