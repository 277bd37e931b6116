"""Context of a figure: its sentence, reference year, region and subject.

Everything is computed from one pass per document (sentence ends, year mentions, place
names, indicator keywords) and looked up per figure with bisect, so a figure's context
costs the same in a 1 KB article and in a 10 MB file without a line break. Windows are
capped (MAX_SENTENCE), so a record never carries a megabyte-long "sentence".
"""

from __future__ import annotations

import bisect
import functools
from typing import Optional, Sequence

import regex

from ..finding.tokenize import Tokenizer
from ..pack.compiled import REGEX_TIMEOUT, Compiled
from .spans import MAX_SENTENCE, inside
from .years import YearScope

# How far past a place name its suffix may reach (郑州|都市圈, Jilin| Province): every
# per-figure match gets an end, so its cost does not grow with the rest of the input.
REGION_SUFFIX_REACH = 48
# How far past a figure or a place the words after it are matched (the same reason).
MATCH_REACH = 80

_SENTENCE_END = regex.compile(
    r"[。！？!?\n]|(?<=[A-Za-z0-9%)\]\"”'’])\.(?=\s+[A-Z\"“\[(]|\s*$)|(?<=\S)\s-\s(?=\S)")
_HAN = regex.compile(r"\p{Han}+")
_HAN_TAIL = regex.compile(r"\p{Han}*$")
_SEMICOLON = regex.compile(r"[；;]")
# Regions: a comparison base just before a place (高于全国, 比上年, 占全省), words after a
# place that make it a station, road or park, a place right after a figure (59.22%的河南),
# places listed with 、 and a count right after them, and 分别 (respectively).
_BASE_BEFORE = regex.compile(
    r"(?:比|较|高于|低于|快于|慢于|超过|占|(?i:than|above|below|against|(?P<share>(?:%|percent|per\s+cent)\s+of)))\s*$")
# After a place: a rank among its peers (全国首条, 全省第一), not a figure about it.
_RANK_AFTER = regex.compile(r"(?:首|第一|前列|领先|率先|之最)")
_NOT_A_PLACE_AFTER = regex.compile(
    r"(?:东|西|南|北)?(?:站|路|大道|大街|机场|港|码头|公园|大桥|隧道|枢纽|线|平均)|(?i:\s+(?:station|airport|road|avenue|"
    r"street|port|park|bridge|line)\b)")
_RIGHT_AFTER = regex.compile(r"\s?(?:的|之|(?i:of|in|for))?\s?")
_LIST_END = regex.compile(r"\s?(?:等)?\s?")
_LIST_JOINT = regex.compile(r"\s?(?:[、,，和与及]|(?i:,?\s*and))\s?")
_MEMBERS_AFTER = regex.compile(r"[^，,。;；]{0,40}?(?:[，,]\s*(?:包括|including|such\s+as|among\s+them)|[（(]|：)", regex.IGNORECASE)
_BETWEEN_BEFORE = regex.compile(r"(?i:\b(?:between|connects?|connecting|links?|linking|joins?|joining))\s+$")
_BETWEEN_AFTER = regex.compile(r"\s?(?:之间|间|(?i:of\s+each\s+other))")
# From X to Y: in English the figure is about X (from Changchun to Changbai Mountain); a
# Chinese X至Y route (广州至佛山30分钟) joins two places like 之间 does.
_TO_JOINT = regex.compile(r"(?i:\s+to\s+)")
_ROUTE_JOINT = regex.compile(r"\s?(?:至|到|往)\s?")
_RESPECTIVELY = regex.compile(r"分别|(?i:respectively)")
_NATIONAL = regex.compile(r"国家级|全国性|(?i:\bnational(?:ly|-level)?\b|\bthe\s+(?:country|nation)\b)")
_EN_WORDS_AFTER = regex.compile(r"(?:\s+[A-Za-z-]+){1,3}")
#: What region() returns for a national figure whose sentence does not name the country.
NATION = "\x00nation"



def place_span(folded: str, c: Compiled, start: int, end: int) -> tuple[int, int]:
    """A place name found at [start, end) with its suffix: 郑州 + 都市圈, Jilin + Province."""
    if folded[start:end].lower() in c.nation_names:
        return start, end  # 全国县城: the country, not a county named 全国
    m = c.region_suffix.match(folded, end, end + REGION_SUFFIX_REACH)
    if m is None or (m.end() - end == 1 and folded[end - 1] in "省市县区"):
        return start, end  # 浙江省|省长: the name has its suffix already
    return start, m.end()


def _per_document(method):
    """`method`, a pure function of a document's spans, worked out once per document and
    arguments: the figures of one sentence ask about the same places."""
    name = f"_memo{method.__name__}"

    @functools.wraps(method)
    def remembered(self, *args):
        memo = self.__dict__.setdefault(name, {})
        value = memo.get(args)
        if value is None:
            value = memo[args] = method(self, *args)
        return value
    return remembered


class DocumentContext:
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
        self.ends = [m.end() for m in _SENTENCE_END.finditer(folded, timeout=REGEX_TIMEOUT)]
        self.dating = YearScope(folded, excluded, spans_of_years, year_state, futures, articles)
        self.regions: list[tuple[int, int]] = []
        self.hits: list[tuple[int, int, tuple[str, ...]]] = []
        for start, end, term in c.lexicon.finditer(folded):
            if term in c.region_names:
                self.regions.append(place_span(folded, c, start, end))
            if term in c.keyword_metrics and not inside(start, end, excluded):
                self.hits.append((start, end, c.keyword_metrics[term]))
        self.region_starts = [s for s, _ in self.regions]
        self.hit_ends = [e for _, e, _ in self.hits]
        self.hit_starts = [s for s, _, _ in self.hits]
        self._figure_starts: list[int] = []
        self._starts: dict[int, int] = {}
        self._subjects: dict[int, tuple[int, int]] = {}

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

    # -- region -----------------------------------------------------------------------
    def region(self, start: int, end: int, left: int, right: int, kind: str) -> Optional[str]:
        """The place a figure is about (None: its sentence names none; "": none on purpose): the nearest place named before it in its sentence that
        is not a comparison base (高于全国), a station or road, or a dateline; a place right
        after it (达到59.22%的河南); null for a count of a list of places (洛阳、开封等8市);
        in a 分别 list, the place in the same position as the value."""
        i = bisect.bisect_left(self.region_starts, start) - 1
        while i >= 0 and self.regions[i][0] >= left:
            s, e = self.regions[i]
            if e <= start and not self._not_the_subject(s, e):
                respectively = _RESPECTIVELY.search(self.folded, e, start)
                if respectively is not None:
                    return self._respective(i, respectively.end(), start)
                if self._in_a_list(i) and _RESPECTIVELY.search(self.folded, end, right):
                    return self._respective(i, e, start)  # X and Y stood at 75.6% and 74.8%, respectively
                if kind == "count" and self._listed(s, e, start):
                    return ""
                if kind in ("duration", "length"):
                    # 广州与佛山之间, connect Guangzhou and Shenzhen in 29 minutes, from Hefei to
                    # Shanghai: a route between two places is about neither; from X to a
                    # destination that is no place (Changbai Mountain) is about X.
                    if self._between(i):
                        return ""
                    if i > 0 and _TO_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s):
                        return ""
                if not self._in_a_list(i):  # Shanghai, Jiangsu, Zhejiang and Anhui: none of them alone
                    return self._region_text(i)
            i -= 1
        if _NATIONAL.search(self.folded, left, self._words_end(end)):
            return NATION  # 17 national-level metropolitan areas: the country, as the headline names it
        if kind == "count" and _MEMBERS_AFTER.match(self.folded, end, end + MATCH_REACH):
            return ""  # ten regions, including ...: a group with no name of its own
        i = bisect.bisect_left(self.region_starts, end)
        if i < len(self.regions) and _RIGHT_AFTER.fullmatch(self.folded, end, self.regions[i][0]) \
                and not self._not_the_subject(*self.regions[i]) and self.folded[self.regions[i][1]:][:1] != "-":
            return self._region_text(i)  # 达到59.22%的河南; not the 116-kilometer Shenzhen-Jiangmen railway
        return None

    @_per_document
    def _not_the_subject(self, s: int, e: int) -> bool:
        """A comparison base (高于全国, 占全省, 6% of the nation's grain), a station, road or park
        (郑州东站), or a dateline (BEIJING, Oct. 16): named near a figure but not what it is about."""
        base = _BASE_BEFORE.search(self.folded, max(0, s - 12), s)
        if base is not None and base.group("share") and self.folded[s:e].lower() not in self.c.nation_names:
            base = None  # 60% of Sichuan's residents: a share of Sichuan's, about Sichuan
        return bool(base or _NOT_A_PLACE_AFTER.match(self.folded, e, e + MATCH_REACH)
                    or _RANK_AFTER.match(self.folded, e, e + MATCH_REACH)
                    or (self.text[s:e].isupper() and self.text[s:e].isascii()))

    def _words_end(self, end: int) -> int:
        """The end of the English words right after a figure (national-level metropolitan areas)."""
        m = _EN_WORDS_AFTER.match(self.folded, end, end + MATCH_REACH)
        return m.end() if m else end

    def _between(self, i: int) -> bool:
        """Is place i one of a pair that a figure lies between (X与Y之间, between X and Y)?"""
        s, e = self.regions[i]
        if i > 0 and _ROUTE_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s):
            return True
        if i + 1 < len(self.regions) and _ROUTE_JOINT.fullmatch(self.folded, e, self.regions[i + 1][0]):
            return True
        first = i - 1 if i > 0 and _LIST_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s) else i
        return bool(_BETWEEN_BEFORE.search(self.folded, max(0, self.regions[first][0] - 14), self.regions[first][0])
                    or _BETWEEN_AFTER.match(self.folded, e, e + MATCH_REACH))

    @_per_document
    def _in_a_list(self, i: int) -> bool:
        s, e = self.regions[i]
        before = i > 0 and _LIST_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s)
        after = i + 1 < len(self.regions) and _LIST_JOINT.fullmatch(self.folded, e, self.regions[i + 1][0])
        return bool(before or after)

    def _listed(self, s: int, e: int, start: int) -> bool:
        """Is the place the last of a list that the count right after it counts (洛阳、开封、新乡等8市)?"""
        return bool(_LIST_END.fullmatch(self.folded, e, start)) and s > 0 and self.folded[s - 1] in "、,，和与及"

    def _respective(self, i: int, after: int, start: int) -> Optional[str]:
        """The place in the list ending with place i whose position is the figure's among the
        values after 分别 (甲、乙、丙三市…分别为71.2%、65.4%、58.9%)."""
        places = [i]
        while places[0] > 0:
            s, _ = self.regions[places[0]]
            ps, pe = self.regions[places[0] - 1]
            if not _LIST_JOINT.fullmatch(self.folded, pe, s):
                break
            places.insert(0, places[0] - 1)
        position = bisect.bisect_left(self._figure_starts, start) - bisect.bisect_left(self._figure_starts, after)
        return self._region_text(places[position]) if 0 <= position < len(places) and len(places) > 1 else ""

    def _region_text(self, i: int) -> str:
        s, e = self.regions[i]
        return self.text[s:e]

    def region_spans_before(self, start: int) -> Optional[int]:
        """End of the place name closest before `start`, for trimming subjects."""
        i = bisect.bisect_left(self.region_starts, start) - 1
        return self.regions[i][1] if i >= 0 and self.regions[i][1] <= start else None

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
        m = _HAN.match(self.folded, unit_end, unit_end + 16)
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
