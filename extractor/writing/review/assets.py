"""The review page's stylesheet and script, inlined into every page (no network, no files).

The layout is the text on the left and the records on the right, each scrolling on its
own, so a record and its highlight are on screen together at 1,280 px; below 1,000 px the
two stack. The script filters by kind and metric, pages the table (PAGE_SIZE rows at a
time, so a page of many thousand records stays quick), and links a record and its
highlight both ways.
"""

#: Rows of the records table shown at once; more records are paged.
PAGE_SIZE = 2000

CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: #1f2328; background: #f6f8fa; }
header.top { padding: 10px 16px 0; }
header.top h1 { font-size: 17px; margin: 0; overflow-wrap: anywhere; }
header.top p { margin: 2px 0 0; color: #57606a; font-size: 13px; }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 640px); gap: 16px; padding: 10px 16px 16px;
       align-items: start; }
.text { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 22px 12px; min-width: 0; }
.text section + section { border-top: 4px double #d0d7de; margin-top: 14px; }
.text h2 { font-size: 18px; margin: 14px 0 2px; line-height: 1.5; overflow-wrap: anywhere; }
.text .meta { color: #57606a; font-size: 13px; margin: 0 0 6px; }
.text .body { font: inherit; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.95; margin: 0; }
mark, .chip { background: var(--k, #fed7aa); }
mark { cursor: pointer; border-radius: 3px; padding: 0 1px; color: inherit; }
mark sup { font-size: 68%; color: #57606a; margin-left: 2px; font-variant-numeric: tabular-nums; }
mark.off { background: transparent !important; cursor: default; }
mark.off sup { display: none; }
.flash { outline: 3px solid #f97316; outline-offset: 1px; }
aside.records { position: sticky; top: 8px; max-height: calc(100vh - 16px); display: flex; flex-direction: column;
                background: #fff; border: 1px solid #d0d7de; border-radius: 6px; min-width: 0; }
.controls { padding: 8px 10px; border-bottom: 1px solid #d0d7de; font-size: 13px; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 6px; }
.chip { font: inherit; border: 1px solid #8c959f; border-radius: 12px; padding: 0 8px; cursor: pointer; color: #1f2328; }
.chip[aria-pressed="false"] { opacity: .4; text-decoration: line-through; }
.controls select { font: inherit; max-width: 100%; }
.status { color: #57606a; margin-left: 6px; }
.pager { margin-left: 6px; }
.pager[hidden] { display: none; }
.pager button { font: inherit; }
.scroll { overflow: auto; min-height: 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
th { position: sticky; top: 0; background: #f6f8fa; text-align: left; font-weight: 600; z-index: 1; }
th, td { padding: 3px 6px; border-bottom: 1px solid #eaeef2; white-space: nowrap; max-width: 8.5em;
         overflow: hidden; text-overflow: ellipsis; }
td.v, th.v, td.y { text-align: right; }
td.v { max-width: none; }
td.n { border-left: 6px solid var(--k, #ccc); color: #57606a; }
td.m { color: #9a3412; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: #fff8c5; }
tr.article th { background: #eef2f6; position: static; font-weight: 600; color: #24292f; cursor: default; }
@media (max-width: 1000px) {
  main { grid-template-columns: minmax(0, 1fr); }
  aside.records { position: static; max-height: none; }
}
"""

JS = """
(function () {
  "use strict";
  var body = document.body, pageSize = +body.getAttribute("data-page-size");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#records tbody tr[data-i]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("#records tbody tr.article"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-r]"));
  var byIndex = {}, markOf = {};
  rows.forEach(function (tr) { byIndex[tr.getAttribute("data-i")] = tr; });
  marks.forEach(function (m) { m.getAttribute("data-r").split(" ").forEach(function (i) { markOf[i] = m; }); });
  var hiddenKinds = {}, metric = "", page = 0;
  var status = document.getElementById("status"), pager = document.getElementById("pager");
  var prev = document.getElementById("prev"), next = document.getElementById("next");
  var scroller = document.querySelector("aside .scroll");

  function visible(tr) {
    return !hiddenKinds[tr.getAttribute("data-kind")] && (!metric || tr.getAttribute("data-metric") === metric);
  }
  function fmt(n) { return n.toLocaleString("en-US"); }
  function apply() {
    var shown = rows.filter(visible), pages = Math.max(1, Math.ceil(shown.length / pageSize));
    page = Math.min(page, pages - 1);
    var from = page * pageSize, to = Math.min(shown.length, from + pageSize), keep = {};
    shown.slice(from, to).forEach(function (tr) { keep[tr.getAttribute("data-i")] = true; });
    var articles = {};
    rows.forEach(function (tr) {
      tr.hidden = !keep[tr.getAttribute("data-i")];
      if (!tr.hidden) articles[tr.getAttribute("data-article")] = true;
    });
    groups.forEach(function (g) { g.hidden = !articles[g.getAttribute("data-article")]; });
    marks.forEach(function (m) {
      var on = m.getAttribute("data-r").split(" ").some(function (i) { return visible(byIndex[i]); });
      m.classList.toggle("off", !on);
    });
    status.textContent = shown.length
      ? "showing " + (shown.length > pageSize ? fmt(from + 1) + "–" + fmt(to) : fmt(shown.length)) + " of " +
        fmt(shown.length) + " records" + (shown.length < rows.length ? " (filtered from " + fmt(rows.length) + ")" : "")
      : "no records match (of " + fmt(rows.length) + ")";
    pager.hidden = pages < 2;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  function flash(el) {
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1600);
  }
  function toRow(i) {
    var tr = byIndex[i];
    if (!tr || !visible(tr)) return;
    if (tr.hidden) { page = Math.floor(rows.filter(visible).indexOf(tr) / pageSize); apply(); }
    var top = tr.offsetTop - scroller.clientHeight / 2;
    scroller.scrollTop = Math.max(0, top);
    tr.scrollIntoView({ block: "nearest" });
    flash(tr);
  }
  function toMark(i) {
    var m = markOf[i];
    if (!m) return;
    m.scrollIntoView({ block: "center" });
    flash(m);
  }
  document.querySelectorAll(".chip[data-kind]").forEach(function (chip) {
    chip.addEventListener("click", function () {
      var kind = chip.getAttribute("data-kind"), on = chip.getAttribute("aria-pressed") !== "true";
      chip.setAttribute("aria-pressed", on ? "true" : "false");
      hiddenKinds[kind] = !on;
      page = 0; apply();
    });
  });
  document.getElementById("metric").addEventListener("change", function (e) { metric = e.target.value; page = 0; apply(); });
  prev.addEventListener("click", function () { page -= 1; apply(); scroller.scrollTop = 0; });
  next.addEventListener("click", function () { page += 1; apply(); scroller.scrollTop = 0; });
  rows.forEach(function (tr) {
    tr.addEventListener("click", function (e) { e.preventDefault(); toMark(tr.getAttribute("data-i")); });
  });
  marks.forEach(function (m) {
    function go() { if (!m.classList.contains("off")) toRow(m.getAttribute("data-r").split(" ")[0]); }
    m.addEventListener("click", go);
    m.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
  });
  apply();
})();
"""


def page_head(title: str, styles: str = "") -> str:
    """The opening of every review page up to its <body>: the same head for articles and the
    index, with the page's own `styles` after the shared CSS (`title` already escaped)."""
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · policy-extract</title>
<style>{CSS}
{styles}
</style>
</head>
"""
