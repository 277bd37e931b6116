"""Target or value reached (the `target` field, contract v2).

A figure is a target when a target word (rules/targets.toml: 力争, 目标, 预计, will, aims
to, ...) stands before it in its sentence with no word of a value reached (已, 实际, so
far) between them, when a target word follows it (控制在5%以内, 73%的目标), when its
sentence opens with 届时 or 其中 after a target, when a year phrase of its sentence
(到2030年, by 2030) lies after the text's own date, or when such a phrase led an earlier
sentence of its paragraph and no year was stated since (the year rule of contract v2).

A target word reaches the figures of its own statement: not past a semicolon, not past the
parenthesis or the comparison it closes (规划目标（65%），但…; 比年度调控目标5.5%低0.6个百分点),
not into the share of it reached (完成全年计划6万人的113.3%). Words that hold a target word
are none (行动计划, 规划范围); words of holding a level (控制在) count only in a goal's
context. Some figures are never targets (rules `not_after` / `not_before`: 300万以下的城市,
42项重点任务, the start of 由X缩短至Y). Target words are found in one pass over the text and
looked up per figure with bisect, so the cost per figure is constant.
"""

from __future__ import annotations

import bisect
from typing import Optional, Sequence

import regex

from ..pack.compiled import Compiled
from .tables import YearColumns
from .years import DeferredYear

# A heading or a lead-in (二、主要目标; 三、2025年重点工作; 重点抓好以下工作：) that opens a section of goals and tasks:
# every figure under it is a target, until the next heading. So does a plan's box of works
# (专栏1　县城补短板强弱项工程), unless it looks back (专栏1　“十三五”主要成就). A heading that looks back
# (工作回顾, 完成情况) opens a section of values reached.
_HEADING_LINE = regex.compile(r"^[^\n。；;！？!?]{2,40}$", regex.MULTILINE)
_LEAD_IN = regex.compile(r"(?:以下工作|重点任务|主要任务|主要目标|预期目标|工作安排)[^\n。；;：:]{0,6}[：:]")
_GOALS = regex.compile(r"^\s*专栏|^\s*專欄|(?:发展|主要|预期|总体|具体)目标|目标任务|(?:重点|主要)(?:任务|工作)|工作重点|工作安排|以下工作|下一步|展望|今后|"
                       r"(?i:\b(?:targets|goals|outlook|next\s+steps)\b)")
_LOOKING_BACK = regex.compile(r"回顾|成就|进展|完成情况|成效|综合|(?i:\b(?:review|results|achievements)\b)")
_SECTION_WORD = regex.compile(_LOOKING_BACK.pattern + "|" + _GOALS.pattern)
# A part of every section word: a heading without one is read no further.
_SECTION_HINT = regex.compile(r"专栏|專欄|目标|任务|工作|下一步|展望|今后|回顾|成就|进展|完成情况|成效|综合"
                              r"|(?i:targets|goals|outlook|next|review|results|achievements)")
# A line that states a span up to a year (规划期至2025年　远期展望至2035年) is a headline's dek,
# not the heading of a section of goals.
_SPAN_STATEMENT = regex.compile(r"[至到]\s?(?:19|20)[0-9]{2}\s?年")
# A target word of a figure reached against a plan (为目标的114.1%, 完成全年计划6万人的113.3%): the
# figure is the share of the target reached, not a target.
_TARGET_NOUNS = ("目标", "计划")
_SHARE_AFTER_NOUN = regex.compile(r"[^，,；;。]{0,12}的\s*$")
# 比年度调控目标5.5%低0.6个百分点: a target word after 比 / 较 names the base of a comparison; only
# the figure right after it is the target. 比例 / 比重 (a share) compare nothing.
_COMPARED = regex.compile(r"(?r)(?:比(?![例重率])|较|與|与|than)\s?[^，,；;。\d]{0,6}$")
# 由目前的1.5小时缩短至50分钟: a word of a value reached after 由 / 从 holds for the figure it leads
# to, not for the level after 至 / 到.
_FROM = ("由", "从")
_TO = regex.compile(r"至|到")
# "from 120 pilot counties to about 200 by 2027": a trailing year belongs to the end of the pair.
_PAIR_TO = regex.compile(r"(?i:\bto\b)|至|到")
# A figure after 由 / 从 is the start of a from -> to pair when a 至 / 到 follows it: a value of
# today, whatever target word stands before (将由1小时以上缩短至30分钟左右).
# The base may be per head or per month (由每人每月5000元提高至6000元).
_FROM_PAIR = regex.compile(r"(?r)[由从]\s?(?:目前|现在|现有|当前|原来|过去|每[人户年月日天])*的?\s?(?:约|近|超过)?\s?$")
_TO_AFTER = regex.compile(r"[^，,。；;]{0,8}?(?:至|到)")
# The words an English sentence may open with before a figure that is its subject.
_SUBJECT_START = regex.compile(r"\s*(?i:(?:the|a|an|some|about|nearly|over|another|more\s+than)\s+)?")
# A year phrase that leads its sentence (到2030年，…; By 2030, ...) governs what follows it; a trailing
# one (... by 2029) binds its own clause.
_LEADS = regex.compile(r"\s{0,2}(?:末|底|前)?\s{0,2}[，,]")
# How far before a figure a year binds it alone (2024年为443万人, 2024年末的), and how.
_OWN_YEAR_REACH = 9
_BINDS_ALONE = regex.compile(r"(?r)年[末底初]?[为為的]\s*$")
# A goal noun right before one of these closed the statement it ends (…的年度目标；); a verb
# (预计，… 他估计，…) opens the clause after it.
_CLOSING = "；;，,。"
_GOAL_NOUN = regex.compile(r"(?:目标|计划|规划|(?i:targets?|goals?))$")
_APPOSED = regex.compile(r"(?i:,\s*(?:at|of)\s*$)")  # Tibet set the highest goal, at 7%
# The words after a plan's name that make it the time of what follows (“十五五”期间, 2026—2030年间).
_PLAN_TIME = regex.compile(r"[”\"》）)]?\s?(?:期间|时期|期内|间|内)")
# A figure in an appositive of a subject whose verb looks ahead: "X, an 18km line connecting A
# with B, is expected to …" / "…, will …".
_APPOSED_BEFORE = regex.compile(r"(?i:,\s*(?:an?|the|some|about)\s+)$")
_FUTURE_AFTER_APPOSITIVE = regex.compile(r"(?i:[^,;.。；]{0,100},\s*(?:(?:is|are)\s+(?:expected|set|scheduled|due|slated|planned|projected)\s+to|will)\b)")
# The end of a quoted statement: a target word inside it reaches no figure after it.
_QUOTE_CLOSED = regex.compile(r"[,.，。!?！？]\s?[”\"」』]")
# How far from a position the words after a figure or at a sentence start are matched: a
# bounded match costs the same in a 1 KB article and a 10 MB file.
MATCH_REACH = 80


def future_years(folded: str, c: Compiled) -> list[tuple[int, int, int]]:
    """(start, end, year) of the phrases of a year ahead (到2030年, by 2030) in `folded`, in
    text order: one scan per text, for the year scope and the target scope alike."""
    found = sorted((m for pattern in c.future_years for m in pattern.finditer(folded)), key=lambda m: m.start())
    return [(m.start(), m.end(), int(m.group("year"))) for m in found]


def latest_year(folded: str, c: Compiled, stated_years: list[tuple[int, int]]) -> Optional[int]:
    """TargetScope(folded, c, stated_years).text_year, without the rest of the scope."""
    return _latest(stated_years, future_years(folded, c))


def _latest(stated_years: list[tuple[int, int]], futures: list[tuple[int, int, int]]) -> Optional[int]:
    """The text's own date when no dateline gives one: the latest year it states outside
    target phrases (a bulletin of 2024 speaks of 2024; its 到2024年末 is no target)."""
    starts = [s for s, _, _ in futures]

    def in_future(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < futures[i][1]

    return max((year for pos, year in stated_years if not in_future(pos)), default=None)


GOALS, BACK, OTHER = "goals", "back", "other"


def _section_kind(heading: str) -> str:
    """What a heading opens: a section of goals, one that looks back on values reached, or other."""
    if not _SECTION_WORD.search(heading):
        return OTHER  # most short lines (a table's rows): one search, not two
    if _LOOKING_BACK.search(heading):
        return BACK
    if _GOALS.search(heading) and not _SPAN_STATEMENT.search(heading):
        return GOALS
    return OTHER


class TargetScope:
    """Where target words, words of a value reached and future years stand in one text."""

    # The text's own year, the "today" of a figure without a dateline (see _latest); the
    # engine gives a segment of a large input the whole input's, worked out on first need.
    text_year = DeferredYear()

    def __init__(self, folded: str, c: Compiled, stated_years: list[tuple[int, int]],
                 plans: Sequence[tuple[int, int, int]] = (), columns: Optional[YearColumns] = None,
                 futures: Optional[list[tuple[int, int, int]]] = None):
        """`stated_years`: (position, year) of the years the text states as such (no spans,
        comparison bases or lists of years: DocumentContext.years); `plans`: (start, end,
        start year) of the named plans and spans the text states (十五五, 2024—2030年);
        `columns`: its tables whose header is a row of years (a plan's goals are a column);
        `futures`: its future_years, when found already."""
        self.folded = folded
        self.c = c
        self.columns = columns
        # A plan that governs its time (“十五五”期间推动约150万人落户): its figures are targets
        # while the plan has not begun.
        self.plans = [(end, year) for start, end, year in plans
                      if _PLAN_TIME.match(folded, end, end + 6)]
        self.plan_ends = [end for end, _ in self.plans]
        cues = [(start, end, term) for start, end, term in c.target_cues.finditer(folded) if term not in c.target_nouns]
        self.cues = [end for _, end, _ in cues]
        self.cue_starts = [start for start, _, _ in cues]
        self.holds = {end for _, end, term in cues if term in c.target_holds}
        actual = list(c.target_actual.finditer(folded))
        self.actual = [end for _, end, _ in actual]
        self.actual_starts = [start for start, _, _ in actual]
        self.line_breaks = [m.start() for m in regex.finditer("\n", folded)]
        self.stated = sorted(stated_years)
        self.stated_pos = [pos for pos, _ in self.stated]
        self.futures = future_years(folded, c) if futures is None else futures
        self.future_starts = [s for s, _, _ in self.futures]
        self.future_ends = [e for _, e, _ in self.futures]
        self.sections = self._goal_sections()
        self.section_starts = [s for s, _ in self.sections]
        self.text_year = _latest(stated_years, self.futures)

    def _goal_sections(self) -> list[tuple[int, str]]:
        """(position, GOALS / BACK / OTHER) where the kind of section changes: at a heading or
        lead-in of goals or of a look back, and at the first heading after one (which ends it).

        A heading whose kind is OTHER after another OTHER, or before any other kind, changes
        nothing (section_at gives OTHER before the first mark). Most headings hold no section
        word (the rows of a pasted table are short lines too): each costs one search of its
        characters, and no mark."""
        folded = self.folded
        marks = [(m.end(), GOALS) for m in _LEAD_IN.finditer(folded)]
        for m in _HEADING_LINE.finditer(folded):
            if m.start() > 0 and _SECTION_HINT.search(folded, m.start(), m.end()):  # not the headline
                kind = _section_kind(m.group())
                if kind != OTHER:
                    marks.append((m.end(), kind))
        return self._with_ends(marks)

    def _with_ends(self, marks: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """`marks` with the first heading after each of goals or of a look back (which ends
        its section), in order, a mark of the same kind as the one before it left out."""
        for position, kind in list(marks):
            after = self._heading_after(position) if kind != OTHER else None
            if after is not None:
                marks.append(after)
        marks.sort()
        return [mark for i, mark in enumerate(marks) if i == 0 or mark[1] != marks[i - 1][1]]

    def _heading_after(self, position: int) -> Optional[tuple[int, str]]:
        """The mark of the first heading (not the headline) whose mark lies past `position`."""
        line_start = self.folded.rfind("\n", 0, position) + 1
        for m in _HEADING_LINE.finditer(self.folded, line_start):
            if m.start() > 0 and m.end() > position:
                return m.end(), _section_kind(m.group())
        return None

    def carry_section(self, section: str) -> None:
        """A later segment of a large input: the section the segments before ended in goes
        on, and the segment's first line is a heading like any other (not the headline)."""
        marks = [(0, section)]
        first = _HEADING_LINE.match(self.folded)
        if first is not None:
            marks.append((first.end(), _section_kind(first.group())))
        self.sections = self._with_ends(marks + self.sections)
        self.section_starts = [s for s, _ in self.sections]

    def section_at(self, pos: int) -> str:
        i = bisect.bisect_right(self.section_starts, pos) - 1
        return self.sections[i][1] if i >= 0 else OTHER

    @staticmethod
    def _last_before(positions: list[int], left: int, start: int) -> int:
        i = bisect.bisect_right(positions, start) - 1
        return positions[i] if i >= 0 and positions[i] >= left else -1

    def _plan_ahead(self, start_year: int, today: Optional[int]) -> bool:
        """Has a plan beginning in `start_year` not begun by the text's date (unknown: no)?"""
        today = today if today is not None else self.text_year
        return today is not None and start_year > today

    def _ahead(self, year: int, today: Optional[int]) -> bool:
        today = today if today is not None else self.text_year
        return today is None or year >= today

    def is_target(self, start: int, end: int, left: int, right: int, continues_target: bool,
                  today: Optional[int] = None, worded: bool = True) -> bool:
        """Is the figure at [start, end) in the sentence [left, right) a target? `continues_target`:
        the last figure of an earlier sentence was one; `today`: the year of the text's dateline;
        `worded`: the sentence holds a letter (False skips the tests of words within it)."""
        cell = self.columns.cell(start) if self.columns is not None else None
        if cell is not None:
            return cell[1]  # 常住人口城镇化率　54.2%　58%左右　预期性: the goal column of a plan's table
        return self._looks_ahead(start, end, left, right, continues_target, today, worded) \
            and not self._never(start, end, left, today)

    def _never(self, start: int, end: int, left: int, today: Optional[int]) -> bool:
        """Is the figure no target whatever the words around it (looked at only for a figure
        that would be one, which most are not)?"""
        folded, c = self.folded, self.c
        return bool(
            c.target_not_after.match(folded, end, end + MATCH_REACH)  # 300万以下的城市, 42项重点任务
            or c.target_not_after_tail.search(folded, start, end)  # 8个专项行动
            or c.target_not_before.search(folded, max(left, start - 48), start)  # towns with populations between
            or (_FROM_PAIR.search(folded, max(left, start - 12), start)  # 将由1小时以上缩短至30分钟: the pair's start
                and _TO_AFTER.match(folded, end, end + 16))
            or self._own_past_year(left, start, today))  # 突破500万人（2024年为443万人）

    def _looks_ahead(self, start: int, end: int, left: int, right: int, continues_target: bool,
                     today: Optional[int], worded: bool = True) -> bool:
        """What the words around the figure say: a target word, a year ahead, a section of goals."""
        folded, c = self.folded, self.c
        actual = self._actual_before(left, start)
        cue = self._cue_before(left, start, today)
        i = bisect.bisect_right(self.future_ends, start) - 1
        if i >= 0 and self.future_ends[i] >= left and self._ahead(self.futures[i][2], today):
            cue = max(cue, self.future_ends[i])
        j = bisect.bisect_right(self.plan_ends, start) - 1
        if j >= 0 and self.plan_ends[j] >= left and self._plan_ahead(self.plans[j][1], today):
            cue = max(cue, self.plan_ends[j])
        if cue >= 0 and actual <= cue:
            return True
        if actual < 0 and worded and self._subject_of_future(left, start, end, right):
            return True  # The 85-km intercity railway … is scheduled to open by 2027
        if actual < 0 and worded and _APPOSED_BEFORE.search(self.folded, max(left, start - 16), start) \
                and _FUTURE_AFTER_APPOSITIVE.match(self.folded, end, min(right, end + MATCH_REACH + 40)):
            return True  # The West Rail Link, an 18km line to Qianhai, is expected to begin in 2026
        if (c.target_after.match(folded, end, end + MATCH_REACH) and actual < 0
                and not c.target_void_after.search(folded, max(left, start - 12), start)):
            return True  # 控制在5%以内, 14万人的年度目标; not 已压缩到40分钟以内
        i = bisect.bisect_left(self.future_starts, end)  # "70% by 2030": a future year after it
        if (i < len(self.futures) and self.future_starts[i] < right and self._trails(end, self.future_starts[i])
                and self._ahead(self.futures[i][2], today)):
            return True
        if continues_target and c.target_continuation.match(folded, left, left + MATCH_REACH):
            return True
        if actual >= 0:
            return False
        if self._future_paragraph(left, start, today):
            return True  # 到2030年，…达到70%。沈阳都市圈、大连都市圈地区生产总值分别达到2.2万亿元
        return self.section_at(start) == GOALS and not self._past_year_in(left, start, today)

    def _subject_of_future(self, left: int, start: int, end: int, right: int) -> bool:
        """Does an English figure open its sentence, as its subject, before a future verb
        (Fourteen stations will be built; The 85-km railway … is scheduled to open)?"""
        if not _SUBJECT_START.fullmatch(self.folded, left, start):
            return False
        i = bisect.bisect_right(self.cue_starts, end)
        return (i < len(self.cue_starts) and self.cue_starts[i] < right and self.folded[self.cue_starts[i]:self.cues[i]].isascii()
                and not any(ch in self.folded[end:self.cue_starts[i]] for ch in ",;"))

    def _actual_before(self, left: int, start: int) -> int:
        """The end of the last word of a value reached before the figure in its sentence, or -1;
        由目前的1.5小时缩短至50分钟: 目前 after 由 holds only up to the 至."""
        i = bisect.bisect_right(self.actual, start) - 1
        while i >= 0 and self.actual[i] >= left:
            begin, stop = self.actual_starts[i], self.actual[i]
            if not (self.folded[max(left, begin - 1):begin] in _FROM and _TO.search(self.folded, stop, start)):
                return stop
            i -= 1
        return -1

    def _cue_before(self, left: int, start: int, today: Optional[int]) -> int:
        """The end of the target word that reaches the figure in its sentence, or -1."""
        folded = self.folded
        i = bisect.bisect_right(self.cues, start) - 1
        if i < 0 or self.cues[i] < left:
            return -1
        cue, cue_start = self.cues[i], self.cue_starts[i]
        gap = folded[cue:start]
        if folded[cue:cue + 1] in _CLOSING and _GOAL_NOUN.search(folded, cue_start, cue) \
                and not _APPOSED.match(folded, cue, start):
            return -1  # …超额完成14万人的年度目标；年末失业率4.6%: the word closed its own statement
        if folded[cue:cue + 1] in "（(" and any(ch in gap for ch in "）)"):
            return -1  # 超额完成规划目标（65%），但仍低于全国1.4个百分点
        if folded[cue - 2:cue] in _TARGET_NOUNS and _SHARE_AFTER_NOUN.match(folded, cue, start):
            return -1  # 为目标的114.1%, 完成全年计划6万人的113.3%
        if _COMPARED.search(folded, max(left, cue_start - 8), cue_start) and any(ch.isdigit() for ch in gap):
            return -1  # 比年度调控目标5.5%低0.6个百分点
        if any(ch in gap for ch in "；;"):
            return -1  # 预计全年GDP增长2.3%左右；一般公共预算收入3096.9亿元: a statement ends at a semicolon
        if _QUOTE_CLOSED.search(gap):
            return -1  # "Towns will absorb more," he said, adding that 35 counties had been named: the quote ended
        if cue in self.holds and (any(ch in gap for ch in "，,；;。") or self.section_at(start) == BACK
                                  or self._past_year_in(left, start, today)):
            return -1  # 2024年，城镇调查失业率控制在5.2%: a level held, not a goal
        return cue

    def _past_year_in(self, left: int, start: int, today: Optional[int]) -> bool:
        """Does the sentence state a year before the text's own ahead of the figure (2024年，… in
        a report of 2025)?"""
        now = today if today is not None else self.text_year
        if now is None:
            return False
        lo, hi = bisect.bisect_left(self.stated_pos, left), bisect.bisect_left(self.stated_pos, start)
        return any(year < now for _, year in self.stated[lo:hi])

    def _own_past_year(self, left: int, start: int, today: Optional[int]) -> bool:
        """Does a past year right before the figure bind it alone (2024年为443万人)?"""
        now = today if today is not None else self.text_year
        i = bisect.bisect_left(self.stated_pos, start) - 1
        if now is None or i < 0 or self.stated_pos[i] < max(left, start - _OWN_YEAR_REACH):
            return False
        pos, year = self.stated[i]
        return year <= now and _BINDS_ALONE.search(self.folded, pos, start) is not None

    def _future_paragraph(self, left: int, start: int, today: Optional[int]) -> bool:
        """Does a year ahead stated earlier in the paragraph (到2030年，…) still hold, no other
        year stated since? A target year carries on like any stated year."""
        i = bisect.bisect_right(self.future_ends, left) - 1
        if i < 0:
            return False
        now = today if today is not None else self.text_year  # read only when needed: see DeferredYear
        if (now is not None and self.futures[i][2] <= now) or not _LEADS.match(self.folded, self.future_ends[i]):
            return False  # 到2024年末，… in a text of 2024 speaks of its own year
        since = self.future_ends[i]
        if bisect.bisect_left(self.line_breaks, since) != bisect.bisect_left(self.line_breaks, start):
            return False  # another paragraph
        lo, hi = bisect.bisect_left(self.stated_pos, since), bisect.bisect_left(self.stated_pos, start)
        return lo == hi

    def _trails(self, end: int, year_start: int) -> bool:
        gap = self.folded[end:year_start]
        return len(gap) <= 40 and not any(ch in gap for ch in "，,；;。") and not _PAIR_TO.search(gap)
