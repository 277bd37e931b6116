"""The extraction pipeline: fold, split into articles, find figures, add context, build rows.

Stages, each in its own module: normalize (offset-preserving folding), digest (articles),
periods and quantities (the figures), context (sentence, year, region, subject) and
metrics (the named metric). Offsets are shared by the original and the folded text, so
every record's text is the original slice text[start:end].

The engine's output is rows: plain dicts with the contract's fields in order and JSON
values, what the exporters write. The library validates them into pydantic records
(api.py); the command line writes them as they are and never imports pydantic.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from typing import Iterator, Optional, Union

import regex

from .finding.normalize import fold
from .finding.numbers import to_json_number
from .finding.periods import PeriodSpan, find_periods
from .finding.quantities import Quantity, QuantityFinder
from .finding.tokenize import Tokenizer
from .meaning.changes import is_change
from .meaning.context import DocumentContext
from .meaning.regions import NATION, REFER_REACH, RESPECTIVELY, carried_place, headline_place
from .meaning.years import WRITTEN_REACH, report_year, stated_years, written_year
from .meaning.metrics import MATCH_REACH, MetricNamer, keyword_reaches
from .meaning.places import code_in_document
from .meaning.tables import may_be_row
from .meaning.targets import OTHER, TargetScope, future_years, latest_year
from .pack.compiled import Compiled, compiled
from .pack.rules import RulePack
from .reading.digest import ArticleSpan, split_articles

Figure = Union[Quantity, PeriodSpan]
Row = dict  # one record: contract.FIELDS in order, JSON values
_VETO_WINDOW = 6
# Between two values of one list: 3.3%、4.1%和3.1%; 2.2万亿元和1.4万亿元; 75.6 percent and 74.8 percent.
# A sentence that goes on about the rate of the sentence before it.
_GOES_ON = regex.compile(r"(?i:\s*(?:the|this|that|its|their)\s+(?:pace|growth|rate|increase|expansion|figure|rise|gain"
                         r"|gap\s+(?:with|to|from)\s+(?:the\s+)?(?:national|country|nation)))"
                         r"|\s*(?:增速|增幅|这一(?:速度|增速|比例))")
# A part of the whole named in the sentence before, with no keyword of its own: Guangdong alone
# accounted for 14.16 trillion yuan (of the area's GDP).
_PART_OF_WHOLE = regex.compile(r"(?i:\balone\s+(?:accounted\s+for|contributed|made\s+up|produced|generated)\s+"
                               r"(?:about\s+|some\s+|nearly\s+|roughly\s+|over\s+|more\s+than\s+)?)$")
# Between a keyword and a count inside its own phrase: the GDP of its nine cities grew 4.1%.
_QUALIFIER = regex.compile(r"(?i:\s+(?:of|in|for|among|across)\s+)")
# Between a count's words and a money figure: what the counted things are worth.
_WORTH = regex.compile(r"(?i:\s+(?:worth|valued\s+at|with\s+a\s+(?:combined|total)\s+investment\s+of)\s+"
                       r"(?:a\s+(?:combined|total)\s+(?:of\s+)?|a\s+total\s+of\s+|about\s+|some\s+|nearly\s+|over\s+|more\s+than\s+)?)")
# A growth rate named only by its words, in a sentence after a named one (… with growth rates
# of 6.3% and 6.1%).
_GROWTH_RATE = regex.compile(r"(?i:\bgrowth\s+rates?\b|\bgrowth\s+of\b|\bgrew\b|\bexpanded\b)|增速|增幅")
# The plan or target of the indicator just named, in its sentence (完成全年计划6万人, 超额完成14万人的年度目标).
_PLAN_BEFORE = regex.compile(r"(?r)(?:计划|目标|確定的|确定的|预期|(?i:\b(?:its|the|a|their)\s+(?:annual\s+|full-year\s+|growth\s+)?(?:target|goal)\s+of))\s*$")
_PLAN_AFTER = regex.compile(r"\s?的?(?:年度|预期|全年)?目标")
_CLAUSE_BREAK = regex.compile(r"[，,；;]")
_LETTER = regex.compile(r"[^\W\d_]")  # a sentence without one (a row of bare figures) asks its words nothing
# A threshold that defines a class of places (300万至500万的Ⅰ型大城市).
_CLASS_OF_PLACES = regex.compile(r"\s?(?:以下|以上|及以上)?人?(?:\s?[至到—\-–]\s?[0-9.一二三四五六七八九十百千万亿]+\s?[万亿]?人?)?"
                                 r"\s?的\s?(?:[ⅠⅡI]+型)?(?:小|中等|大|特大|超大)?(?:城市|都市圈|县城)")
_LIST_OF_VALUES = regex.compile(r"\s?(?:[、,，]|和|及|与|以及|至|到|[-—–~～])?\s?(?i:(?:and|to)\s)?\s?")
# The header under a headline: at most this many characters, lines of at most this many.
HEADER_CHARS = 200
HEADER_LINE_CHARS = 60
# Inputs longer than this are extracted a segment at a time (see extract_segments). A
# segment's rows are held until written: 200,000 characters of dense Chinese make about
# 8,000 rows (some 20 MB); a 10 MB input then peaks near 80 MiB (1,000,000 went over 200).
SEGMENT_CHARS = 200_000


def tokenizer_for(pack: RulePack) -> Tokenizer:
    """The pack's tokenizer, compiled with it (jieba itself is imported on first cut)."""
    return compiled(pack).tokenizer


def _without_overlaps(figures: list[Figure]) -> list[Figure]:
    """Where two figures overlap, a period wins (14th Five-Year Plan over Five-Year), else the longer."""
    def weight(figure: Figure) -> tuple[bool, int]:
        return isinstance(figure, PeriodSpan), figure.end - figure.start

    figures.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Figure] = []
    for figure in figures:
        if kept and figure.start < kept[-1].end:
            if weight(figure) > weight(kept[-1]):
                kept[-1] = figure
            continue
        kept.append(figure)
    return kept


def _in_any(start: int, spans: list[tuple[int, int]]) -> bool:
    """Is `start` inside one of `spans` (sorted, not overlapping: outlet lines)? A bisect."""
    i = bisect.bisect_right(spans, (start, math.inf)) - 1
    return i >= 0 and start < spans[i][1]


def find_figures(text: str, folded: str, c: Compiled, tokenizer: Tokenizer,
                 excluded: list[tuple[int, int]], periods: Optional[list[PeriodSpan]] = None) -> list[Figure]:
    """The figures of `folded`, not overlapping; `periods`: its periods when found already."""
    def veto(start: int, end: int) -> bool:
        left = max(0, start - _VETO_WINDOW)
        window = folded[left:min(len(folded), end + _VETO_WINDOW)]
        return tokenizer.vetoes(window, start - left, end - left, c.veto_words)

    figures: list[Figure] = list(find_periods(folded) if periods is None else periods)
    figures.extend(QuantityFinder(c, folded, veto).find())
    return [f for f in _without_overlaps(figures) if not _in_any(f.start, excluded)]


def extract_articles(text: str, pack: RulePack, doc: str = "-", published: Optional[str] = None,
                     source: Optional[str] = None) -> tuple[list[ArticleSpan], list[Row]]:
    """The articles of `text` and every figure in it as a row, in text order (`published` and
    `source`: what an HTML page's <meta> says of a single article)."""
    articles, segments = extract_segments(text, pack, doc, published, source)
    return articles, [row for rows in segments for row in rows]


def extract_segments(text: str, pack: RulePack, doc: str = "-", published: Optional[str] = None,
                     source: Optional[str] = None) -> tuple[list[ArticleSpan], Iterator[list[Row]]]:
    """The articles of `text`, and its rows one segment of about SEGMENT_CHARS at a time.

    A large input (a 50 MB dump, a 10 MB page without a line break) is cut at line breaks
    or sentence ends into segments, each extracted on its own: memory is bounded by the
    segment, not the file, and records can be written while the rest is read. Every
    context lookup reaches at most MAX_SENTENCE characters, or its paragraph (a line), and
    what reaches further is carried (Carry), so records are the same as from one piece when
    the cuts fall at line breaks (segment_bounds: whenever a line is shorter than half a
    segment).
    """
    c = compiled(pack)
    spans, outlet_lines = split_articles(text, published, source)
    outlet_texts = {text[s:e].strip() for s, e in outlet_lines}
    headline_regions = [(headline_place(a.title, c) or headline_place(_header_lines(text, a, outlet_texts), c),
                         report_year(fold(a.title, c.table) if a.title else None),
                         headline_place(a.title, c, nation=True)) for a in spans]
    # When each article was written and the year its report headline names (TextDates).
    article_dates = [(a.published_year or written_year(fold(text[a.start:min(a.end, a.start + WRITTEN_REACH)],
                                                            c.table)), headline[1])
                     for a, headline in zip(spans, headline_regions)]

    def segments() -> Iterator[list[Row]]:
        bounds = segment_bounds(text)
        carry = Carry()
        if len(bounds) > 1:  # the input's own year is the latest it states, in any segment
            carry.text_year = WholeTextYear(text, bounds, c, outlet_lines)
        for start, end in bounds:
            yield _extract_window(text, (start, end), pack, doc, spans, headline_regions, article_dates,
                                  outlet_lines, carry)

    return spans, segments()


class WholeTextYear:
    """The own year of a large input: the latest its segments state (_text_year of each, in
    order, the year in force carried from one to the next). A pre-pass over the whole input
    (7 % of the time of a 10 MB digest), so it is made on first need only: a figure without
    a dateline near a future year (到2025年); a digest whose articles are all dated never
    needs it."""

    def __init__(self, text: str, bounds: list[tuple[int, int]], c: Compiled, outlet_lines: list[tuple[int, int]]):
        self._args = (text, bounds, c, outlet_lines)
        self._year: Optional[int] = None
        self._done = False
        # The periods the pre-pass found in each segment after the one being extracted
        # (`extracting`), until the segment's own turn comes.
        self.periods: dict[tuple[int, int], list[PeriodSpan]] = {}
        self.extracting = (0, 0)

    def __call__(self) -> Optional[int]:
        if not self._done:
            text, bounds, c, outlet_lines = self._args
            state: dict = {}  # the year in force, from segment to segment
            self._year = max((year for year in (_text_year(text, b, c, outlet_lines, state, self.periods)
                                                 for b in bounds) if year is not None), default=None)
            for b in [b for b in self.periods if b[0] <= self.extracting[0]]:
                del self.periods[b]
            self._done, self._args = True, None
        return self._year


def _text_year(text: str, bounds: tuple[int, int], c: Compiled, outlet_lines: list[tuple[int, int]],
               state: dict, found: dict) -> Optional[int]:
    """TargetScope.text_year of one segment, from its periods and years alone (a pre-pass
    over a large input: its own year is the latest of its segments'). The segment's
    periods are kept in `found` for its extraction."""
    offset, stop = bounds
    folded = fold(text[offset:stop], c.table)
    outlets = _outlets_within(outlet_lines, bounds)
    found[bounds] = list(find_periods(folded))
    periods = [(p.start, p.end, p.start_year, p.end_year) for p in found[bounds]
               if p.start_year is not None and not _in_any(p.start, outlets)]
    years = [(y.start, y.year) for y in stated_years(folded, outlets, periods, state)]
    return latest_year(folded, c, years)


def segment_bounds(text: str, size: Optional[int] = None) -> list[tuple[int, int]]:
    """Cuts about every `size` (default SEGMENT_CHARS) characters: after the last line break
    of the segment's second half (or the first one just past it) that no table row follows,
    else after any such line break, else after a sentence end, else a space. A cut at a line
    break changes no record (what a later sentence reads of an earlier one is carried, see
    Carry), unless it falls between a table's header of years and its rows."""
    size = size or SEGMENT_CHARS
    bounds, start = [], 0
    while len(text) - start > size:
        end = start + size
        found = _line_cut(text, start + size // 2, end)
        if found < 0:
            found = _line_cut(text, end, end + size // 10, forward=True)
        for mark in ("。", " "):
            if found >= 0:
                break
            found = text.rfind(mark, start + size // 2, end)
            if found < 0:
                found = text.find(mark, end, end + size // 10)
        if found >= 0:
            end = found + 1
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _line_cut(text: str, lo: int, hi: int, forward: bool = False) -> int:
    """The last (`forward`: the first) line break in text[lo:hi] before a line that is no
    table row (meaning/tables: a row takes its column's year from the header above it), else
    the last (first) line break, -1 when there is none."""
    def next_break(after: int) -> int:
        return text.find("\n", after + 1, hi) if forward else text.rfind("\n", lo, after)

    first = found = text.find("\n", lo, hi) if forward else text.rfind("\n", lo, hi)
    while found >= 0:
        if not may_be_row(text, found + 1):
            return found
        found = next_break(found)
    return first


def _header_lines(text: str, article: ArticleSpan, outlet_texts: set[str]) -> str:
    """The lines under an article's headline before its body (——2025年1月在山西省…会议上, a byline):
    where a headline without a place (政府工作报告) has its place named. `outlet_texts`: the
    input's outlet lines, stripped (gathered once per input, not once per article)."""
    start = article.start
    skip = 0
    if article.title and text.startswith(article.title, start):
        start += len(article.title)
        skip = 1  # the rest of the headline's line
    lines = []
    for line in text[start:min(article.end, start + HEADER_CHARS)].split("\n")[skip:skip + 3]:
        stripped = line.strip()
        if len(stripped) > HEADER_LINE_CHARS or any(mark in stripped for mark in "。！？!?"):
            break  # body text: its places are found sentence by sentence
        lines.append(stripped)
    return "\n".join(line for line in lines if line not in outlet_texts)


@dataclass(frozen=True)
class ArticleOf:
    """The article a figure stands in (headline, outlet, date) and the place its headline names."""

    span: ArticleSpan
    headline_region: Optional[str]
    headline_year: Optional[int]   # of a report about one year (2024年…统计公报)
    headline_nation: Optional[str]  # the country as the headline names it (中国城市竞争…)


@dataclass
class Carry:
    """What a segment of a large input takes from the whole input or the segments before it,
    so that its records are those of one piece: the input's own year (TargetScope.text_year),
    the year in force (上年 is the year before it), the year of the last heading with one,
    whether the last figure was a target, the metric of the last named rate ("The rate stood at
    about 55 percent" after a paragraph on the urbanization rate) and the kind of section that
    goes on (targets.GOALS, ...)."""

    text_year: Optional[WholeTextYear] = None  # None: the input is one segment, its own
    section_year: Optional[int] = None
    last_target: bool = False
    last_rate: str = ""  # the metric of the last named percentage (Window.last_rate)
    section: str = OTHER
    years: dict = field(default_factory=dict)  # the year in force (context.stated_years)
    segments: int = 0
    places: list = field(default_factory=list)  # (input offset, name, type, subject) a later word referring back may mean
    apart: list = field(default_factory=list)  # (input offset, folded name) of places named apart from lines


@dataclass
class Window:
    """One segment of an input being extracted: its text and folded text, the lookups built
    over it, and where it starts in the input (offsets in rows are input offsets)."""

    doc: str
    text: str
    folded: str
    offset: int
    ctx: DocumentContext
    namer: MetricNamer
    targets: TargetScope
    # What the figures before say about the next: the last amount named in a sentence (for
    # "…2.1 trillion yuan, marking a 4.6% rise"), and whether the last figure was a target.
    last_amount: tuple[int, str] = (-1, "")
    last_target: tuple[int, bool] = (-1, False)
    # The words of the figures before (each span with the noun after it): their keywords
    # describe those figures, not a later one (the 18 metropolitan areas took 38 minutes).
    figure_words: list[tuple[int, int]] = field(default_factory=list)
    # The figure before, when it heads a list of values this one continues (分别增长3.3%、4.1%和
    # 3.1%: the change word before the first reaches them all; 新增3至5个: a range's ends alike):
    # (end, kind, target, change, metric, unit).
    last_value: tuple[int, str, bool, bool, str, Optional[str]] = (-1, "", False, False, "", None)
    # The last named percentage and its sentence: "GDP grew 8.1%. The pace was 1.3 percentage
    # points above ..." goes on about it.
    last_rate: tuple[int, str] = (-1, "")
    # region_code of (region, headline region): one lookup per distinct pair, not per figure.
    codes: dict = field(default_factory=dict)
    # The place the last sentence's figures are about, as its own words name it, and that
    # sentence's bounds: an English sentence naming none, or one of an interview's answer, goes on about it (The city's economy grew 5.7%.
    # The pace was 0.7 percentage points above the national average).
    last_place: tuple[int, int, str] = (-1, -1, "")
    carried_into: int = -1  # the start of the last sentence that took its place so

    def region_code(self, region: Optional[str], headline: Optional[str]) -> Optional[str]:
        key = (region, headline)
        code = self.codes.get(key, False)
        if code is False:
            code = self.codes[key] = code_in_document(self.ctx, region, headline)
        return code

    def local_currency(self, region: Optional[str], headline: Optional[str]) -> Optional[str]:
        """The money that 元 alone stands for in a figure about `region` (rules: local_currency):
        新台币 in Taiwan, 港元 in Hong Kong; None: no place of its own money (元 is 人民币)."""
        code = self.region_code(region, headline)
        if not code or not code[:2].isdigit():
            return None
        return self.namer.c.local_currencies.get(code[:2] + "0000")

    def inside_figure_words(self, pos: int) -> bool:
        i = bisect.bisect_right(self.figure_words, (pos, len(self.text))) - 1
        return i >= 0 and self.figure_words[i][0] <= pos < self.figure_words[i][1]


def _start(article: ArticleSpan) -> int:
    return article.start


def _outlets_within(outlet_lines: list[tuple[int, int]], bounds: tuple[int, int]) -> list[tuple[int, int]]:
    """The outlet lines (sorted, not overlapping) that meet the segment `bounds`, made
    relative to its start: found by bisect, not by a walk over every line of the input."""
    offset, stop = bounds
    lo = max(bisect.bisect_right(outlet_lines, (offset, math.inf)) - 1, 0)
    hi = bisect.bisect_left(outlet_lines, (stop, -math.inf))
    return [(s - offset, e - offset) for s, e in outlet_lines[lo:hi] if s < stop and e > offset]


def _extract_window(text: str, bounds: tuple[int, int], pack: RulePack, doc: str, spans: list[ArticleSpan],
                    headline_regions: list[tuple[Optional[str], Optional[int], Optional[str]]],
                    article_dates: list[tuple[Optional[int], Optional[int]]],
                    outlet_lines: list[tuple[int, int]], carry: Optional[Carry] = None) -> list[Row]:
    c = compiled(pack)
    tokenizer = tokenizer_for(pack)
    offset, stop = bounds
    more = stop < len(text)  # segments follow: what they look back at is carried to them
    text = text[offset:stop]
    folded = fold(text, c.table)
    outlets = _outlets_within(outlet_lines, bounds)
    found = None
    if carry is not None and carry.text_year is not None:
        carry.text_year.extracting = bounds
        found = carry.text_year.periods.pop(bounds, None)
    figures = find_figures(text, folded, c, tokenizer, outlets, found)
    year_spans = [(f.start, f.end, f.start_year, f.end_year) for f in figures
                  if isinstance(f, PeriodSpan) and f.start_year is not None]
    # Target years (到2030年) are never the year in force; each article's dateline and report
    # headline date its 今年 / 去年 and the figures that state no year.
    futures = future_years(folded, c)
    articles = [(a.start - offset, written, reported) for a, (written, reported) in zip(spans, article_dates)
                if a.start < stop]
    ctx = DocumentContext(text, folded, c, tokenizer, outlets, year_spans, carry.years if carry is not None else None,
                          sorted((start, end) for start, end, _ in futures), articles)
    ctx.set_figures([(f.start, f.end) for f in figures])
    targets = TargetScope(folded, c, [(y.start, y.year) for y in ctx.dating.years],
                          [(start, end, first) for start, end, first, _ in year_spans], ctx.dating.columns, futures)
    window = Window(doc, text, folded, offset, ctx, MetricNamer(c), targets)
    # The text's own year; a large input's (WholeTextYear) is worked out on first read.
    own_year = carry.text_year if carry is not None and carry.text_year is not None else targets.text_year
    window.targets.text_year = ctx.dating.text_year = own_year
    if carry is not None and carry.segments:  # a later segment of a large input
        ctx.earlier_places = [(position - offset, *place) for position, *place in carry.places]
        ctx.earlier_apart = [(position - offset, name) for position, name in carry.apart]
        window.last_target = (-1, carry.last_target)
        window.last_rate = (-1, carry.last_rate)
        window.targets.carry_section(carry.section)
        if carry.section_year is not None:
            ctx.dating.carry_section_year(carry.section_year)
    # The articles the segment meets (a bisect: a big digest has thousands), the first one
    # the article the segment starts in.
    first = max(bisect.bisect_right(spans, offset, key=_start) - 1, 0)
    starts = [a.start for a in spans[first:bisect.bisect_left(spans, stop, key=_start)]]
    articles: dict[int, ArticleOf] = {}  # built once per article, not per figure
    rows = []
    previous_end = 0
    for figure in figures:
        i = bisect.bisect_right(starts, offset + figure.start) - 1
        i = first + i if i >= 0 else -1
        article = None
        if i >= 0:
            article = articles.get(i)
            if article is None:
                article = articles[i] = ArticleOf(spans[i], *headline_regions[i])
        rows.append(_row(figure, window, article, previous_end))
        previous_end = figure.end
    if carry is not None and more:
        carry.places = [(position + offset, *place) for position, *place in ctx.places_to_carry(len(text) - REFER_REACH)]
        carry.apart = [(position + offset, name) for position, name in ctx.apart_to_carry(len(text) - REFER_REACH)]
        carry.segments += 1
        carry.last_target = window.last_target[1]
        carry.last_rate = window.last_rate[1]
        if ctx.dating.section_years:
            carry.section_year = ctx.dating.section_years[-1][1]
        if window.targets.sections:
            carry.section = window.targets.sections[-1][1]
    return rows


def _headline_end(window: Window, article: Optional[ArticleOf]) -> int:
    """Where the first line of the figure's article ends in the window (-1 when that line is
    not in it: the article began in an earlier segment)."""
    if article is None or article.span.start < window.offset:
        return -1
    start = article.span.start - window.offset
    line_end = window.folded.find("\n", start, start + HEADER_CHARS)
    return line_end if line_end >= 0 else -1


def _row(figure: Figure, window: Window, article: Optional[ArticleOf], previous_end: int) -> Row:
    """The row of one figure of `window`."""
    ctx, folded, namer = window.ctx, window.folded, window.namer
    start, end = figure.start, figure.end
    left, right = ctx.sentence_bounds(start, end)
    worded = _LETTER.search(folded, left, right) is not None
    kind = "period" if isinstance(figure, PeriodSpan) else figure.kind
    hits = [h for h in ctx.keywords_before(start, left, limit=6) if not window.inside_figure_words(h[0])]
    # Percentage points between two indicators (户籍人口城镇化率…，与常住人口城镇化率相差…) are of neither.
    gap = bool(hits) and getattr(figure, "unit", None) == "pp" and namer.gap_of_two(kind, hits, folded, start)
    hit = None if gap else namer.hit_before(kind, hits, folded, start)
    floor = article.span.start - window.offset if article is not None else 0  # < 0: the article began earlier
    headline_end = _headline_end(window, article)
    region = ctx.region(start, end, left, right, kind, floor, article.headline_region if article is not None else None,
                        headline_end, worded)
    if region == NATION:
        region = (article.headline_nation or article.headline_region) if article is not None else None
    elif region is None:
        carried = carried_place(folded, window.last_place, window.carried_into, left)
        if carried:
            window.last_place = (left, right, carried)  # and on into the next sentence
            window.carried_into = left
        region = carried or (article.headline_region if article is not None else None)
    elif region and (window.last_place[0] != left):
        window.last_place = (left, right, region)
    region = region or None
    if isinstance(figure, PeriodSpan):
        metric = (namer.for_named_plan() if figure.named_plan
                  else namer.from_context("period", start, hit, folded, previous_end))
        return _new_row(window, article, figure, left, right, kind="period", metric=metric or "period",
                        value=None, unit=None, qualifier=None, year=None, start_year=figure.start_year,
                        end_year=figure.end_year, subject=None, region=region)
    subject_span = figure.subject_span
    if subject_span is None and kind == "count" and figure.unit_end > 0:
        subject_span = ctx.subject_after(figure.unit_end)
    noun = folded[subject_span[0]:subject_span[1]] if subject_span else None
    own_hits = ctx.hits_within(start, end)
    if subject_span is not None:
        own_hits += ctx.hits_within(*subject_span)
    after = ctx.keyword_after(end, right)  # the first that names a metric, when it does: looked for once
    named_after = after if after is None or after[2] else ctx.keyword_after(end, right, named=True)
    metric = namer.name(kind, figure.unit, folded, start, end, noun, own_hits, hit,
                        lambda: ctx.clause(start, end, left, right), previous_end, after, named_after)
    if gap:
        metric = None
    elif metric is None:
        metric = _column_metric(window, kind, start)  # 城市　地区生产总值 / 武汉　21106.2亿元: the header names it
    if window.last_amount[0] == left and _CLASS_OF_PLACES.match(folded, end) \
            and (hit is None or hit[1] <= previous_end or _CLAUSE_BREAK.search(folded, hit[1], start)) \
            and namer.metric_of((window.last_amount[1],), kind):
        metric = window.last_amount[1]  # 城区常住人口300万以下的城市…，300万至500万的城市: thresholds of one indicator
    last = window.last_rate if kind == "percentage" else window.last_amount
    if metric is None and last[0] == left and namer.metric_of((last[1],), kind) \
            and (_PLAN_BEFORE.search(folded, max(left, start - 24), start) or _PLAN_AFTER.match(folded, end)):
        metric = last[1]  # 城镇新增就业6.8万人，完成全年计划6万人的113.3%; grew 5.8%, beating its target of 5.5%: the plan of the same indicator
    if metric is None and hit is None and kind != "percentage" and 0 <= window.last_amount[0] < left \
            and _PART_OF_WHOLE.search(folded, max(left, start - 40), start) and namer.metric_of((window.last_amount[1],), kind):
        metric = window.last_amount[1]  # … a combined GDP of 14.5 trillion yuan. Guangdong alone accounted for 14.16 trillion yuan
    if metric is None and hit is None and kind == "percentage" and window.last_amount[0] == left \
            and 0 <= start - window.last_value[0] <= 24 and namer.c.growth_cues.search(folded, window.last_value[0], start):
        metric = namer.growth_name(window.last_amount[1])  # Guangdong alone accounted for 14.16 trillion yuan, growing 3.5%
    if metric is None and not gap and kind == "percentage" and window.last_amount[0] == left \
            and namer.c.growth_after.match(folded, end, end + MATCH_REACH):
        metric = namer.growth_name(window.last_amount[1])  # …2.1 trillion yuan, marking a 4.6% rise
    last_end, last_kind, last_metric = window.last_value[0], window.last_value[1], window.last_value[4]
    in_list = (last_kind == kind and window.last_value[5] == figure.unit  # not "rose 0.6 points to 67.6%"
               and _LIST_OF_VALUES.fullmatch(folded, last_end, start) is not None)
    if metric is None and not gap and in_list and last_metric != kind:
        metric = last_metric  # growth rates of 6.3% and 6.1%: the list's values share its metric
    if metric is None and not gap and hit is not None and figure.unit != "pp":  # points between groups: a gap
        named = [m for at, m in (window.last_rate, window.last_amount) if at == left]
        metric = namer.of_part(kind, hit, folded, named)  # …增长5.5%，其中农村居民增长6.6%
    if metric is None and not gap and kind == "percentage" and window.last_rate[1]:
        if window.last_rate[0] < left and (_GOES_ON.match(folded, left, left + MATCH_REACH)
                                           or _GROWTH_RATE.search(folded, left, start)):
            metric = window.last_rate[1]  # GDP grew 8.1%. The pace was 1.3 percentage points above ...
        elif window.last_rate[0] == left and figure.unit == "pp" and (hit is None or hit[2] or hit[0] < previous_end):
            metric = window.last_rate[1]  # 年均增长8.4%，高于全国水平1.3个百分点
    if kind == "percentage" and metric is not None and metric.endswith("_growth") and hit is not None \
            and window.last_value[0] >= left and window.figure_words and hit[1] <= window.figure_words[-1][0] \
            and last_metric == last_kind != "percentage" and not _QUALIFIER.match(folded, hit[1], window.figure_words[-1][0]):
        metric = None  # residents made 76.6 million trips, up 43%: the growth of the trips, not of the residents
    if metric is None and not gap and window.last_value[0] >= left and window.figure_words:
        words = window.figure_words[-1]
        metric = namer.of_figure_before(kind, figure.unit, folded, start, (max(last_end, words[1]), last_kind,
                                        window.last_value[5], last_metric), ctx.hits_within(*words))
    if metric is not None and kind == "money" and window.figure_words and window.last_value[0] >= left \
            and _WORTH.fullmatch(folded, window.figure_words[-1][1], start) and last_kind == "count" \
            and (hit is None or hit[1] <= window.figure_words[-1][0]):
        metric = None  # 300 projects worth 3.5 trillion yuan: the projects' worth, not the keyword's before them
    if metric is not None and hit is not None:
        metric = _shared_subject(namer, folded, hit, start, right, metric, in_list, last_metric)
    if subject_span is None and hit is not None and namer.describes(hit, kind) \
            and keyword_reaches(namer.c, folded, hit[1], start):
        subject_span = ctx.subject_before(hit)
    subject = window.text[subject_span[0]:subject_span[1]] if subject_span else None
    words_end = max(end, subject_span[1] if subject_span and subject_span[0] >= start else end)
    for h in ctx.hits_within(end, words_end):
        if h[2] and namer.metric_of(h[2], kind) is None:
            words_end = max(end, min(words_end, h[0]))  # 三区|常住人口城镇化率分别为…: the keyword of the next figures
            break
    window.figure_words.append((start, words_end))
    metric = metric or kind
    if metric != kind and kind in ("money", "population", "count"):
        window.last_amount = (left, metric)
    if kind == "percentage" and metric != kind:
        window.last_rate = (left, metric)
    continues = window.last_target[0] < left and window.last_target[1]
    today = article.span.published_year if article is not None else None
    target = window.targets.is_target(start, end, left, right, continues, today, worded)
    change = is_change(folded, namer.c, start, end, figure.unit, metric, subject,
                       folded[hit[0]:hit[1]] if hit is not None and metric != kind else None, previous_end, left, worded)
    if in_list:
        target, change = target or window.last_value[2], change or window.last_value[3]
    elif window.last_value[0] >= left and window.last_value[1] == "count" and len(window.figure_words) > 1 \
            and namer.totals(folded, window.figure_words[-2][1], start):  # [-1]: this figure's own words
        change = change or window.last_value[3]  # 4 new metro lines totalling 89 km: the added lines' length
    window.last_target = (left, target)
    window.last_value = (end, kind, target, change, metric, figure.unit)
    unit = figure.unit
    if figure.bare_currency:
        unit = window.local_currency(region, article.headline_region if article is not None else None) or unit
    return _new_row(window, article, figure, left, right, kind=kind, metric=metric,
                    value=to_json_number(figure.value), unit=unit, qualifier=figure.qualifier,
                    year=ctx.dating.year(start, end, left, right, worded),
                    start_year=None, end_year=None, subject=subject,
                    region=region, target=target, change=change)


def _column_metric(window: Window, kind: str, start: int) -> Optional[str]:
    """The metric a cell of a table takes from above it when its row names none: the header
    cell of its column (地区生产总值), else the table's caption (【2022—2024年常住人口城镇化率】);
    a percentage under a header of growth (比上年增长) is the growth of the column left of it."""
    found = window.ctx.labels.labels(start)
    if found is None:
        return None
    cell, left, caption = found
    namer, ctx = window.namer, window.ctx
    for span in (cell, caption):
        for hit in ctx.hits_within(*span) if span is not None else ():
            metric = namer.metric_of(hit[2], kind)
            if metric is not None:
                return metric
    if kind == "percentage" and cell is not None and left is not None and namer.c.growth_cues.search(window.folded, *cell):
        for hit in ctx.hits_within(*left):
            growth = next((g for g in map(namer.growth_name, hit[2]) if g), None)
            if growth is not None:
                return growth
    return None


def _shared_subject(namer: MetricNamer, folded: str, hit, start: int, right: int, metric: str, in_list: bool,
                    last_metric: str) -> str:
    """城镇和农村居民人均可支配收入分别为A和B: A is the first subject's, B the second's (a keyword
    naming two subjects, rules `shared`); without 分别 / respectively one figure is of both."""
    pair = namer.c.shared.get(folded[hit[0]:hit[1]].lower())
    if pair is None or not RESPECTIVELY.search(folded, hit[1], min(right, start + MATCH_REACH)):
        return metric
    growth = metric.endswith("_growth")
    last = last_metric[:-len("_growth")] if last_metric.endswith("_growth") else last_metric
    base = pair[2] if in_list and last == pair[1] else pair[1]
    return (namer.growth_name(base) or metric) if growth else base


def _new_row(window: Window, article: Optional[ArticleOf], figure: Figure, left: int, right: int, *,
             kind, metric, value, unit, qualifier, year, start_year, end_year, subject, region,
             target=False, change=False, region_code=None) -> Row:
    """A row with the contract's fields in order; the figure's offsets are made input offsets."""
    span = article.span if article is not None else None
    return {
        "doc": window.doc,
        "article": span.index if span else None,
        "title": span.title if span else None,
        "source": span.source if span else None,
        "published": span.published if span else None,
        "kind": kind, "metric": metric, "value": value, "unit": unit, "qualifier": qualifier,
        "target": target, "change": change,
        "year": year, "start_year": start_year, "end_year": end_year,
        "subject": subject, "region": region,
        "region_code": region_code or window.region_code(region, article and article.headline_region),
        "text": window.text[figure.start:figure.end],
        "start": window.offset + figure.start, "end": window.offset + figure.end,
        "sentence": window.ctx.sentence(left, right),
    }
