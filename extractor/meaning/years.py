"""The reference year of each figure (docs/ANNOTATION.md, "year (v2 rules)").

The years a text states are found in one pass (stated_years); each figure then takes the
year of its own sentence, else the last one stated before it in its paragraph, else the
year of the heading it stands under. Lookups are bisects over those mentions, so a
figure's year costs the same in a 1 KB article and in a 10 MB file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Optional, Sequence, Union

import regex

from ..finding.scan import BlanksBeforeMark, scan
from ..pack.compiled import REGEX_TIMEOUT
from .spans import MAX_SENTENCE, inside, overlaps
from .tables import YearColumns

_CN_YEAR_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
                   "六": "6", "七": "7", "八": "8", "九": "9"}
# A year is a mention unless it is a comparison base (比2020年, 较2020年末, 比上年: but
# 较2019年的54.7% is 2019's value), one of a list of years but the last, or the year of a
# report's title (2025年政府工作报告). 上年 / a year earlier are the year before the one in force
# (上年的59.8%); 去年 / 今年 / last year count from when the text was written (去（2025）年 says
# it). English years trail their figures ("59.22% in 2024"; not after "than": a comparison),
# and so does a year in parentheses (户籍人口1845.6万人（2010）). An English year used as an
# adjective ("China's 2024 GDP expanded 5%") or followed by a when-clause ("since 2020, when
# output fell 5%") dates what follows it, as a leading Chinese year does.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
_YEAR_BODY = (
    r"(?:(?P<base>[较比])?(?P<zh>(?<![0-9])(?:18|19|20)[0-9]{2}(?![0-9])|[〇零一二三四五六七八九]{4})\s?年"
    r"(?!代|度?(?:政府)?工作报告|.{0,14}统计公报)(?:末|底|初)?"
    r"(?P<de>的)?(?P<list>[、和及与](?=(?:19|20)[0-9]{2}年))?"
    r"|(?P<rbase>[较比同])?(?:(?P<previous>上年|上一年|(?<!提)前一年)|(?P<last>去年)|(?P<this>今年|本年))"
    r"(?:末|底|同期)?(?P<rde>的)?"
    r"|(?P<gloss>[去今]\s?[(（]\s?(?:19|20)[0-9]{2}\s?[)）]\s?年)"
    r"|(?P<paren>[(（]\s?(?:19|20)[0-9]{2}\s?[)）])"
    r"|(?P<adj>(?<=(?:['’]s|\b(?i:the|its|their))\s)(?:19|20)[0-9]{2}(?=\s+(?!(?i:target|goal|plan|deadline|level)\b)[A-Za-z]))"
    r"|(?P<en>(?<!(?i:than|compared\s+with|against)\s+)(?i:\b(?:in|for|of|as\s+of|as\s+(?:late|early)\s+as|by|during)\s+(?:" + _MONTH + r")?)"
    r"(?:(?:19|20)[0-9]{2}\b|18[0-9]{2}\b(?!\s*[A-Za-z%0-9])))"  # not "of 1850 km": a quantity
    r"|(?P<when>(?:19|20)[0-9]{2})(?=,\s+when\b)"
    r"|(?i:(?P<en_previous>\ba\s+year\s+(?:earlier|before)|\bthe\s+(?:previous|preceding)\s+year)"
    r"|(?P<en_last>\blast\s+year)|(?P<en_this>\bthis\s+year))\b)")
# Where a mention can start, one look-ahead per pass of the scan (finding/scan.py), so that the
# engine skips most positions at once: a Chinese word or numeral, a parenthesis, or the first
# two digits of a year (every alternative that starts with a digit starts with 18, 19 or 20:
# the other numbers of a table are not tried at all); an English mention starts a word with
# one of eight letters. Two passes, not one pattern with both look-aheads: 1.7x faster on English.
YEAR_MENTION_STARTS = (r"(?=[较比同上去今本前〇零一二三四五六七八九(（]|1[89]|20)",
                       r"\b(?=[iIfFoOaAbBdDlLtT])(?=(?i:(?:in|for|of|as|by|during)\s|(?:last|this|a)\s+year|the\s+pre))")
_YEAR_PASSES = tuple(regex.compile(start + _YEAR_BODY) for start in YEAR_MENTION_STARTS)
_EN_BASE = regex.compile(r"(?i:\b(?:from|than|over|compared\s+with)\s+)$")
# "Under a plan unveiled in 2023, the area will house 2.5 million people": the year dates the
# plan's release, not the figures after it.
_RELEASED = regex.compile(r"(?r)(?i:\b(?:unveiled|released|issued|published|approved|launched|announced|adopted|introduced|enacted)\s+)$")
_FOUR_DIGITS = regex.compile(r"[0-9]{4}")
_FOUR_CN_DIGITS = regex.compile(r"[〇零一二三四五六七八九]{4}")
# After a span or plan: its end (“十二五”末的, by the end of the 15th Five-Year Plan), or the
# ends of a from -> to pair under it (由35.2%提高到61.4%; not 达到, a level reached).
_PLAN_END = regex.compile(r"[”\"」』]?\s?(?P<end>末|期末|末期)\s?(?P<de>的)?\s?")
_EN_PLAN_END = regex.compile(r"(?i:\b(?:by|at)\s+the\s+end\s+of\s+(?:the\s+)?)$")
_PLAN_BASE = regex.compile(r"[比较]\s?[“\"「『]?$")  # 较“十三五”末提高: a comparison base
_FROM = regex.compile(r"(?:由|从|(?i:\bfrom))\s*$")
_EN_FROM = regex.compile(r"(?i:\bfrom\s+)$")
_FROM_IN = regex.compile(r"由|从|(?i:\bfrom\b)")
_TO = regex.compile(r"(?:(?<!达)到|至|(?i:\bto))\s*$")
# 去（2025）年: the writer says which year 去年 is (so the text was written in 2026).
_GLOSS = regex.compile(r"(?P<which>[去今])\s?[(（]\s?(?P<year>(?:19|20)[0-9]{2})\s?[)）]\s?年")
#: How far below an article's start its date line or gloss may stand (characters).
WRITTEN_REACH = 2000
# After an English year that trails a figure: the same clause going on to another figure (…
# to 72 percent by 2025 and to build a one-hour commuting circle: one goal of 2025; 12,000 km by
# 2030, with intercity lines linking all cities within 1-2 hours: "with" goes on from a goal's year
# only, not from a past one's to an addition since a date; 71.7% at the end of 2024,
# compared with 67% nationwide); a year before a trailing year passed over reaches past it to nothing.
_CONTINUES = regex.compile(r"\s*,?\s*(?i:marking|up|down|growing|rising|falling|an\s+increase|a\s+rise|a\s+drop|a\s+decline|"
                           r"representing|accounting|equal|leaving|bringing|taking|lifting|pushing|making|aiming|while|of\s+whom|of\s+which|and\s+to|"
                           r"(?P<with>with)|(?P<compared>compared\s+with))\b")
# A comparison dated by words of its own: compared with 50% a decade ago.
_AGO = regex.compile(r"[^,;.]{0,40}?(?i:\b(?:ago|earlier|before|previously)\b)")
# "… 74.2 percent in 2024, 1.5 percentage points higher than …": a figure right after the year
# and a comma says more of the same.
_APPOSITIVE = regex.compile(r"\s*,\s*(?i:(?:still|about|nearly|roughly|around|almost|some|over|more\s+than|or)\s+)*")
_COMPARED = regex.compile(r"(?i:\bthan\b|compared\s+with|\bagainst\b)")
_PARENTHESES = regex.compile(r"[(（][^()（）]{0,60}[)）]")
# "runs about 530 km and is set to reach 606 km by 2025": a verb of the future after "and" starts
# a clause of its own, whose goal year is not the first figure's.
_CLAUSE_MARK = regex.compile(r"(?<![0-9])[,，]|[,，](?![0-9])|[;；。:：!?！？]|(?i:\b(?:while|but|which|whereas|against|than|since|from)\b)"
                             r"|(?i:\band\s+(?:will|(?:is|are)\s+(?:set|expected|due|slated|planned)\s+to|plans?\s+to|aims?\s+to)\b)")
_CLAUSE_WORD = regex.compile(r"[;；。:：!?！？]|(?i:\b(?:while|but|which|whereas|against|than|since|from)\b)")
# A figure in an appositive before the verb ("The area, home to 13.3 million people, produced
# 1.78 trillion yuan of GDP in 2024"; "China's first railway, a 15-km line, was built in 1876").
_APPOSITIVE_LEAD = regex.compile(r"[,，]\s*(?i:home\s+to|spanning|covering|with|an?)\s+(?:[^,，;；.]|(?<=[0-9])[,.](?=[0-9]))*$")
_APPOSITIVE_REACH = 160
# Paragraphs end at a line break, and so do the bullets of a digest summary ("... [1] - The
# province ...", "Group 2: ..."): each bullet is a statement of its own, no year carries over.
# In two passes (finding/scan.py): line breaks and "Group 2:"; and a dash between words,
# looked for from each dash, not at every blank of English text (3x faster than one pattern).
_PARAGRAPH_BREAK_PASSES = (regex.compile(r"(?=[\ngG])(?:\n|(?i:\bgroup\s+[0-9]+\s*:))"),
                           BlanksBeforeMark(regex.compile(r"(?<=\S)\s+-\s+(?=\S)"), "-", "\n"))
# A heading line: short, no sentence punctuation (一、2024年工作回顾). A year in it is the year of
# the paragraphs under it until a heading with another year.
_HEADING = regex.compile(r"^[^\n。；;！？!?]{2,40}$", regex.MULTILINE)
# A heading line with a year and a month is a dateline (2025年3月28日; ——2025年1月在…会议上;
# 二〇二三年一月十四日), which dates the text, not the paragraphs under it.
_DATE_LINE = regex.compile(r".*?(?:(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})\s?年\s?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s?月.*")
# Before a figure in its sentence, these make it a sum over a span, which no single year
# dates: “十四五”以来, 2022年至2024年, 两年来, over the past five years (一年来 is the one year in
# force: a work report's 2024年是…关键一年。一年来，…增长5.1%; 十一年来 is a span).
_SPAN_MARKER = regex.compile(r"(?=[以期年sSoOiI])"  # the first characters: the engine skips to them
                          r"(?:(?<!今年|本年)以来|期间|(?<!(?<![十0-9])一)年来|年间|(?<=(?<![0-9])[两二三四五六七八九十0-9]{1,3})年(?:内)?累计|"
                          r"(?i:\bsince\b|\bover\s+the\s+(?:past|last|same|next)\b|\bin\s+the\s+past\b))")
_SINCE_AFTER = regex.compile(r"(?i:\s+(?:[a-z-]+\s+){0,3}?(?:since\b|(?:over|in|during|within)\s+the\s+(?:next|coming|past|last)\s+"
                             r"(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|few|several)\s+years\b))")
# Words after a figure that put it under a span of years written after it (help 3 million migrants
# settle in cities from 2025 to 2027): a sum over the span, no one year's value.
_SPAN_AFTER = regex.compile(r"(?i:\s+(?:[a-z-]+\s+){0,4}?(?:from|during|between|over|in)\s+(?:the\s+)?)")
_SPAN_AFTER_REACH = 48
_NAMED_SPAN_GAP = regex.compile(r"[”\"」』]?\s?(?:时期|期)?")  # “十四五”以来
# A span of years from now that a sentence is set in (用5年左右时间, within five years): no
# figure of the sentence has one year.
_YEARS_FROM_NOW = regex.compile(r"用\s?[0-9一二三四五六七八九十两]{1,3}\s?年(?:左右)?(?:的)?时间|经过\s?[0-9一二三四五六七八九十两]{1,3}\s?年"
                                r"|(?i:\bwithin\s+(?:the\s+next\s+)?(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten)\s+years\b)")
# Words of the future (未来还将有3至5条线路): a year stated before does not carry into the sentence.
_LATER = regex.compile(r"未来|今后|将来|(?i:\bin\s+the\s+future\b)")
# A plan or a prospect (按照规划，…将新增车站9座; will): no year before the text's own carries into it.
_PLANNED = regex.compile(r"将(?!近)|计划(?![》（(]|单列)|规划建设|按照规划|建成后|拟|(?i:\bwill\b|\bplans?\s+to\b|\bis\s+set\s+to\b)")
# Figures of every year (每年安排1亿元, 1.5 percentage points a year) are no one year's value.
_EVERY_YEAR_BEFORE = regex.compile(r"每年|每一年")
_EVERY_YEAR_AFTER = regex.compile(r"\s*(?i:(?:a|per|each|every)\s+year\b|annually\b)")
# A trailing English year after a comparison ("compared with 58.33% in 2020") dates its
# figure, not the sentences after it.
_COMPARISON = regex.compile(r"(?i:\bcompared\s+with\b|\bagainst\b|\bthan\b|\bversus\b|\b(?:up|down)\s+from\b)")
_CLAUSE_START = regex.compile(r".*(?:[,，;；。:：!?！？\n]|\.(?![0-9]))", regex.DOTALL)
_COMPARISON_REACH = 80  # characters before the year that the comparison may stand
_TRAILING_GAP = regex.compile(r"[\s,，]{0,3}$")
# "12,000 vehicles a day in 2024", "480 billion yuan in transport projects in 2025": a short
# phrase without figures or clause breaks may stand between a figure and its trailing year.
_TRAILING_PHRASE = regex.compile(r"\s*(?:[A-Za-z][\w'’-]*\s+){0,4}?$")


# The headline of a report about one year: its year dates every figure that states none.
_REPORT_TITLE = regex.compile(
    r"(?P<year>(?:19|20)[0-9]{2})\s?年度?[^\n]{0,24}?(?:统计公报|国民经济和社会发展|年报|年度报告|监测报告|统计年鉴)"
    r"|(?i:(?P<en>(?:19|20)[0-9]{2})\s+(?:statistical\s+communiqu|annual\s+report))")


def report_year(title: Optional[str]) -> Optional[int]:
    """The year of a headline such as 吉林省2024年国民经济和社会发展统计公报, else None."""
    m = _REPORT_TITLE.search(title) if title else None
    return int(m.group("year") or m.group("en")) if m else None


class DeferredYear:
    """A year attribute that may be given a function instead of the year: the function is
    called on first read, and its year kept. The own year of a large input is a pre-pass
    over all of it (engine.WholeTextYear), made only when a figure needs it."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = "_" + name

    def __get__(self, obj, owner=None) -> Optional[int]:
        if obj is None:
            return self
        year = obj.__dict__.get(self.name)
        if callable(year):
            year = obj.__dict__[self.name] = year()
        return year

    def __set__(self, obj, year: Union[Optional[int], Callable[[], Optional[int]]]) -> None:
        obj.__dict__[self.name] = year

@dataclass(frozen=True)
class YearMention:
    start: int
    end: int
    year: int
    binds_one: bool      # 2020年的55.43%: the year of the next figure only
    english: bool        # trails its figure: "59.22% in 2024", "54 a year earlier", （2010）


class TextDates:
    """When each article of a text was written and what its headline reports on: 今年 and
    去年 count from the first, a 上年 with no year stated before it from the second.

    `articles`: (start, year written, year of a report headline) of each article, sorted;
    the year written is the dateline's, else that of a date line under the headline
    (——2025年1月在…会议上), else what a gloss says (去（2025）年: written in 2026)."""

    def __init__(self, articles: Sequence[tuple[int, Optional[int], Optional[int]]] = ()):
        self.articles = list(articles)
        self._starts = [start for start, _, _ in self.articles]

    def _article(self, pos: int) -> tuple[int, Optional[int], Optional[int]]:
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.articles[i] if i >= 0 else (0, None, None)

    def today(self, pos: int) -> Optional[int]:
        return self._article(pos)[1]

    def reported(self, pos: int) -> Optional[int]:
        return self._article(pos)[2]


def _year_value(text: str) -> Optional[int]:
    digits = _FOUR_DIGITS.search(text)
    if digits:
        return int(digits.group())
    cn = _FOUR_CN_DIGITS.search(text)
    if cn:
        value = int("".join(_CN_YEAR_DIGITS[ch] for ch in cn.group()))
        return value if 1900 <= value <= 2100 else None
    return None


def stated_years(folded: str, excluded: Sequence[tuple[int, int]], spans_of_years: Sequence[tuple],
                 state: Optional[dict] = None, quiet: Sequence[tuple[int, int]] = (),
                 dates: Optional[TextDates] = None) -> list[YearMention]:
    """The years `folded` states as such: not in `excluded` (outlet lines) nor in a span of
    years (`spans_of_years`, sorted, each (start, end, start year, end year): 2021—2025年),
    nor a comparison base or a list of years (see _YEAR_BODY); the end of a plan
    (“十二五”末) is its end year. `state["in_force"]`: the year in force at the start of
    `folded` (a segment of a large input), set to the one at its end; years in `quiet`
    (target years 到2030年, date lines; sorted spans) are never in force. 今年 / 去年 count
    from when the text was written (`dates`); without it they give no year."""
    spans = [p[:2] for p in spans_of_years]
    state = state if state is not None else {}
    found = [y for y in _mentions(folded, state, quiet, dates or TextDates())
             if not inside(y.start, y.end, excluded) and not overlaps(y.start, y.end, spans)]
    found.extend(_plan_ends(folded, spans_of_years, excluded))
    return sorted(found, key=lambda y: y.start)


def _plan_ends(folded: str, spans_of_years: Sequence[tuple], excluded: Sequence[tuple[int, int]]):
    """“十二五”末，… / “十四五”末的4.2个百分点 / by the end of the 15th Five-Year Plan: the plan's
    end year, stated (not after 比 / 较, a base)."""
    for start, end, _, last in spans_of_years:
        if inside(start, end, excluded):
            continue
        m = _PLAN_END.match(folded, end, end + 8)
        if m and not _PLAN_BASE.search(folded, max(0, start - 3), start):
            yield YearMention(start, m.end(), last, bool(m.group("de")), False)
        en = _EN_PLAN_END.search(folded, max(0, start - 24), start)
        if en:  # "3,000 kilometers by the end of the 15th Five-Year Plan": 2030, trailing its figure
            yield YearMention(en.start(), end, last, False, True)


def _mentions(folded: str, state: dict, quiet: Sequence[tuple[int, int]], dates: TextDates):
    in_force = state.get("in_force")
    for m in scan(_YEAR_PASSES, folded, REGEX_TIMEOUT):
        english = bool(m.group("en") or m.group("paren") or m.group("en_previous") or m.group("en_last")
                       or m.group("en_this"))
        if m.group("rbase") and not m.group("rde"):
            continue  # 比上年增长, 同去年相比: a comparison base dates nothing
        if m.group("en_previous") and _EN_BASE.search(folded, max(0, m.start() - 16), m.start()):
            continue  # up 0.84 percentage points from a year earlier: a comparison base
        if m.group("en") and _RELEASED.match(folded, max(0, m.start() - 16), m.start()):
            continue  # a plan unveiled in 2023: the date of a document
        if m.group("previous") or m.group("en_previous"):  # 上年的59.8%: the year before the one in force
            base = in_force if in_force is not None else dates.reported(m.start())
            if base is not None:
                yield YearMention(m.start(), m.end(), base - 1, bool(m.group("rde")), english)
            continue
        if m.group("last") or m.group("this") or m.group("en_last") or m.group("en_this"):
            today = dates.today(m.start())  # 去年 / last year: the year before the one the text was written in
            if today is not None:
                year = today - 1 if m.group("last") or m.group("en_last") else today
                in_force = state["in_force"] = year
                yield YearMention(m.start(), m.end(), year, bool(m.group("rde")), english)
            continue
        year = _year_value(m.group("gloss") or m.group("paren") or m.group("zh") or m.group())
        if year is None or m.group("list"):
            continue  # 2022年、2023年先后确定…共20个: a list of years is dated by its last
        if m.group("base") and not m.group("de"):
            continue  # 比2020年增长: a comparison base dates nothing
        if not m.group("base") and not inside(m.start(), m.end(), quiet):
            in_force = state["in_force"] = year
        yield YearMention(m.start(), m.end(), year, bool(m.group("de")), english)


def written_year(head: str) -> Optional[int]:
    """The year an article was written, from the date line under its headline (——2025年1月在…)
    or a gloss (去（2025）年) in `head` (its first WRITTEN_REACH characters, folded): for an
    article without a dateline."""
    for line in _HEADING.finditer(head, timeout=REGEX_TIMEOUT):
        if _DATE_LINE.fullmatch(line.group()):
            return _year_value(line.group())
    gloss = _GLOSS.search(head, timeout=REGEX_TIMEOUT)
    if gloss:
        return int(gloss.group("year")) + (1 if gloss.group("which") == "去" else 0)
    return None


class YearScope:
    """The years of one text and the year each of its figures takes from them."""

    # The text's own year when no dateline gives it (TargetScope.text_year: the latest it
    # states outside goals, over the whole input), set by the engine: a function for a
    # segment of a large input, called on first need.
    text_year = DeferredYear()

    def __init__(self, folded: str, excluded: Sequence[tuple[int, int]],
                 spans_of_years: Sequence[tuple[int, int, int, int]], year_state: Optional[dict] = None,
                 futures: Sequence[tuple[int, int]] = (),
                 articles: Sequence[tuple[int, Optional[int], Optional[int]]] = ()):
        """`excluded`: outlet lines (no year comes from them); `spans_of_years`: periods such
        as 2021—2025年 (start, end, start year, end year), whose years are not the reference
        year of nearby figures; `year_state`: the year in force, carried from segment to
        segment (stated_years); `futures`: target year phrases (到2030年, by 2030; sorted
        spans); `articles`: (start, year written, year of a report headline) of each article
        starting in or before this text (TextDates)."""
        self.folded = folded
        self.periods = sorted(spans_of_years)
        self.period_starts = [p[0] for p in self.periods]
        self._futures = _merged(sorted(futures))
        self.dates = TextDates(articles)
        # (start, end, is a date line) of every heading line: read once, for the date lines
        # here and the years of sections (_section_years).
        self._headings = [(m.start(), m.end(), "年" in m.group() and _DATE_LINE.fullmatch(m.group()) is not None)
                          for m in _HEADING.finditer(folded, timeout=REGEX_TIMEOUT)]  # (a date line holds 年)
        date_lines = [(start, end) for start, end, dated in self._headings if dated]
        quiet = _merged(sorted(self._futures + date_lines))
        self.years = stated_years(folded, excluded, self.periods, year_state, quiet, self.dates)
        self.year_starts = [y.start for y in self.years]
        self.year_ends = [y.end for y in self.years]
        self.text_year = None
        self.paragraphs = [0] + [m.end() for m in scan(_PARAGRAPH_BREAK_PASSES, folded, REGEX_TIMEOUT)]
        self.columns = YearColumns(folded)
        self.section_years = list(self._section_years())
        self.section_starts = [p for p, _ in self.section_years]
        self.figure_spans: list[tuple[int, int]] = []
        self._figure_starts: list[int] = []

    def set_figures(self, spans: list[tuple[int, int]]) -> None:
        """The spans of every figure of the text, sorted: a year binds to the figures near it."""
        self.figure_spans = spans
        self._figure_starts = [s for s, _ in spans]

    def carry_section_year(self, year: int) -> None:
        """The year of the heading that the start of this text stands under (a segment of a
        large input: the last heading with a year of the segments before)."""
        self.section_years.insert(0, (0, year))
        self.section_starts.insert(0, 0)

    def _section_years(self):
        """(end of a heading line, its year) for the headings stating a year that are neither a
        headline, a date line (2025年3月28日: it dates the text) nor a target (到2027年)."""
        headlines = {start for start, _, _ in self.dates.articles}
        for start, end, dated in self._headings:
            if dated or start in headlines or self.columns.in_header(start, end):
                continue  # a headline dates its figures only as a report's (TextDates.reported); 指标　2020年　2025年: a table's
            i = bisect.bisect_left(self.year_starts, start)
            if i < len(self.years) and self.years[i].end <= end \
                    and not inside(self.years[i].start, self.years[i].end, self._futures):
                yield end, self.years[i].year

    def _figure_between(self, left: int, right: int) -> bool:
        i = bisect.bisect_left(self._figure_starts, left)
        return i < len(self._figure_starts) and self._figure_starts[i] < right

    def _trails_a_figure(self, mention: YearMention) -> bool:
        i = bisect.bisect_left(self._figure_starts, mention.start) - 1
        if i < 0:
            return False
        end = self.figure_spans[i][1]
        return end <= mention.start and self._trailing_gap(end, mention.start)

    def _same_clause(self, end: int, mention_start: int) -> bool:
        """Do a figure and an English year after it stand in one clause (no comma or clause
        break between them outside parentheses, figures of a range or a list aside)?"""
        gap = _PARENTHESES.sub("", self.folded[end:mention_start])
        return len(gap) <= 80 and not _CLAUSE_MARK.search(gap)

    def _from_before_goal(self, start: int, after: YearMention) -> bool:
        """Is the figure the start of a from -> to pair that a goal year ends (widen the program
        from 120 pilot counties to about 200 by 2027): today's value, not the goal's?"""
        return bool(_EN_FROM.search(self.folded, max(0, start - 8), start)) \
            and inside(after.start, after.end, self._futures)

    def _in_appositive(self, start: int, end: int, mention_start: int, left: int) -> bool:
        """Is the figure in an appositive of the subject of the clause the English year ends,
        with no year stated before it in its sentence?"""
        if mention_start - end > _APPOSITIVE_REACH or bisect.bisect_left(self.year_starts, start) \
                > bisect.bisect_left(self.year_starts, left):
            return False
        return bool(_APPOSITIVE_LEAD.search(self.folded, max(left, start - _APPOSITIVE_REACH), start)
                    and not _CLAUSE_WORD.search(self.folded, end, mention_start))

    def _trailing_gap(self, end: int, mention_start: int) -> bool:
        if mention_start - end > MAX_SENTENCE:  # the previous figure may be far away
            return False
        gap = self.folded[end:mention_start]
        if _COMPARED.search(gap):
            return False  # 14.21 percentage points higher than the figure for 2010
        return bool(_TRAILING_GAP.fullmatch(gap) or _TRAILING_PHRASE.fullmatch(gap))

    def year(self, start: int, end: int, left: int, right: int, worded: bool = True) -> Optional[int]:
        """The year the text gives this figure: its sentence's ("59.22% in 2024", "2024年，…",
        "2020年的55.43%"), else the last year stated before it in its paragraph (a year carries
        on until another year or a span is stated, or a sentence speaks of the future: 未来),
        else the year of the heading it stands under, else that of a report headline
        (2024年…统计公报); in a table whose header is a row of years, that of its column. A figure under a span (“十四五”以来, since 2021) or of every year
        (每年安排1亿元) has none. `worded`: the sentence holds a letter (False skips the tests
        of words within it)."""
        cell = self.columns.cell(start)
        if cell is not None:
            return cell[0]  # 常住人口城镇化率　54.2%　58%左右: the year of its column
        if _SINCE_AFTER.match(self.folded, end, end + 60):
            return None  # an increase of about 1,200 kilometers since the start of the plan: a span's
        i = bisect.bisect_left(self.period_starts, end)
        if i < len(self.periods) and self.period_starts[i] - end <= _SPAN_AFTER_REACH \
                and _SPAN_AFTER.fullmatch(self.folded, end, self.period_starts[i]):
            return None  # help 3 million migrants settle in cities from 2025 to 2027
        year = self._sentence_year(start, end, left, right)
        if year is not None:
            return year
        if self._under_span(left, start, worded) or worded and (
                _YEARS_FROM_NOW.search(self.folded, left, right) or _EVERY_YEAR_BEFORE.search(self.folded, left, start)) \
                or _EVERY_YEAR_AFTER.match(self.folded, end, end + 16):
            return None
        if not worded or not _LATER.search(self.folded, left, start):
            year = self._carried(start, left, worded and bool(_PLANNED.search(self.folded, left, start)))
            if year is not None:
                return year if year > 0 else None
        return self.dates.reported(start)

    def _carried(self, start: int, left: int, planned: bool) -> Optional[int]:
        """The last year stated before the figure's sentence in its paragraph (0: none, on
        purpose), else its heading's; a plan (将, 计划, will) takes no year before the text's own."""
        paragraph = self.paragraphs[bisect.bisect_right(self.paragraphs, start) - 1]
        k = bisect.bisect_right(self.year_ends, left) - 1
        while k >= 0 and self.years[k].start >= paragraph:
            mention = self.years[k]
            k -= 1
            if not mention.binds_one and not (mention.english and self._after_comparison(mention)):
                if self._span_since(mention.end, left) or (mention.english and self._trails_a_figure(mention)
                                                           and inside(mention.start, mention.end, self._futures)):
                    return 0  # …; 十余年来…: a span since; "… 70,000 kilometers by 2035.": that goal's own year
                if planned and not inside(mention.start, mention.end, self._futures):
                    today = self.dates.today(start) or self.text_year
                    if today is None or mention.year < today:
                        return 0  # 该线路于2016年底贯通。按照规划，…将新增车站9座
                return mention.year
        i = bisect.bisect_right(self.section_starts, paragraph) - 1
        return self.section_years[i][1] if i >= 0 else None

    def _span_since(self, after: int, left: int) -> bool:
        """Does a span reaching to the present follow a year (2010年…开通。十余年来…; 自2018年通车以来)?
        It ends the year's reach; a named one (“十四五”以来) does not."""
        for m in _SPAN_MARKER.finditer(self.folded, after, left, timeout=REGEX_TIMEOUT):
            i = bisect.bisect_right(self.period_starts, m.start()) - 1
            if i < 0 or not _NAMED_SPAN_GAP.fullmatch(self.folded, self.periods[i][1], m.start()):
                return True
        return False

    def _after_comparison(self, mention: YearMention) -> bool:
        """Does an English year close a comparison ("…, compared with 58.33% in 2020")?"""
        floor = max(0, mention.start - _COMPARISON_REACH)
        clause = _CLAUSE_START.match(self.folded, floor, mention.start)
        return bool(_COMPARISON.search(self.folded, clause.end() if clause else floor, mention.start))

    def _period_year(self, start: int, left: int) -> Optional[int]:
        """A figure dated by a span before it in its sentence, with no year stated between them:
        2005至2020年间，城镇化率由35.2%提高到61.4% (its start year, then its end year)."""
        i = bisect.bisect_left(self.period_starts, start) - 1
        if i < 0 or self.periods[i][0] < left or self.periods[i][1] > start:
            return None
        _, p_end, first, last = self.periods[i]
        k = bisect.bisect_left(self.year_starts, p_end)
        if k < len(self.years) and self.years[k].end <= start:
            return None  # 2022年缩小到8.2个百分点: the year stated nearer
        before = self.folded[max(p_end, start - 6):start]
        if _FROM.search(before):
            return first
        if _TO.search(before) and _FROM_IN.search(self.folded, p_end, start):
            return last
        return None

    def _under_span(self, left: int, start: int, worded: bool = True) -> bool:
        """Does a span of years govern the figure (十四五以来, 2022年至2024年, since 2021)? One
        in its clause (after the last ；) that is not in a title (《…计划（2023－2025）》)."""
        left = max(left, self.folded.rfind("；", left, start) + 1, self.folded.rfind(";", left, start) + 1)
        i = bisect.bisect_left(self.period_starts, left)
        while i < len(self.period_starts) and self.period_starts[i] < start:
            p_start, p_end = self.periods[i][:2]
            if not (self.folded.rfind("《", left, p_start) > self.folded.rfind("》", left, p_start)
                    and self.folded.find("》", p_end, start) >= 0):
                return True
            i += 1
        return worded and bool(_SPAN_MARKER.search(self.folded, left, start))

    def _sentence_year(self, start: int, end: int, left: int, right: int) -> Optional[int]:
        period_year = self._period_year(start, left)
        if period_year is not None:
            return period_year
        i = bisect.bisect_left(self.year_starts, end)
        if i < len(self.years):
            after = self.years[i]
            if after.english and after.start < right and not self._from_before_goal(start, after) and (
                    (self._trailing_gap(end, after.start) and not self._figure_between(end, after.start))
                    or self._same_clause(end, after.start) or self._in_appositive(start, end, after.start, left)):
                return after.year  # "grew 6.1 percent to 3.2 trillion yuan (about ...) in 2021": all three
        k = bisect.bisect_left(self.year_starts, start) - 1
        skipped = False  # a trailing year passed over: one before it goes on to no figure after it
        while k >= 0 and self.years[k].start >= left:
            mention = self.years[k]
            k -= 1
            if mention.end > start:
                continue
            if mention.binds_one:
                if not self._figure_between(mention.end, start):
                    return mention.year
                continue
            if mention.english and self._trails_a_figure(mention):
                goes_on = _CONTINUES.match(self.folded, mention.end, start)
                if skipped or (goes_on is None or goes_on.group("compared") and _AGO.match(self.folded, start, start + 60)
                               or goes_on.group("with") and not inside(mention.start, mention.end, self._futures)) \
                        and not _APPOSITIVE.fullmatch(self.folded, mention.end, start):
                    skipped = True
                    continue  # "59.22% in 2024" dates its own figure, unless the clause goes on (…, marking a 5.2% rise)
            if _SPAN_MARKER.search(self.folded, mention.end, start):
                return None  # 自2018年通车以来，累计…; 2014年底…，十年来增加…: a span from that year
            return mention.year
        return None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping ones joined (a heading holding a target year)."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
