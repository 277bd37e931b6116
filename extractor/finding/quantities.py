"""Quantity recognition: a number, its unit or classifier, its hedges, and ranges.

Numbers are found with one regex pass over folded text, never with the tokenizer (jieba
splits 1.2|万亿元 and ５|.|２|%). Each number then looks right for a unit (rules/units.toml),
past a hedge written before it (800万左右农业转移人口), left for a currency sign or a hedge,
and, when it has no unit of its own, for a range partner that has one (3至5个, 100万—200万人),
a list that writes it once at the end (150万—250万、450万以上人口), an indicator that implies
one (GDP突破5.4万亿, 1.8万亿的社会投资) or an earlier figure it is set against (twelve
provinces ..., against seven in 2019).
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Callable, Iterator, Optional

import regex

from ..pack.compiled import (
    EN_NOT_PLURAL,
    EN_STOPWORDS,
    REGEX_TIMEOUT,
    Compiled,
    UnitForm,
)
from .numbers import CN_BIG_UNITS, CN_DIGITS, CN_SMALL_UNITS, parse_number
from .scan import scan

log = logging.getLogger(__name__)

MAX_NUMBER_CHARS = 40          # no real figure is written with more characters than this
MAX_DIGITS = 18                # larger values are not figures (and would overflow a float)
IMPLIED_REACH = 100            # how far back an indicator may imply a bare number's unit
# Bare numbers' windows are scanned for indicators one by one until they add up to this many
# times the document's length (half: a dense run pays at most 1.5 scans, an article with few
# figures never more than its windows); then the document is scanned once (_indicators_within).
INDICATOR_SCAN_BUDGET = 0.5
# How far past a number the patterns that look right of it may read. A `regex` match given
# only a start position first checks the pattern's required literal ("and", a unit word)
# against the whole rest of the text: 1.4 µs on 3 K characters, 0.7 ms on 1 M. Every
# per-figure match is given an end as well, so its cost does not grow with the input.
LOOK_RIGHT = 64
# 大写 digits that are also everyday words (大陆, 队伍) count only next to another numeral.
_WORDLIKE_DIGITS = frozenset("陆伍肆")
_SCALE = regex.compile(r"[万亿]|(?i:hundred|thousand|million|billion|trillion|bn|mn|tn)")
_TRAILING_SCALE = regex.compile(r"(?:[万亿]+|(?i:\s?(?:thousand|million|billion|trillion|bn|mn|tn)))$")
_RANGE = regex.compile(r"\s{0,2}(?:-{1,2}|—{1,2}|–|~|至|到|(?i:to)(?=\s))\s{0,2}")
_BETWEEN = regex.compile(r"(?i)\bbetween\s$")
_AND = regex.compile(r"(?i)\s+and\s+")
# The words after a number (38 new cities), hard-wrapped or not, but never across a blank line.
_EN_WORDS = regex.compile(r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)([A-Za-z][A-Za-z'’\-]*)")
_GROUPED = regex.compile(r"[0-9][, ][0-9]{3}")  # 200,000 is an amount as surely as 20万
_YEARLIKE = regex.compile(r"(?:19|20)\d\d")
_CLAUSE_END = regex.compile(r"[。；;！？!?\n]")
_SENTENCE_END = regex.compile(r"[。；;！？!?\n]|\.(?![0-9])")
_NOUN_AFTER = regex.compile(r"\s+((?:[A-Za-z][\w\-]*\s+){0,4}?[A-Za-z][\w\-]*s)\b")
_FROM = regex.compile(r"(?i)\b(?:from|by)\s")
_FROM_TO = regex.compile(r"(?i)[^0-9]{0,30}?\bto\s+(?:(?:about|nearly|around|over|more than|almost|roughly|some)\s+)?")
# A second figure set against the first, its noun left out: "up from 54", "up 1.4 million",
# "Twelve provinces ..., against seven in 2019", "compared with 12", "943.5 million, an increase of
# 10.83 million over the previous year".
_COMPARED = regex.compile(r"(?i)[^.;]{0,30}?,?\s*\b(?:(?:up|down)(?:\s+(?:from|by))?|against|compared\s+(?:with|to)"
                          r"|versus|vs\.?|of\s+(?:whom|which)|(?:rise|rose|risen|grow|grew|grown|increase|increased"
                          r"|fall|fell|fallen|drop|dropped|decline|declined)\s+by"
                          r"|an?\s+(?:net\s+)?(?:increase|rise|gain|decrease|decline|drop|fall)\s+of)"
                          r"\s+(?:(?:about|nearly|around|over|more than|almost|roughly|some)\s+)?")

# Items of a list or a chain of ranges that write their unit once, at the end.
_LIST_GAP = regex.compile(r"\s{0,2}(?:、|和|及|与|或|-{1,2}|—{1,2}|–|~|至|到)\s{0,2}")
_LIST_STARTS = frozenset(" 、和及与或-—–~至到")
MAX_LIST_ITEMS = 12

#: Zero-width and bidi control characters: invisible, so text may hide them inside a number.
INVISIBLE = frozenset("\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d"
                      "\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff")
_NUMERAL_CHARS = frozenset("0123456789.,点" + "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS))
_MINUS = ("-", "负")
_ARABIC_DIGITS = frozenset("0123456789")
_LETTER = regex.compile(r"[^\W\d_]")
_LAST_LETTER = regex.compile(r"(?r)[^\W\d_]")
_BREAK = regex.compile(r"[。；;！？!?\n，,]")
ONE_WORDS = frozenset({"one", "a", "an", "一", "单"})


# Quiet numbers (see QuietNumbers): the separators of a run of bare figures, and the white
# space that may stand around them (characters every regex here reads as \s).
_RUN_SEPARATORS = ",;|。"
_BLANKS = frozenset(" \t\r\n\u3000")
_BLANK_REACH = 8
_FIGURE_ENDS = "%"  # what ends the figure before a quiet number, and reads nothing after it


def quiet_edges(c: Compiled) -> tuple[frozenset, frozenset]:
    """(before, after): the characters that may stand right before and right after a quiet
    number. After it: digits and the separators of a run of figures, less every character a
    unit, an in-between hedge or a hedge after a number starts with (case-insensitive), and
    the list and range marks. Before it, these and the ends of figures (`%` of the table row
    before: 12.5%\n13), less every character a currency sign, a hedge or a veto before a
    number ends with. Kept on the compiled pack; empty (no fast path) when a form of the pack
    starts or ends with white space."""
    edges = c.__dict__.get("_quiet_edges")
    if edges is None:
        after = [*c.suffix_forms, *c.qualifier_after_map, *c.qualifier_inside]
        starts = {ch for f in after if f for ch in (f[0].lower(), f[0].upper())}
        ends = {ch for f in [*c.prefix_forms, *c.qualifier_before_map] if f for ch in (f[-1].lower(), f[-1].upper())}
        ends.update(*(words.last_chars for words in (c.veto_before, c.vague_before, c.rank_before)))
        runs = frozenset("0123456789" + _RUN_SEPARATORS) - _LIST_STARTS
        edges = ((runs - starts).union(_FIGURE_ENDS) - ends, runs - starts - ends)
        if any(ch.isspace() for ch in starts | ends):
            edges = (frozenset(), frozenset())
        c.__dict__["_quiet_edges"] = edges
    return edges


def _scaled(text: str) -> bool:
    """Is the number written with a magnitude (20万, 2.5 million) or grouped (200,000)? Then
    the indicators that ask for one (GDP, 人口) may give it its unit."""
    return bool(_SCALE.search(text) or _GROUPED.search(text))


class QuietNumbers:
    """Tells, per match of the number scan, whether it is a quiet number: one that can never
    become a figure nor help one, so that it is dropped before any object is built for it.

    Digits alone (1,200 or 3.5 included) are quiet when the nearest character on each side,
    past at most a few blanks, is a digit or a separator of a run of figures (`quiet_edges`),
    and no indicator in their clause can give them a unit (`indicator_before`, asked only
    when a letter stands in the IMPLIED_REACH characters before them). Then no unit, hedge,
    English noun, range or list mark follows (every one starts with a character that is not
    an edge), no currency sign, hedge, veto, range or list mark precedes, and no "up from"
    can name them (its words would end right before them): QuantityFinder would find nothing
    in them, and nothing in a neighbour changes with them gone (each test of a neighbour that
    reaches them needs a range or list mark between). A number-dense input (1,1,1,…, a table
    dump) was 9 µs of Python per number; a quiet one costs a few comparisons, and within a
    run (each match starting where the one before left off) the look-back for letters is not
    made again. The cells of a labelled table (北京市 | 12,345 | 5.6) have a word in reach:
    they cost a look for indicators in their clause, still a fraction of the full path."""

    __slots__ = ("folded", "before", "edges", "run_end", "free_from", "indicator_before")

    def __init__(self, folded: str, edges: tuple[frozenset, frozenset],
                 indicator_before: Callable[[int, bool], object]):
        self.folded = folded
        self.before, self.edges = edges
        self.indicator_before = indicator_before
        self.run_end = -1   # where a match continuing the current run starts
        self.free_from = 0  # no letter in folded[free_from:run_end]

    def skips(self, m: regex.Match) -> bool:
        start, end = m.span()
        folded, edges = self.folded, self.edges
        if not "0" <= folded[end - 1] <= "9" or not m.group().isascii():
            return False  # a Chinese numeral, a magnitude (万, million) or an English word
        if start != self.run_end:
            k = start - 1
            while k >= 0 and folded[k] in _BLANKS and start - k <= _BLANK_REACH:
                k -= 1
            if k >= 0 and folded[k] not in self.before:
                return False
            reach = start - IMPLIED_REACH if start > IMPLIED_REACH else 0
            letter = _LAST_LETTER.search(folded, reach, start)
            self.free_from = reach if letter is None else letter.end()
        j, size = end, len(folded)
        while j < size and folded[j] in _BLANKS and j - end < _BLANK_REACH:
            j += 1
        if j < size:
            if folded[j] not in edges:
                return False
            self.run_end = j if "0" <= folded[j] <= "9" else j + 1
        if self.free_from <= (start - IMPLIED_REACH if start > IMPLIED_REACH else 0):
            return True
        return self.indicator_before(start, _scaled(m.group())) is None


@dataclass(slots=True)
class Quantity:
    """A quantity found in folded text; offsets are shared with the original text."""

    start: int
    end: int
    kind: str
    value: Decimal
    unit: Optional[str]
    qualifier: Optional[str] = None
    subject_span: Optional[tuple[int, int]] = None  # the noun written with it (38 new cities)
    chinese: bool = False       # written with Chinese numerals: the tokenizer may veto it
    unit_end: int = -1          # where the unit or classifier ends (the subject follows)
    factor: Decimal = Decimal(1)  # the unit's factor: a range partner's number times it is its value
    bare_currency: bool = False   # money written with 元 alone: its currency is its place's (local_currency)


@dataclass(slots=True)
class _Number:
    start: int
    end: int
    text: str
    value: Decimal
    qualifier: Optional[str]
    chinese: bool
    english_words: bool
    percent_words: bool
    half: bool


def _scale_of(text: str) -> Optional[Decimal]:
    """The magnitude a number ends with (万, 亿, 万亿, million...), to lend to a range's low end."""
    match = _TRAILING_SCALE.search(text)
    if not match:
        return None
    return parse_number("1 " + match.group().strip())


class QuantityFinder:
    """Finds quantities in one folded document. `veto(start, end)` lets the tokenizer drop
    a Chinese-numeral span whose edge falls inside a word (千家万户)."""

    def __init__(self, c: Compiled, folded: str, veto: Callable[[int, int], bool]):
        self.c = c
        self.folded = folded
        self.veto = veto
        self._seen: dict[int, Optional[Quantity]] = {}
        # numbers[lo + 1 .. hi] continue the list through numbers[lo] (a list gap before each,
        # the same magnitude) and have no unit: what _list_model has read already.
        self._list_run = (-1, -1)
        self._counted: Optional[Quantity] = None
        self._indicators: Optional[tuple[list[int], list[int], list[str]]] = None
        self._breaks: Optional[list[int]] = None
        self._window_chars = 0  # characters of the windows scanned for indicators one by one

    # -- numbers ----------------------------------------------------------------------
    def _numbers(self) -> list[_Number]:
        out: list[_Number] = []
        quiet = QuietNumbers(self.folded, quiet_edges(self.c), self._indicator_before)
        try:
            for m in scan(self.c.number_passes, self.folded, REGEX_TIMEOUT):
                if quiet.skips(m):
                    continue
                number = self._number(m)
                if number is not None:
                    out.append(number)
        except TimeoutError:
            log.warning("number scan timed out after %.0f s; later figures are skipped", REGEX_TIMEOUT)
        return out

    def _number(self, m: regex.Match) -> Optional[_Number]:
        text = m.group()
        if len(text) > MAX_NUMBER_CHARS:
            return None
        start, end = m.span()
        if self._split_by_invisible(start, end):
            return None
        group = m.lastgroup  # the alternatives are exclusive: pctw, half, an, bare, en or num
        if group == "pctw":  # 百分之六十 is 60%, 千分之七点五 is 0.75%
            value = parse_number(m.group("pctn"))
            if value is not None and m.group("per") == "千":
                value /= 10
            return None if value is None else _Number(start, end, text, value, None, True, False, True, False)
        if group == "half":  # 半小时, half an hour
            chinese = text == "半"
            return _Number(start, end, text, Decimal("0.5"), None, chinese, not chinese, False, True)
        if group == "an":  # within an hour
            return _Number(start, end, text, Decimal(1), None, False, True, False, False)
        if group == "bare":  # 逾万人, 近亿元, 破万亿: a magnitude standing alone after a hedge
            value = Decimal({"万": 10**4, "亿": 10**8, "万亿": 10**12}[text])
            return _Number(start, end, text, value, None, True, False, False, False)
        folded = self.folded
        after = folded[end:end + 1]
        before = folded[start - 1] if start else ""
        if group == "num":
            digits = text[0].isdigit()
            if not digits and after not in self.c.after_chinese_number and "万" not in text and "亿" not in text:
                return None  # 一 of 一体化, 十 of 十分: no unit, range or indicator can follow
            if before and before.isascii() and (before.isalnum() or before in "._/%=&?") and not self._after_acronym(start):
                return None  # part of an identifier, a longer token or a URL: G60, v3.0, %2D, ?q=30
            if after in (".", ":", "/") and folded[end + 1:end + 2].isdigit():
                return None  # a time, a date or a version: 9:30, 2024/10, 3.0.1
        if before and after and before in "[【(（" and after in "]】)）":
            return None  # a citation mark or a list marker: [2], (1), （三）
        if len(text) == 1 and text in _WORDLIKE_DIGITS:
            return None
        qualifier = None
        core = text
        for mark, q in self.c.qualifier_inside.items():
            if mark in core:
                core = core.replace(mark, "")
                qualifier = q
        value = parse_number(core)
        if value is None or value.adjusted() > MAX_DIGITS:
            return None
        if before in _MINUS and (before == "负" or start < 2 or not (
                folded[start - 2].isascii() and folded[start - 2].isalnum() or folded[start - 2] in self.c.range_dash_after)):
            value, start = -value, start - 1  # 同比增长-6.8%, 负3.9%; 3-5 and 20亿-30亿元 are ranges
        english = group == "en"
        chinese = not english and _ARABIC_DIGITS.isdisjoint(text)
        return _Number(start, end, text, value, qualifier, chinese, english, False, False)

    def _split_by_invisible(self, start: int, end: int) -> bool:
        """Is the number at [start, end) one piece of a number cut by zero-width or bidi
        control characters (59.22% with a zero-width space after the 5, 20个 with a zero-width
        joiner after the 2)? Such a figure is dropped: read in pieces, it would have a wrong
        value (9.22, 0)."""
        folded = self.folded
        i = start
        while i and folded[i - 1] in INVISIBLE:
            i -= 1
        if i < start and i and (folded[i - 1] in _NUMERAL_CHARS):
            return True
        j = end
        while j < len(folded) and folded[j] in INVISIBLE:
            j += 1
        return j > end and j < len(folded) and folded[j] in _NUMERAL_CHARS

    def _after_acronym(self, start: int) -> bool:
        """Is the number glued to an indicator written in letters (GDP5.1万亿元), not an id (G60)?"""
        word_start = start
        while word_start and self.folded[word_start - 1].isascii() and self.folded[word_start - 1].isalpha():
            word_start -= 1
        if word_start and self.folded[word_start - 1].isascii() and self.folded[word_start - 1].isalnum():
            return False
        word = self.folded[word_start:start].lower()
        return word in self.c.implied_forms or word in self.c.keyword_metrics

    # -- vetoes and hedges ------------------------------------------------------------
    def _vetoed_before(self, start: int, chinese: bool = False, count: bool = False) -> bool:
        """Does a word right before `start` make the number no figure: an ordinal or a label
        (第, 每, Phase), vague 数 before a Chinese numeral, or a rank (top) before a count?"""
        c, folded = self.c, self.folded
        return (c.veto_before.search(folded, start) is not None
                or chinese and c.vague_before.search(folded, start) is not None
                or count and c.rank_before.search(folded, start) is not None)

    def _hedge_before(self, start: int) -> tuple[Optional[str], int]:
        m = self.c.qualifier_before.search(self.folded, start)
        if not m:
            return None, start
        return self.c.qualifier_before_map[m.group("q").lower()], m.start()

    def _hedge_after(self, end: int) -> Optional[str]:
        m = self.c.qualifier_after.match(self.folded, end, end + LOOK_RIGHT)
        if not m:
            return None
        return self.c.qualifier_after_map[m.group("q").lower()]

    # -- units ------------------------------------------------------------------------
    def _suffix(self, n: _Number) -> Optional[tuple[UnitForm, int, Optional[str]]]:
        m = self.c.suffix.match(self.folded, n.end, n.end + LOOK_RIGHT)
        if not m:
            return None
        form = self.c.suffix_forms.get(m.group("unit").lower())
        if form is None:
            return None
        rule = form.rule
        if rule.english and form.form[-1].isalpha() and self.folded[m.end():m.end() + 1].isalpha():
            return None  # "5 mu" is a unit, "5 museums" is not
        gap = m.group("gap")
        if "-" in gap and (not (rule.english or form.form.isascii()) or not rule.hyphen):
            return None  # 85-km railway, one-hour; 5-10公里 is a range
        if gap and not rule.english and "-" not in gap and n.chinese:
            return None  # 三 公里 is not how Chinese is written; a space means something else
        if rule.english and n.chinese:
            return None
        if not rule.english and n.english_words:
            return None
        if n.half and rule.kind != "duration":
            return None
        if rule.max_value is not None and n.value > rule.max_value:
            return None
        if form.follow is not None and not form.follow.match(self.folded, m.end(), m.end() + LOOK_RIGHT):
            return None
        if form.precede is not None and not form.precede.search(self.folded, max(0, n.start - 8), n.start):
            return None
        inside, hedge = m.group("inside", "hedge")
        if hedge:
            if rule.english:
                return None
            return form, m.end(), self.c.qualifier_after_map[hedge]
        return form, m.end(), self.c.qualifier_inside[inside] if inside else None

    def _prefix(self, start: int) -> Optional[tuple[UnitForm, int]]:
        m = self.c.prefix.search(self.folded, start)
        if not m:
            return None
        form = self.c.prefix_forms.get(m.group("unit").lower())
        if form is None:
            return None
        prefix_start = m.start()
        before = self.folded[prefix_start - 1] if prefix_start else ""
        if before.isascii() and before.isalpha():
            return None  # C$, A$, Mex$ are other dollars; XRMB is no currency (经费新台币 is one)
        return form, prefix_start

    def _english_noun(self, n: _Number) -> Optional[tuple[str, str, int, tuple[int, int]]]:
        """(kind, unit, end, subject span) for 38 new cities / 2.87 million urban residents."""
        if n.chinese or n.percent_words or not self.folded[n.end:n.end + 1].isspace():
            return None
        pos = n.end
        words: list[tuple[str, int, int]] = []
        for _ in range(6):
            m = _EN_WORDS.match(self.folded, pos, pos + LOOK_RIGHT)
            if not m:
                break
            word = m.group(1)
            if word.lower() in EN_STOPWORDS:
                break
            words.append((word, m.start(1), m.end(1)))
            pos = m.end()
            lower = word.lower().rstrip("'’")
            if lower in self.c.person_nouns:
                return "population", "person", m.end(1), (words[0][1], m.end(1))
            if (len(lower) > 2 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s", "’s"))
                    and lower not in EN_NOT_PLURAL):
                if lower in self.c.suffix_forms:
                    return None
                return "count", lower, m.end(1), (words[0][1], m.end(1))
            if len(words) >= 5:
                break
        return None

    def _implied(self, n: _Number) -> Optional[tuple[str, Optional[str], Optional[tuple[int, int]]]]:
        """(kind, unit, subject span) from an indicator before a bare number in its clause:
        常住人口达到9785万, GDP突破5.4万亿, the number of metropolitan areas rose to 17."""
        source = self._indicator_before(n.start, _scaled(n.text))
        return None if source is None else self._implied_entry(source[0], n, source[1], source[2])

    def _indicator_before(self, start: int, scaled: bool) -> Optional[tuple[object, int, Optional[tuple[int, int]]]]:
        """(implied entry, clause start, noun span in the clause) of the indicator that gives
        a bare number at `start` its unit, or None: the last one written in the number's
        clause (a rule's phrase ending right before it first). Entries that ask for a
        magnitude count only when the number is `scaled`."""
        window_start = max(0, start - IMPLIED_REACH)
        if not _LETTER.search(self.folded, window_start, start):
            return None  # no word, no indicator: a run of figures (a table dump, 1,2,3,...) asks no more
        last_break = self._break_before(window_start, start)
        if last_break >= 0 and self.folded[last_break] in ",，" and not self.folded[last_break + 1:start].strip():
            # The figure in apposition to its indicator: "China's urban population, 940 million".
            last_break = self._break_before(window_start, last_break)
        if last_break >= 0:
            window_start = last_break + 1
            if not _LETTER.search(self.folded, window_start, start):
                return None  # no word in its clause (北京市 | 12,345 | 5.6: the cells after the first)
        window = self.folded[window_start:start]
        for pattern, entry in self.c.implied_phrases:
            m = pattern.search(window)
            if m and (scaled or not entry.requires_scale):
                noun = m.span("noun") if "noun" in pattern.groupindex and m.group("noun") else None
                return entry, window_start, noun
        for form_end, form in reversed(self._indicators_within(window, window_start)):
            entry = self.c.implied_forms[form]
            if entry.requires_scale and not scaled:
                continue
            noun = None
            if entry.kind == "count":
                after = _NOUN_AFTER.match(window, form_end - window_start)
                if after:
                    noun = after.span(1)
            return entry, window_start, noun
        return None

    def _break_before(self, start: int, end: int) -> int:
        """Where the last clause break (。，, …) in folded[start:end] stands, or -1: looked up
        in the document's breaks, found once, not searched for in every number's window."""
        if self._breaks is None:
            self._breaks = [m.start() for m in _BREAK.finditer(self.folded)]
        i = bisect.bisect_left(self._breaks, end) - 1
        return self._breaks[i] if i >= 0 and self._breaks[i] >= start else -1

    def _indicators_within(self, window: str, start: int) -> list[tuple[int, str]]:
        """(end, folded form) of the indicators that imply a unit (GDP, 常住人口) written in
        `window` (folded[start:start + len(window)]), as a scan of the window alone finds them.

        Windows are scanned on their own until together they have cost as much as one scan
        of the document; then the document is scanned once and each window looked up by
        bisect. Windows of IMPLIED_REACH scanned again and again cost most of an English run
        of numbers, while a scan of a whole article with a few figures costs more than its
        windows. A window that cuts an indicator found by the document's scan, or that starts
        inside a word with one (where the window's scan sees a word start), is scanned on its
        own."""
        if self._indicators is None:
            if self._window_chars < len(self.folded) * INDICATOR_SCAN_BUDGET:
                self._window_chars += len(window)
                return self._scanned(window, start)
            found = list(self.c.implied_pattern.finditer(self.folded))
            self._indicators = ([m.start() for m in found], [m.end() for m in found], [m.group().lower() for m in found])
        starts, ends, forms = self._indicators
        end = start + len(window)
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_right(ends, end)
        if (lo and ends[lo - 1] > start) or (
                start and self.folded[start - 1].isascii() and self.folded[start - 1].isalpha()
                and self.c.implied_pattern.match(window) is not None):
            return self._scanned(window, start)
        return list(zip(ends[lo:hi], forms[lo:hi]))

    def _scanned(self, window: str, start: int) -> list[tuple[int, str]]:
        return [(start + m.end(), m.group().lower()) for m in self.c.implied_pattern.finditer(window)]

    def _implied_after(self, n: _Number) -> Optional[tuple[str, Optional[str], None]]:
        """(kind, unit, None) from an indicator right after a magnitude: 1.8万亿的社会投资."""
        if not _SCALE.search(n.text):
            return None
        m = self.c.implied_after.match(self.folded, n.end)
        if m is None:
            return None
        entry = self.c.implied_forms[m.group("k")]
        return entry.kind, entry.unit, None

    def _implied_entry(self, entry, n: _Number, window_start: int, noun: Optional[tuple[int, int]]):
        kind, unit, subject = entry.kind, entry.unit, None
        if noun is not None:
            subject = (window_start + noun[0], window_start + noun[1])
            words = self.folded[subject[0]:subject[1]].lower().split()
            if not words:
                return None  # a rule's noun group matched only white space: no unit to give
            unit = words[-1]
            if unit in self.c.person_nouns:
                kind, unit = "population", "person"
        if kind == "count" and n.value != n.value.to_integral_value():
            return None
        return kind, unit, subject

    # -- assembling -------------------------------------------------------------------
    def _quantity_of(self, n: _Number) -> Optional[Quantity]:
        """`_quantity(n)`, computed once per number: a range's high end and a list's last item
        are looked at before their own turn comes."""
        if n.start not in self._seen:
            self._seen[n.start] = self._quantity(n)
        return self._seen[n.start]

    def _quantity(self, n: _Number) -> Optional[Quantity]:
        """The quantity `n` starts, or None when it has no unit (it may still head a range)."""
        if n.percent_words:
            if self._vetoed_before(n.start, True):
                return None
            hedge, _ = self._hedge_before(n.start)
            return Quantity(n.start, n.end, "percentage", n.value, "%", hedge or self._hedge_after(n.end),
                            chinese=True, unit_end=n.end)
        kind = unit = subject = None
        value = n.value
        end = unit_end = n.end
        qualifier = n.qualifier
        suffix = self._suffix(n)
        money_sign_possible = not (n.chinese or n.english_words) and (suffix is None or suffix[0].rule.kind == "money")
        prefix = self._prefix(n.start) if money_sign_possible else None
        start = n.start
        if suffix is not None:
            form, end, inside = suffix
            kind, unit = form.rule.kind, form.rule.unit or form.form
            value = (value + form.add) * form.factor
            qualifier = qualifier or inside or form.rule.qualifier
            unit_end = end
            if prefix is not None and kind == "money":
                start = prefix[1]
                if form.form == "元":  # 新台币412亿元, 港币80亿元: 元 is the prefix's currency
                    unit = prefix[0].rule.unit
        elif prefix is not None and prefix[0].rule.kind == "money":
            kind, unit = "money", prefix[0].rule.unit
            start = prefix[1]
        else:
            noun = self._english_noun(n)
            if noun is not None:
                kind, unit, end, subject = noun
                unit_end = n.end
            else:
                implied = self._implied(n) or self._implied_after(n)
                if implied is None:
                    return None
                kind, unit, subject = implied
        if kind == "count":
            if value != value.to_integral_value() or value < 0:
                return None
            if n.text.strip().lower() in ONE_WORDS:
                return None  # 打造一个中心, one single system: an article, not a count
            if _YEARLIKE.fullmatch(n.text) and not suffix:
                return None
        if self._vetoed_before(n.start, n.chinese, kind == "count"):
            return None
        hedge, hedge_start = self._hedge_before(start)
        if hedge is not None and not n.chinese and self.folded[hedge_start].isascii():
            start = hedge_start  # English hedges are part of the phrase: nearly 70%
        qualifier = qualifier or hedge or self._hedge_after(end)
        # The numeral must not stand inside a word (千家|万户, 三台县); a word that merely starts
        # with its unit (八百多万|农民进城, 三|大都市圈) leaves the figure whole.
        if n.chinese and self.veto(n.start, n.end):
            return None
        return Quantity(start, end, kind, value, unit, qualifier, subject, n.chinese,
                        unit_end if suffix is not None and not suffix[0].rule.english else -1,
                        suffix[0].factor if suffix is not None else Decimal(1),
                        prefix is None and suffix is not None and suffix[0].form in self.c.bare_currency_forms)

    def find(self) -> Iterator[Quantity]:
        numbers = self._numbers()
        previous: Optional[Quantity] = None
        i = 0
        while i < len(numbers):
            n = numbers[i]
            q = self._quantity_of(n)
            if q is None:
                q = self._continues(n, previous)
            partner = numbers[i + 1] if i + 1 < len(numbers) else None
            weak = q is None or q.unit_end < 0 and q.end <= n.end and q.subject_span is None
            if partner is not None and weak and n.value <= partner.value and self._joins(n, partner):
                high = self._quantity_of(partner)
                low = self._low_end(n, partner, high) if high is not None else None
                if low is None and high is None:
                    low, high = self._bare_range(n, partner, q, previous, numbers, i + 1)
                if low is not None and high is not None:
                    yield low
                    yield high
                    previous = high
                    self._remember(low, high)
                    i += 2
                    continue
            if q is None and weak:
                q = self._from_list(numbers, i, n)
            if q is not None:
                yield q
                previous = q
                self._remember(q)
            i += 1

    def _bare_range(self, low: _Number, high: _Number, q: Optional[Quantity], previous: Optional[Quantity],
                    numbers: list[_Number], high_index: int) -> tuple[Optional[Quantity], Optional[Quantity]]:
        """A range whose ends have no unit: the low end's implied unit, the unit of the
        figure just before it in its sentence (城区常住人口300万以下的城市…，300万至500万的…),
        or the unit that ends the list it opens (150万—250万、450万以上人口)."""
        model = q
        if model is None and previous is not None and _SCALE.search(low.text) and _SCALE.search(high.text):
            if low.start - previous.end <= 40 and not _CLAUSE_END.search(self.folded, previous.end, low.start):
                model = previous
        if model is None:
            model = self._list_model(numbers, high_index)
            if model is None or _scale_of(low.text) != _scale_of(high.text):
                return None, None
        return (replace(model, start=low.start, end=low.end, value=low.value * model.factor, qualifier=None,
                        subject_span=None),
                replace(model, start=high.start, end=high.end, value=high.value * model.factor, qualifier=None,
                        subject_span=None))

    def _list_model(self, numbers: list[_Number], i: int) -> Optional[Quantity]:
        """The figure that closes a list or chain of ranges starting at numbers[i], when every
        item before it is a bare number written with the same magnitude: in
        150万—250万、250万—450万、450万以上人口 the unit 人口 is written once, at the end."""
        # A list of bare numbers (1、2、3、…) is read once, not once per item: the items a
        # call before found to continue the list without a unit are not read again.
        lo, hi = self._list_run
        first = hi + 1 if lo <= i < hi else i + 1
        if first == i + 1:
            self._list_run = (i, i)
        scale = _scale_of(numbers[i].text)
        for k in range(first, min(len(numbers), i + MAX_LIST_ITEMS)):
            if _LIST_GAP.fullmatch(self.folded, numbers[k - 1].end, numbers[k].start) is None:
                return None
            if _scale_of(numbers[k].text) != scale:
                return None
            q = self._quantity_of(numbers[k])
            if q is not None:
                return q if q.unit_end > numbers[k].end else None  # its own unit, written out
            self._list_run = (self._list_run[0], k)
        return None

    def _from_list(self, numbers: list[_Number], i: int, n: _Number) -> Optional[Quantity]:
        """A bare number that opens a list ending in a figure with a unit (100万、200万人)."""
        following = self.folded[n.end:n.end + 1]
        if not following or following not in _LIST_STARTS or _YEARLIKE.fullmatch(n.text):
            return None
        model = self._list_model(numbers, i)
        if model is None or self._vetoed_before(n.start, n.chinese, model.kind == "count"):
            return None
        value = n.value * model.factor
        if model.kind == "count" and (value != value.to_integral_value() or n.text in ONE_WORDS):
            return None
        return replace(model, start=n.start, end=n.end, value=value, qualifier=n.qualifier,
                       subject_span=None, unit_end=-1)

    def _remember(self, *found: Quantity) -> None:
        """Keep the last figure that counts a written noun (twelve provinces, 2.87 million residents)."""
        for q in found:
            if q.subject_span is not None and q.kind in ("count", "population"):
                self._counted = q

    def _continues(self, n: _Number, previous: Optional[Quantity]) -> Optional[Quantity]:
        """The Y of "from 120 pilot counties to about 200" or "rose to 59, up from 54": a bare
        number after "to" (or "up from") takes the unit of the figure before it in its clause."""
        if previous is None or n.start - previous.end > 40 or _YEARLIKE.fullmatch(n.text):
            return None  # "from 4.1 trillion yuan in 2015": a year never takes a unit from context
        between = self.folded[previous.end:n.start]
        if _CLAUSE_END.search(between):
            return None
        from_to = _FROM_TO.fullmatch(between) and _FROM.search(
            self.folded[max(0, previous.start - 12):previous.start + 1])
        if not from_to and not _COMPARED.fullmatch(between) or self._vetoed_before(n.start):
            return None
        counted = self._counted
        if (not from_to and previous.kind == "percentage" and counted is not None
                and n.start - counted.end <= 160 and not _SENTENCE_END.search(self.folded, counted.end, n.start)):
            # "twelve provinces had rates above 70 percent, against seven in 2019": a writer
            # repeats "percent"; the bare number counts the noun written earlier.
            previous = counted
        hedge, hedge_start = self._hedge_before(n.start)
        start = hedge_start if hedge is not None else n.start
        return replace(previous, start=start, end=n.end, value=n.value * previous.factor, qualifier=hedge,
                       subject_span=None)

    def _joins(self, low: _Number, high: _Number) -> bool:
        """Is `high` the upper end of a range that starts with `low` (3至5个, between 2 and 3 ...)?"""
        # Both patterns end where `high` starts: bounded there, they never scan the rest of the text.
        if high.start - low.end > 12:  # longer than any separator below
            return False
        m = _RANGE.match(self.folded, low.end, high.start)
        if m and m.end() == high.start:
            return True
        m = _AND.match(self.folded, low.end, high.start)
        return bool(m and m.end() == high.start
                    and _BETWEEN.search(self.folded[max(0, low.start - 9):low.start]))

    def _low_end(self, low: _Number, high_number: _Number, high: Quantity) -> Optional[Quantity]:
        if self._vetoed_before(low.start, low.chinese, high.kind == "count") or low.english_words != high_number.english_words:
            return None
        value = low.value
        high_scale = _scale_of(high_number.text)
        if high_scale is not None and _scale_of(low.text) is None:
            value *= high_scale
        value *= high.factor
        if value > high.value or high.kind == "count" and value != value.to_integral_value():
            return None  # "in 2015 to 5 trillion yuan" is no range: a low end above the high end
        hedge, hedge_start = self._hedge_before(low.start)
        start = hedge_start if hedge is not None and not low.chinese and self.folded[hedge_start].isascii() else low.start
        return replace(high, start=start, end=low.end, value=value, qualifier=hedge or low.qualifier)
