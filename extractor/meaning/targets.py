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

from ..pack.compiled import REGEX_TIMEOUT, Compiled

_YEAR_MENTION_PATTERN = r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])"


class TargetScope:
    """Where target words, words of a value reached and future years stand in one text."""

    def __init__(self, folded: str, c: Compiled):
        import regex

        self.folded = folded
        self.c = c
        self.cues = [m.end() for m in c.target_cues.finditer(folded, timeout=REGEX_TIMEOUT)]
        self.actual = [m.end() for m in c.target_actual.finditer(folded, timeout=REGEX_TIMEOUT)]
        self.futures = [(m.start(), m.end(), int(m.group("year")))
                        for m in c.future_years.finditer(folded, timeout=REGEX_TIMEOUT)]
        self.future_starts = [s for s, _, _ in self.futures]
        self.future_ends = [e for _, e, _ in self.futures]
        # The text's own date when no dateline gives one: the latest year it states outside
        # target phrases (a bulletin of 2024 speaks of 2024; its 到2024年末 is no target).
        years = [int(m.group()) for m in regex.finditer(_YEAR_MENTION_PATTERN, folded)
                 if not self._in_future(m.start())]
        self.text_year = max(years, default=None)

    def _in_future(self, pos: int) -> bool:
        i = bisect.bisect_right(self.future_starts, pos) - 1
        return i >= 0 and pos < self.future_ends[i]

    @staticmethod
    def _last_before(positions: list[int], left: int, start: int) -> int:
        i = bisect.bisect_right(positions, start) - 1
        return positions[i] if i >= 0 and positions[i] >= left else -1

    def _ahead(self, year: int, today: Optional[int]) -> bool:
        today = today if today is not None else self.text_year
        return today is None or year > today

    def is_target(self, start: int, end: int, left: int, right: int, continues_target: bool,
                  today: Optional[int] = None) -> bool:
        """Is the figure at [start, end) in the sentence [left, right) a target? `continues_target`:
        the last figure of an earlier sentence was one; `today`: the year of the text's dateline."""
        cue = self._last_before(self.cues, left, start)
        i = bisect.bisect_right(self.future_ends, start) - 1
        if i >= 0 and self.future_ends[i] >= left and self._ahead(self.futures[i][2], today):
            cue = max(cue, self.future_ends[i])
        if cue >= 0 and self._last_before(self.actual, left, start) <= cue:
            return True
        if self.c.target_after.match(self.folded, end):
            return True
        i = bisect.bisect_left(self.future_starts, end)  # "70% by 2030": a future year after it
        if (i < len(self.futures) and self.future_starts[i] < right and self._trails(end, self.future_starts[i])
                and self._ahead(self.futures[i][2], today)):
            return True
        return continues_target and bool(self.c.target_continuation.match(self.folded, left))

    def _trails(self, end: int, year_start: int) -> bool:
        gap = self.folded[end:year_start]
        return len(gap) <= 40 and not any(ch in gap for ch in "，,；;。")
