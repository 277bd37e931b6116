"""The index page of `show DIR --html OUT/`: every input with its record count, its page,
or the reason it failed, so nothing read (or not read) goes unnoticed."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Optional, Sequence

from .assets import page_head

_INDEX_STYLES = """.index { margin: 10px 16px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; max-width: 1100px; }
.index td { white-space: normal; max-width: none; }
.index td.err { color: #b42318; }
.index td.r { text-align: right; }"""

_e = html.escape


@dataclass(frozen=True)
class Entry:
    """One input of the index: its name, its page (relative link) or its error."""

    name: str
    page: Optional[str] = None
    records: int = 0
    summary: str = ""
    error: Optional[str] = None


def render_index(title: str, entries: Sequence[Entry]) -> str:
    failed = sum(1 for entry in entries if entry.error)
    total = sum(entry.records for entry in entries)
    body = "\n".join(_row(entry) for entry in entries)
    return page_head(_e(title), _INDEX_STYLES) + f"""<body>
<header class="top"><h1>{_e(title)}</h1>
<p>{len(entries):,} files, {total:,} records, {failed:,} failed</p></header>
<div class="index"><table id="files">
<thead><tr><th>file</th><th class="v">records</th><th>kinds / error</th></tr></thead>
<tbody>
{body}
</tbody>
</table></div>
</body>
</html>
"""


def _row(entry: Entry) -> str:
    if entry.error:
        return (f'<tr class="failed"><td>{_e(entry.name)}</td><td class="r">–</td>'
                f'<td class="err">{_e(entry.error)}</td></tr>')
    link = f'<a href="{_e(entry.page)}">{_e(entry.name)}</a>' if entry.page else _e(entry.name)
    return f'<tr><td>{link}</td><td class="r">{entry.records:,}</td><td>{_e(entry.summary)}</td></tr>'
