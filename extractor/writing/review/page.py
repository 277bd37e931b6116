"""One input as a review page: its text with every figure highlighted, and a compact table.

An analyst keeps it open beside the source: each article of a digest is a section under
its headline, outlet and date; the table holds what the text does not show (the value as
normalised, unit, year, marks for qualifier, target and change, metric, region, subject),
one row per record, each linked to its highlight and back. Everything is html-escaped and
inlined: the page works offline and from a mail attachment.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Optional, Sequence

from ..show import COLOURS, OTHER_COLOUR, clusters, legend
from ..writer import marks, show_value
from .assets import JS, PAGE_SIZE, page_head

_e = html.escape
_COLUMNS = ("#", "value", "unit", "±", "year", "metric", "region", "subject")


def render_page(doc: str, text: str, rows: list[dict], articles: Sequence = (), *,
                page_size: int = PAGE_SIZE, back: Optional[str] = None) -> str:
    """The page of one input. `articles` are the input's articles (objects with index, title,
    source, published, start, end); `back` links to an index page."""
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["start"], rows[i]["end"]))
    digest = len(articles) > 1
    styles = "\n".join(f".k-{kind} {{ --k: {bg}; }}" for kind, (_, bg) in (*COLOURS.items(), ("other", OTHER_COLOUR)))
    kinds = Counter(row["kind"] for row in rows)
    metrics = Counter(row["metric"] for row in rows)
    chips = "".join(
        f'<button type="button" class="chip k-{_e(kind)}" data-kind="{_e(kind)}" aria-pressed="true">'
        f"{_e(kind)} {n}</button>" for kind, n in sorted(kinds.items()))
    options = "".join(f'<option value="{_e(m)}">{_e(m)} ({n})</option>' for m, n in sorted(metrics.items()))
    home = f'<p><a href="{_e(back)}">← all files</a></p>' if back else ""
    summary = f"{len(rows):,} records ({_e(legend(rows))})" + (f" in {len(articles)} articles" if digest else "")
    return page_head(_e(doc), styles) + f"""\
<body data-page-size="{page_size}">
<header class="top">{home}<h1>{_e(doc)}</h1><p>{summary}</p></header>
<main>
<article class="text">
{_text(text, rows, articles)}
</article>
<aside class="records">
<div class="controls">
<div class="chips" role="group" aria-label="kinds">{chips}</div>
<label>metric <select id="metric"><option value="">all metrics</option>{options}</select></label>
<span id="status" class="status">{len(rows):,} records</span>
<span id="pager" class="pager" hidden><button type="button" id="prev">‹ previous</button>
<button type="button" id="next">next ›</button></span>
</div>
<div class="scroll">
<table id="records">
<thead><tr>{"".join(f'<th class="{"v" if c == "value" else ""}">{_e(c)}</th>' for c in _COLUMNS)}</tr></thead>
<tbody>
{_rows(rows, order, articles if digest else ())}
</tbody>
</table>
</div>
</aside>
</main>
<script>{JS}</script>
</body>
</html>
"""


def _text(text: str, rows: list[dict], articles: Sequence) -> str:
    """The text as sections, one per article: headline, outlet and date, highlighted body."""
    found = list(clusters(rows))
    if not articles:
        return f'<section><pre class="body">{_marked(text, rows, found, 0, len(text))}</pre></section>'
    parts = []
    first = articles[0].start
    if first > 0 and text[:first].strip():  # a digest's topic line, before its first article
        parts.append(f'<section><pre class="body">{_marked(text, rows, found, 0, first)}</pre></section>')
    for article in articles:
        start, end = article.start, article.end
        head = ""
        if article.title:
            at = text.find(article.title, start, end)
            if at >= 0:
                title_end = at + len(article.title)
                head = f"<h2>{_marked(text, rows, found, at, title_end)}</h2>"
                start = _skip_line(text, title_end, end)
        meta = " · ".join(_e(x) for x in (article.source, _date(article.published)) if x)
        if meta:
            head += f'<p class="meta">{meta}</p>'
            start = _skip_dateline(text, start, end, article, rows)
        parts.append(f'<section>{head}<pre class="body">{_marked(text, rows, found, start, end)}</pre></section>')
    return "\n".join(parts)


def _skip_line(text: str, pos: int, end: int) -> int:
    """Past the line break that ends the line at `pos`, and any blank lines after it."""
    while pos < end and text[pos] in " \t\u3000\r\n":
        pos += 1
    return pos


def _skip_dateline(text: str, start: int, end: int, article, rows: list[dict]) -> int:
    """Past the outlet or dateline line under the headline, shown as the meta line instead;
    kept in the text when a record stands in it."""
    line_end = text.find("\n", start, end)
    line_end = end if line_end < 0 else line_end
    line = text[start:line_end]
    date = (article.published or "")[:10]
    says_it = (article.source and article.source in line) or (date and date in line)
    if not says_it or len(line) > 120 or any(start <= r["start"] < line_end for r in rows):
        return start
    return _skip_line(text, line_end, end)


def _date(published: Optional[str]) -> Optional[str]:
    """'2024-03-05T10:00:00+08:00' -> '2024-03-05 10:00' for the meta line."""
    if not published:
        return None
    date, _, time = published.partition("T")
    return f"{date} {time[:5]}" if time else date


def _marked(text: str, rows: list[dict], found: list, start: int, end: int) -> str:
    """text[start:end], escaped, with a <mark> on each group of overlapping figures in it."""
    out, pos = [], start
    for s, e, group in found:
        if e <= start or s >= end:
            continue
        s, e = max(s, pos), min(e, end)
        out.append(_e(text[pos:s]))
        first = rows[group[0]]
        kind = first["kind"] if first["kind"] in COLOURS else "other"
        labels = "; ".join(_label(rows[i]) for i in group)
        tip = "; ".join(f"#{i + 1} {rows[i]['metric']} {_label(rows[i])}" for i in group)
        ids = " ".join(str(i) for i in group)
        out.append(f'<mark class="k-{_e(kind)}" data-r="{ids}" tabindex="0" role="button" title="{_e(tip)}">'
                   f"{_e(text[s:e])}<sup>{_e(labels)}</sup></mark>")
        pos = e
    out.append(_e(text[pos:end]))
    return "".join(out)


def _label(row: dict) -> str:
    value = show_value(row)
    unit = row.get("unit") or ""
    return f"{value} {unit}".strip()


def _rows(rows: list[dict], order: list[int], articles: Sequence) -> str:
    titles = {a.index: a.title for a in articles}
    out, current = [], object()
    for i in order:
        row = rows[i]
        if articles and row.get("article") != current:
            current = row.get("article")
            title = titles.get(current) or "(before the first article)"
            out.append(f'<tr class="article" data-article="{current}"><th colspan="{len(_COLUMNS)}" '
                       f'title="{_e(title)}">{_e(title)}</th></tr>')
        kind = row["kind"] if row["kind"] in COLOURS else "other"
        signs = marks(row)
        cells = (
            f'<td class="n">{i + 1}</td>',
            f'<td class="v">{_e(show_value(row))}</td>',
            f"<td>{_e(row.get('unit') or '')}</td>",
            f'<td class="m" title="{_e(", ".join(m for _, m in signs))}">{_e(" ".join(s for s, _ in signs))}</td>',
            f'<td class="y">{"" if row.get("year") is None else row["year"]}</td>',
            _cell(row.get("metric")),
            _cell(row.get("region")),
            _cell(row.get("subject")),
        )
        out.append(f'<tr class="k-{_e(kind)}" data-i="{i}" data-kind="{_e(row["kind"])}" '
                   f'data-metric="{_e(row.get("metric") or "")}" data-article="{row.get("article")}">'
                   + "".join(cells) + "</tr>")
    return "\n".join(out)


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f'<td title="{_e(text)}">{_e(text)}</td>' if text else "<td></td>"

