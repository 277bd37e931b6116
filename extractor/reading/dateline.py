"""The dateline of a single article: when it was published and by which outlet.

Saved articles carry it under the headline in a few shapes:

    2021-02-25 09:30　来源：江东观察网          发布时间：2024年3月5日  来源：省发展改革委
    新华社北京10月16日电（记者 张三）            本报讯（记者 王五）
    BEIJING, Oct. 16 (Xinhua) --

`find_dateline` reads the first lines of an article and returns the ISO 8601 date-time,
the outlet and the span of the dateline (which gives no records: its numbers are dates).
A dateline without its year (10月16日电, Oct. 16) takes the year only from a full date of
the same month and day stated elsewhere in the article; otherwise `published` stays null
rather than guessed. 本报 ("this paper") names no outlet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

#: How far below the headline a dateline may stand (characters).
HEAD_CHARS = 600

_DATE = (r"(?P<y>\d{4})\s*(?:-|/|\.|年)\s*(?P<mo>\d{1,2})\s*(?:-|/|\.|月)\s*(?P<d>\d{1,2})\s*日?"
         r"(?:[ \t\u3000T]*(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2}))?)?")
_LABELLED_DATE = regex.compile(r"(?:发布时间|发布日期|发稿时间|更新时间|时间|日期)\s*[:：]\s*" + _DATE)
_LEADING_DATE = regex.compile(r"^[ \t\u3000]*" + _DATE + r"(?=[ \t\u3000]|$)", regex.MULTILINE)
_SOURCE = regex.compile(r"(?:来源|来自|稿源|出处)\s*[:：]\s*(?P<source>[^\s\u3000|｜丨,，;；]{1,40})")
_WIRE = regex.compile(
    r"^[ \t\u3000]*(?P<outlet>[\p{Han}A-Za-z]{1,12}?(?:社|网|报|台|电视台|日报|晚报))"
    r"(?P<place>[\p{Han}]{0,6}?)(?P<mo>\d{1,2})月(?P<d>\d{1,2})日(?:电|讯)",
    regex.MULTILINE)
_REPORTER = regex.compile(r"^[ \t\u3000]*(?:(?P<outlet>[\p{Han}]{1,12}?)讯)?[（(]\s*记者[^）)\n]{1,60}[）)]",
                          regex.MULTILINE)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ENGLISH = regex.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z .'\-]{1,40}),\s+(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
    r"\s+(?P<d>\d{1,2})(?:,\s*(?P<y>\d{4}))?\s*\((?P<source>[A-Za-z][A-Za-z .&'\-]{0,40})\)\s*(?:--|—|–)",
    regex.MULTILINE)
_NOT_OUTLETS = frozenset({"本报", "本网", "本台", "本刊"})


@dataclass(frozen=True)
class Dateline:
    """What a dateline says (either may be None) and where it stands in the text."""

    published: Optional[str]
    source: Optional[str]
    start: int
    end: int


def find_dateline(text: str, start: int = 0, end: Optional[int] = None) -> Optional[Dateline]:
    """The dateline in the first HEAD_CHARS characters of text[start:end], if there is one."""
    stop = min(len(text) if end is None else end, start + HEAD_CHARS)
    head = text[start:stop]
    for finder in (_labelled, _leading, _wire, _english, _reporter):
        found = finder(head, text)
        if found is not None:
            published, source, s, e = found
            return Dateline(published, source, start + s, start + e)
    return None


def _labelled(head: str, text: str):
    m = _LABELLED_DATE.search(head)
    if m is None:
        return None
    line_start, line_end = _line(head, m.start())
    source = _SOURCE.search(head, line_start, line_end) or _SOURCE.search(head, line_end, _line(head, line_end + 1)[1])
    end = max(line_end, source.end() if source else 0)
    return _iso_of(m), _outlet(source.group("source") if source else None), line_start, end


def _leading(head: str, text: str):
    m = _LEADING_DATE.search(head)
    if m is None:
        return None
    line_start, line_end = _line(head, m.start())
    source = _SOURCE.search(head, m.end(), line_end)
    if source is None and head[m.end():line_end].strip(" \t\u3000"):
        return None  # a line that starts with a date and says more is text, not a dateline
    return _iso_of(m), _outlet(source.group("source") if source else None), line_start, line_end


def _wire(head: str, text: str):
    m = _WIRE.search(head)
    if m is None:
        return None
    end = m.end()
    reporter = regex.match(r"[（(]\s*记者[^）)\n]{1,60}[）)]", head[end:])
    if reporter:
        end += reporter.end()
    year = _year_stated(text, int(m.group("mo")), int(m.group("d")))
    published = _iso(year, int(m.group("mo")), int(m.group("d"))) if year else None
    return published, _outlet(m.group("outlet")), m.start("outlet"), end


def _english(head: str, text: str):
    m = _ENGLISH.search(head)
    if m is None:
        return None
    month, day = _MONTHS[m.group("mon")[:3].lower()], int(m.group("d"))
    year = int(m.group("y")) if m.group("y") else _year_stated(text, month, day)
    published = _iso(year, month, day) if year else None
    return published, m.group("source").strip(), m.start("place"), m.end()


def _reporter(head: str, text: str):
    m = _REPORTER.search(head)
    if m is None:
        return None
    return None, _outlet(m.group("outlet")), m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t\u3000")), m.end()


def iso_datetime(value: str) -> Optional[str]:
    """ISO 8601 of a date-time as pages write it (2024-03-05T10:00:00+08:00, 2024-03-05 10:00,
    2024年3月5日), or None when it is not one; a time zone is kept."""
    m = regex.match(r"\s*" + _DATE + r"(?P<zone>Z|[+-]\d{2}:?\d{2})?", value)
    if m is None:
        return None
    iso = _iso_of(m)
    if iso and m.group("zone") and m.group("h"):
        zone = m.group("zone")
        iso += zone if zone == "Z" or ":" in zone else f"{zone[:3]}:{zone[3:]}"
    return iso


def _year_stated(text: str, month: int, day: int) -> Optional[int]:
    """The year of a full date of this month and day written anywhere in `text`, if one is."""
    for m in regex.finditer(r"(?<!\d)(\d{4})\s*(?:-|/|\.|年)\s*0?%d\s*(?:-|/|\.|月)\s*0?%d(?!\d)" % (month, day), text):
        return int(m.group(1))
    return None


def _outlet(name: Optional[str]) -> Optional[str]:
    if not name or name in _NOT_OUTLETS:
        return None
    return name


def _line(head: str, pos: int) -> tuple[int, int]:
    start = head.rfind("\n", 0, pos) + 1
    end = head.find("\n", pos)
    return start, len(head) if end < 0 else end


def _iso_of(m) -> Optional[str]:
    time = (int(m.group("h")), int(m.group("mi")), int(m.group("s") or 0)) if m.group("h") else None
    return _iso(int(m.group("y")), int(m.group("mo")), int(m.group("d")), time)


def _iso(year: int, month: int, day: int, time: Optional[tuple[int, int, int]] = None) -> Optional[str]:
    """ISO 8601 of a date (and time); None for an impossible one (2月30日)."""
    import datetime

    try:
        date = datetime.date(year, month, day)
        if time is None:
            return date.isoformat()
        return datetime.datetime.combine(date, datetime.time(*time)).isoformat()
    except ValueError:
        return None
