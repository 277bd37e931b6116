"""An article with every figure highlighted and labelled, so a person can check it at a glance.

Two renderings of the same thing: rich text for the terminal, and one self-contained HTML
page (inline CSS, no scripts, no external files; every piece of text html-escaped) with a
legend and a table of the records, each row linked to its place in the text. Records whose
spans overlap (the two ends of a range, say) are shown as one highlight with all labels.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Iterator

from .writer import format_number

#: (terminal style, HTML background) per kind.
COLOURS = {
    "percentage": ("black on bright_cyan", "#a5f3fc"),
    "money": ("black on bright_green", "#bbf7d0"),
    "count": ("black on bright_yellow", "#fef08a"),
    "population": ("black on bright_magenta", "#f5d0fe"),
    "length": ("black on bright_blue", "#bfdbfe"),
    "area": ("black on cyan", "#99f6e4"),
    "duration": ("black on bright_red", "#fecaca"),
    "period": ("black on white", "#e5e7eb"),
}
OTHER_COLOUR = ("reverse", "#fed7aa")
_TABLE_FIELDS = (
    "kind", "metric", "value", "unit", "qualifier", "year", "start_year", "end_year",
    "subject", "region", "article", "title", "source", "published", "text", "start", "end", "sentence",
)


def label(row: dict) -> str:
    """kind, metric when named, and value: 'percentage/urbanization_rate 59.22 %'."""
    name = row["kind"] if row.get("metric") in (None, row["kind"]) else f"{row['kind']}/{row['metric']}"
    if row["kind"] == "period":
        return f"{name} {row.get('start_year') or '…'}–{row.get('end_year') or '…'}"
    value = "" if row.get("value") is None else f" {format_number(row['value'])}"
    unit = f" {row['unit']}" if row.get("unit") else ""
    return f"{name}{value}{unit}"


def clusters(rows: list[dict]) -> Iterator[tuple[int, int, list[int]]]:
    """(start, end, record indexes) of each run of overlapping spans, in text order."""
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["start"], rows[i]["end"]))
    group: list[int] = []
    start = end = 0
    for i in order:
        if group and rows[i]["start"] < end:
            group.append(i)
            end = max(end, rows[i]["end"])
            continue
        if group:
            yield start, end, group
        group, start, end = [i], rows[i]["start"], rows[i]["end"]
    if group:
        yield start, end, group


def legend(rows: list[dict]) -> str:
    counts = Counter(row["kind"] for row in rows)
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "no figures"


def to_html(doc: str, text: str, rows: list[dict]) -> str:
    """One self-contained page: highlighted text, legend and a table of the records."""
    e = html.escape
    styles = "\n".join(f".k-{kind} {{ background: {bg}; }}" for kind, (_, bg) in COLOURS.items())
    marked, anchor = [], {}
    pos = 0
    for n, (start, end, group) in enumerate(clusters(rows), 1):
        kind = rows[group[0]]["kind"]
        labels = "; ".join(label(rows[i]) for i in group)
        for i in group:
            anchor[i] = f"f{n}"
        marked.append(e(text[pos:start]))
        marked.append(
            f'<mark id="f{n}" class="k-{e(kind)}" title="{e(labels)}">{e(text[start:end])}</mark>'
            f'<sup class="label">{e(labels)}</sup>'
        )
        pos = max(pos, end)
    marked.append(e(text[pos:]))
    present = sorted({row["kind"] for row in rows})
    legend_items = "".join(f'<span class="k-{e(k)} chip">{e(k)}</span>' for k in present)
    head = "".join(f"<th>{e(f)}</th>" for f in ("#",) + _TABLE_FIELDS)
    body = "\n".join(
        f'<tr class="k-{e(row["kind"])}"><td><a href="#{anchor[i]}">{i + 1}</a></td>'
        + "".join(f"<td>{_cell(row.get(f))}</td>" for f in _TABLE_FIELDS)
        + "</tr>"
        for i, row in sorted(enumerate(rows), key=lambda item: (item[1]["start"], item[1]["end"]))
    )
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>policy-extract: {e(doc)}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 2em; color: #111; }}
.text {{ white-space: pre-wrap; line-height: 2; border: 1px solid #ddd; padding: 1em; max-width: 60em; }}
mark {{ padding: 0 2px; border-radius: 3px; }}
sup.label {{ color: #555; font-size: 70%; margin: 0 4px 0 1px; }}
.chip {{ padding: 2px 8px; margin-right: 6px; border-radius: 3px; }}
table {{ border-collapse: collapse; margin-top: 1.5em; font-size: 90%; }}
th, td {{ border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }}
td:last-child {{ max-width: 40em; }}
{styles}
</style>
</head>
<body>
<h1>{e(doc)}</h1>
<p class="legend">{len(rows)} records ({e(legend(rows))}) {legend_items}</p>
<div class="text">{"".join(marked)}</div>
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""


def _cell(value) -> str:
    return "" if value is None else html.escape(str(value))
