"""Articles of an input: the digest format of several articles, or one plain article.

A digest (as saved from news search tools) is a topic line, then repeated blocks of a
headline line, an outlet line "Outlet· YYYY-MM-DD HH:MM", and a body. Each block becomes
an article with its title, source and ISO 8601 published time; offsets stay relative to
the whole input. The outlet lines themselves hold no figures (their numbers are dates).
A plain text is one article whose title is its first line when that line reads as a
headline; its date and outlet come from the page's <meta> tags when the caller has them,
else from its own dateline (dateline.py), whose span then gives no records either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

_OUTLET = regex.compile(
    r"^(?P<source>[^\n·]{1,80}?)\s*·\s*(?P<date>\d{4}-\d{2}-\d{2})(?:\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?[ \t]*$",
    regex.MULTILINE)
_SENTENCE_END = regex.compile(r"[。！？!?.;；]\s*$")


@dataclass(frozen=True)
class ArticleSpan:
    index: Optional[int]
    title: Optional[str]
    source: Optional[str]
    published: Optional[str]
    start: int
    end: int

    @property
    def published_year(self) -> Optional[int]:
        """The year of the dateline, the "today" of the article's targets (到2025年)."""
        return int(self.published[:4]) if self.published and self.published[:4].isdigit() else None


def _line_before(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the non-empty line that ends right before `pos` (a line start)."""
    end = pos - 1 if pos > 0 else 0
    while end > 0 and text[end - 1] in "\r\n \t":
        end -= 1
    start = text.rfind("\n", 0, end) + 1
    return start, end


def _iso(date: str, time: Optional[str]) -> str:
    if not time:
        return date
    if time.count(":") == 1:
        time += ":00"
    hours, rest = time.split(":", 1)
    return f"{date}T{int(hours):02d}:{rest}"


def split_articles(text: str, published: Optional[str] = None,
                   source: Optional[str] = None) -> tuple[list[ArticleSpan], list[tuple[int, int]]]:
    """The articles of `text` and the outlet-line and dateline spans that must give no records.

    `published` and `source` (an HTML page's <meta>) win over a single article's dateline.
    """
    outlets = list(_OUTLET.finditer(text))
    heads = []
    for m in outlets:
        title_start, title_end = _line_before(text, m.start())
        if title_end > title_start:
            heads.append((title_start, title_end, m))
    if not heads:
        return _plain(text, published, source)
    articles = []
    for i, (title_start, title_end, m) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        articles.append(ArticleSpan(
            index=i, title=text[title_start:title_end].strip(), source=m.group("source").strip(),
            published=_iso(m.group("date"), m.group("time")), start=title_start, end=end))
    return articles, [m.span() for _, _, m in heads]


def _plain(text: str, published: Optional[str], source: Optional[str]) -> tuple[list[ArticleSpan], list[tuple[int, int]]]:
    from .dateline import find_dateline

    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    looks_like_headline = 0 < len(first) <= 80 and rest.strip() != "" and not _SENTENCE_END.search(first)
    dateline = find_dateline(text)
    excluded = []
    if dateline is not None:
        published = published or dateline.published
        source = source or dateline.source
        excluded.append((dateline.start, dateline.end))
    return [ArticleSpan(None, first if looks_like_headline else None, source, published, 0, len(text))], excluded
