"""An article with every figure highlighted and labelled, so a person can check it at a glance.

What the two renderings share, the terminal's (terminal.py) and the review page's
(review/): a colour per kind, a label per record, and the runs of overlapping spans that
are shown as one highlight with all their labels (the two ends of a range, say).
"""

from __future__ import annotations

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
