"""Context of a figure: its sentence, reference year, region (regions.py) and subject.

Everything is computed from one pass per document (sentence ends, year mentions, place
names, indicator keywords) and looked up per figure with bisect, so a figure's context
costs the same in a 1 KB article and in a 10 MB file without a line break. Windows are
capped (MAX_SENTENCE), so a record never carries a megabyte-long "sentence".
"""

from __future__ import annotations

import bisect
from typing import Optional, Sequence

import regex

from ..finding.scan import BlanksBeforeMark, scan
from ..finding.tokenize import Tokenizer
from ..pack.compiled import REGEX_TIMEOUT, Compiled
from .spans import MAX_SENTENCE, inside
from .regions import PlaceLookups, hyphenated_groups, place_span, without_bare_directions
from .tables import ColumnLabels
from .years import YearScope


# Where sentences end, in two passes (finding/scan.py): punctuation and line breaks; and a
# dash between words (a digest's "Jilin - The province ..."), looked for from each dash, not
# at every blank of English text (4x faster than one pattern of both).
_SENTENCE_END_PASSES = (
    regex.compile(r"(?=[。！？!?\n.])(?:[。！？!?\n]|(?<=[A-Za-z0-9%)\]\"”'’])\.(?=\s+[A-Z\"“\[(]|\s*$))"),
    BlanksBeforeMark(regex.compile(r"(?<=\S)\s-\s(?=\S)"), "-", "\n"))
_HAN = regex.compile(r"\p{Han}+")
# The words after a count, with a short gloss in parentheses inside them (3条市域（郊）铁路, 20个县（市）).
_HAN_WORDS = regex.compile(r"\p{Han}+(?:[（(]\p{Han}{1,4}[）)]\p{Han}*)*")
_HAN_TAIL = regex.compile(r"\p{Han}*$")
_SEMICOLON = regex.compile(r"[；;]")


def listed_places(folded: str, c: Compiled, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`regions` with the county names kept only with their prefecture (宜城市) that stand between
    two places of a list (枣阳市、宜城市、南漳县): there they are places, as a 分别 list needs each."""
    out = []
    for k, (s, e) in enumerate(regions):
        out.append((s, e))
        if folded[e:e + 1] == "、" and k + 1 < len(regions):
            m = c.listed_only.match(folded, e + 1, regions[k + 1][0])
            if m is not None and folded[m.end():m.end() + 1] == "、" and regions[k + 1][0] == m.end() + 1:
                out.append((m.start(), m.end()))
    return out


class DocumentContext(PlaceLookups):
    """Per-document lookups: sentences, years (self.dating), regions, keywords and subjects of figures."""

    def __init__(self, text: str, folded: str, c: Compiled, tokenizer: Tokenizer,
                 excluded: Sequence[tuple[int, int]], spans_of_years: Sequence[tuple[int, int, int, int]],
                 year_state: Optional[dict] = None, futures: Sequence[tuple[int, int]] = (),
                 articles: Sequence[tuple[int, Optional[int], Optional[int]]] = ()):
        """`excluded`: outlet lines (no context comes from them); `spans_of_years`: periods
        such as 2021—2025年, whose years are not the reference year of nearby figures;
        `year_state`, `futures`, `articles`: what dates figures (YearScope)."""
        self.text = text
        self.folded = folded
        self.c = c
        self.tokenizer = tokenizer
        self.ends = [m.end() for m in scan(_SENTENCE_END_PASSES, folded, REGEX_TIMEOUT)]
        self.dating = YearScope(folded, excluded, spans_of_years, year_state, futures, articles)
        self.labels = ColumnLabels(folded, self.hits_within)  # what stands above a table's cells
        self.regions: list[tuple[int, int]] = []
        self.hits: list[tuple[int, int, tuple[str, ...]]] = []
        for start, end, term in c.lexicon.finditer(folded):
            if term in c.region_names:
                self.regions.append(place_span(folded, c, start, end))
            if term in c.keyword_metrics and not inside(start, end, excluded):
                self.hits.append((start, end, c.keyword_metrics[term]))
        self.regions = hyphenated_groups(folded, without_bare_directions(folded, listed_places(folded, c, self.regions)))
        self.region_starts = [s for s, _ in self.regions]
        self.hit_ends = [e for _, e, _ in self.hits]
        self.hit_starts = [s for s, _, _ in self.hits]
        self._figure_starts: list[int] = []
        self._starts: dict[int, int] = {}
        self._subjects: dict[int, tuple[int, int]] = {}
        self.place_memo = {}

    def set_figures(self, spans: list[tuple[int, int]]) -> None:
        """The spans of every figure of the document, sorted, for year binding and 分别 lists."""
        self.dating.set_figures(spans)
        self._figure_starts = [s for s, _ in spans]

    # -- sentence ---------------------------------------------------------------------
    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """(left, right) of the sentence holding text[start:end], capped at MAX_SENTENCE.

        A figure's context is looked up within these bounds: callers compute them once
        per figure and pass them on."""
        return self.sentence_start(start), self.sentence_end(end)

    def sentence_start(self, start: int) -> int:
        left = self._starts.get(start)
        if left is None:
            i = bisect.bisect_right(self.ends, start)
            left = max(self.ends[i - 1] if i > 0 else 0, start - MAX_SENTENCE)
            while left < start and self.text[left] in " \t\r\n-":
                left += 1
            self._starts[start] = left
        return left

    def sentence_end(self, end: int) -> int:
        j = bisect.bisect_left(self.ends, end)
        return min(self.ends[j] if j < len(self.ends) else len(self.text), end + MAX_SENTENCE)

    def clause(self, start: int, end: int, left: int, right: int) -> str:
        """The folded sentence of a figure up to the semicolon after it: the scope of a sentence
        keyword, which reaches the items of a list after it (首批60个试点县中，东部18个；…31个)."""
        semicolon = _SEMICOLON.search(self.folded, end, right)
        return self.folded[left:semicolon.end() if semicolon else right]

    def sentence(self, left: int, right: int) -> str:
        return self.text[left:right].strip()

    # -- keywords ---------------------------------------------------------------------
    def keywords_before(self, start: int, left: int, limit: int = 4) -> list[tuple[int, int, tuple[str, ...]]]:
        """Up to `limit` keywords that end before `start` in its sentence, nearest first."""
        i = bisect.bisect_right(self.hit_ends, start) - 1
        found = []
        while i >= 0 and len(found) < limit:
            hit = self.hits[i]
            if hit[0] < left:
                break
            if hit[1] <= start:
                found.append(hit)
            i -= 1
        return found

    def keyword_after(self, end: int, right: int, named: bool = False) -> Optional[tuple[int, int, tuple[str, ...]]]:
        """The first keyword that starts at or after `end` in its sentence (with `named`, the
        first that names a metric, past plain indicators: 1亿非户籍人口在城市落户)."""
        i = bisect.bisect_left(self.hit_starts, end)
        while i < len(self.hits) and self.hits[i][0] < right:
            if self.hits[i][2] or not named:
                return self.hits[i]
            i += 1
        return None

    def hits_within(self, start: int, end: int) -> list[tuple[int, int, tuple[str, ...]]]:
        """The keywords written inside text[start:end] (a figure's own words)."""
        i = bisect.bisect_right(self.hit_ends, start)
        found = []
        while i < len(self.hits) and self.hits[i][1] <= end:
            if self.hits[i][0] >= start:
                found.append(self.hits[i])
            i += 1
        return found

    # -- subject ----------------------------------------------------------------------
    def subject_after(self, unit_end: int) -> Optional[tuple[int, int]]:
        """The noun a Chinese count is of: 20个|新型城镇化试点县|，-> 新型城镇化试点县."""
        m = _HAN_WORDS.match(self.folded, unit_end, unit_end + 16)
        if not m:
            return None
        window = self.folded[unit_end:m.end()]
        length = 0
        for token in self.tokenizer.cut(window, hmm=False):
            if token in self.c.subject_stops:
                break
            length += len(token)
            if length >= 12:
                break
        if length == 0:
            return None
        return unit_end, unit_end + length

    def subject_before(self, hit: tuple[int, int, tuple[str, ...]]) -> tuple[int, int]:
        """An indicator keyword with the words written before it: 长春|汽车产业集群产值 -> 汽车产业集群产值."""
        span = self._subjects.get(hit[0])
        if span is None:
            span = self._subjects[hit[0]] = self._subject_before(hit)
        return span

    def _subject_before(self, hit: tuple[int, int, tuple[str, ...]]) -> tuple[int, int]:
        h_start, h_end, _ = hit
        if not _HAN.match(self.folded, h_start, h_start + 1):
            return h_start, h_end
        floor = max(h_start - 10, self.sentence_start(h_start))
        region_end = self.region_spans_before(h_start + 1)
        if region_end is not None and region_end <= h_start:
            floor = max(floor, region_end)
        head = self.folded[floor:h_start]
        han = _HAN_TAIL.search(head)
        head = han.group() if han else ""
        tokens = self.tokenizer.cut(head, hmm=False) if head else []
        start = h_start
        for token in reversed(tokens):
            if token in self.c.subject_stops or len(token) == 1 and token in "年月日全该其":
                break
            start -= len(token)
        return start, h_end
