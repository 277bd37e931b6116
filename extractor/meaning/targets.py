"""Target or value reached (the `target` field, contract v2).

A figure is a target when a target word (rules/targets.toml: 力争, 目标, 预计, will, aims
to, ...) stands before it in its sentence with no word of a value reached (已, 实际, so
far) between them, when a target word follows it (控制在5%以内, 73%的目标), when its
sentence opens with 届时 or 其中 after a target, or when a year phrase of its sentence
(到2030年, by 2030) lies after the text's own date. Target words are found in one pass
over the text and looked up per figure with bisect, so the cost per figure is constant.
"""

from __future__ import annotations

import bisect
from typing import Optional

import regex

from ..pack.compiled import Compiled

# A heading or a lead-in (二、主要目标; 重点抓好以下工作：) that opens a section of goals and tasks:
# every figure under it is a target, until the next heading. A heading that looks back
# (工作回顾, 完成情况) opens a section of values reached.
_HEADING_LINE = regex.compile(r"^[^\n。；;！？!?]{2,40}$", regex.MULTILINE)
_LEAD_IN = regex.compile(r"(?:以下工作|重点任务|主要任务|主要目标|预期目标|工作安排)[^\n。；;：:]{0,6}[：:]")
_GOALS = regex.compile(r"(?:发展|主要|预期|总体|具体)目标|目标任务|(?:重点|主要)任务|工作安排|以下工作|下一步|展望|今后|"
                       r"(?i:\b(?:targets|goals|outlook|next\s+steps)\b)")
_LOOKING_BACK = regex.compile(r"回顾|成就|进展|完成情况|成效|综合|(?i:\b(?:review|results|achievements)\b)")
# A target word right before one of these closed the statement it ends (…的年度目标；).
_CLOSING = "；;，,。"
# A target word followed by 的 and the figure gives the share of the target reached
# (为目标的114.1%, 完成年度计划的112.5%), not a target.
_SHARE_OF_TARGET = regex.compile(r"的\s*$")
# How far from a position the words after a figure or at a sentence start are matched: a
# bounded match costs the same in a 1 KB article and a 10 MB file.
MATCH_REACH = 80


def latest_year(folded: str, c: Compiled, stated_years: list[tuple[int, int]]) -> Optional[int]:
    """TargetScope(folded, c, stated_years).text_year, without the rest of the scope."""
    return _latest(stated_years, sorted((m.start(), m.end(), 0) for pattern in c.future_years
                                        for m in pattern.finditer(folded)))


def _latest(stated_years: list[tuple[int, int]], futures: list[tuple[int, int, int]]) -> Optional[int]:
    """The text's own date when no dateline gives one: the latest year it states outside
    target phrases (a bulletin of 2024 speaks of 2024; its 到2024年末 is no target)."""
    starts = [s for s, _, _ in futures]

    def in_future(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < futures[i][1]

    return max((year for pos, year in stated_years if not in_future(pos)), default=None)


def _opens_goals(heading: str) -> bool:
    return bool(_GOALS.search(heading)) and not _LOOKING_BACK.search(heading)


class TargetScope:
    """Where target words, words of a value reached and future years stand in one text."""

    def __init__(self, folded: str, c: Compiled, stated_years: list[tuple[int, int]]):
        """`stated_years`: (position, year) of the years the text states as such (no spans,
        comparison bases or lists of years: DocumentContext.years)."""
        self.folded = folded
        self.c = c
        self.cues = [end for _, end, _ in c.target_cues.finditer(folded)]
        self.actual = [end for _, end, _ in c.target_actual.finditer(folded)]
        self.futures = [(m.start(), m.end(), int(m.group("year")))
                        for m in sorted((m for pattern in c.future_years for m in pattern.finditer(folded)),
                                        key=lambda m: m.start())]
        self.future_starts = [s for s, _, _ in self.futures]
        self.future_ends = [e for _, e, _ in self.futures]
        self.sections = self._goal_sections()
        self.section_starts = [s for s, _ in self.sections]
        self.text_year = _latest(stated_years, self.futures)

    def _goal_sections(self) -> list[tuple[int, bool]]:
        """(position, is a section of goals) at each heading and lead-in, in text order."""
        marks = []
        for m in _HEADING_LINE.finditer(self.folded):
            line = m.group()
            if m.start() == 0:
                continue  # the headline
            marks.append((m.end(), _opens_goals(line)))
        marks.extend((m.end(), True) for m in _LEAD_IN.finditer(self.folded))
        return sorted(marks)

    def carry_section(self, in_goals: bool) -> None:
        """A later segment of a large input: the section the segments before ended in goes
        on, and the segment's first line is a heading like any other (not the headline)."""
        marks = [(0, in_goals)]
        first = _HEADING_LINE.match(self.folded)
        if first is not None:
            marks.append((first.end(), _opens_goals(first.group())))
        self.sections = sorted(marks + self.sections)
        self.section_starts = [s for s, _ in self.sections]

    def _in_goal_section(self, pos: int) -> bool:
        i = bisect.bisect_right(self.section_starts, pos) - 1
        return i >= 0 and self.sections[i][1]

    @staticmethod
    def _last_before(positions: list[int], left: int, start: int) -> int:
        i = bisect.bisect_right(positions, start) - 1
        return positions[i] if i >= 0 and positions[i] >= left else -1

    def _ahead(self, year: int, today: Optional[int]) -> bool:
        today = today if today is not None else self.text_year
        return today is None or year >= today

    def is_target(self, start: int, end: int, left: int, right: int, continues_target: bool,
                  today: Optional[int] = None) -> bool:
        """Is the figure at [start, end) in the sentence [left, right) a target? `continues_target`:
        the last figure of an earlier sentence was one; `today`: the year of the text's dateline."""
        cue = self._last_before(self.cues, left, start)
        if cue >= 0 and self.folded[cue:cue + 1] in _CLOSING:
            cue = -1  # …超额完成14万人的年度目标；年末失业率4.6%: the word closed its own statement
        if cue >= 0 and _SHARE_OF_TARGET.match(self.folded, cue, start):
            cue = -1
        i = bisect.bisect_right(self.future_ends, start) - 1
        if i >= 0 and self.future_ends[i] >= left and self._ahead(self.futures[i][2], today):
            cue = max(cue, self.future_ends[i])
        if cue >= 0 and self._last_before(self.actual, left, start) <= cue:
            return True
        if self.c.target_after.match(self.folded, end, end + MATCH_REACH) and self._last_before(self.actual, left, start) < 0:
            return True  # 控制在5%以内, 14万人的年度目标; not 已压缩到40分钟以内
        i = bisect.bisect_left(self.future_starts, end)  # "70% by 2030": a future year after it
        if (i < len(self.futures) and self.future_starts[i] < right and self._trails(end, self.future_starts[i])
                and self._ahead(self.futures[i][2], today)):
            return True
        if continues_target and self.c.target_continuation.match(self.folded, left, left + MATCH_REACH):
            return True
        return self._in_goal_section(start) and self._last_before(self.actual, left, start) < 0

    def _trails(self, end: int, year_start: int) -> bool:
        gap = self.folded[end:year_start]
        return len(gap) <= 40 and not any(ch in gap for ch in "，,；;。")
