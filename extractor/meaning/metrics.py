"""Naming figures: which named metric (rules/metrics/*.toml) a figure is, if any.

In order, a figure is named by:
1. its own words: the unit or noun written with it (260万农业转移人口, 2.87 million urban
   residents, 20个新型城镇化试点县) or the words right after it (9.5 trillion yuan of GDP);
2. the nearest keyword before it in its sentence, metric keyword or plain indicator alike,
   so "人均GDP 6.5万元" stays plain money and "GDP增长5.2%，工业增加值增长6.1%" names only
   the first. Counts and persons without a noun of their own take it only from close by
   (试点县达到120个, 项目386个), since a count's noun is written next to it. A metric with
   `via` (gdp_growth) is reached through another metric's keyword plus a cue word after
   the previous figure (地区生产总值6.1万亿元，增长5.2%);
3. for a count of a generic noun (12个县（市、区）, 15 counties) or of nothing nearby: a
   metric's sentence keywords anywhere in its sentence (…为第二批新型城镇化试点县).
A count or person figure with a noun of its own that names no metric stays plain.
"""

from __future__ import annotations

from typing import Optional

import regex

from ..pack.compiled import Compiled
from ..pack.rules import RulePack

# How far a planning-period keyword may stand before its span: 规划期为2021—2035年.
PERIOD_KEYWORD_REACH = 6
# How far a keyword may stand before a count or person figure without a noun of its own.
CLOSE_REACH = 24
_CLAUSE = regex.compile(r"[，,；;：:]")

Hit = tuple[int, int, tuple[str, ...]]


def keyword_reaches(c: Compiled, folded: str, keyword_end: int, start: int) -> bool:
    """Is a keyword ending at `keyword_end` close enough to a figure at `start` to be what it
    measures: in its clause, or in the clause before when the figure's clause goes on about
    it (…达到9.44亿人，比上年末增加1083万人)?"""
    if start - keyword_end > 2 * CLOSE_REACH:
        return False
    breaks = list(_CLAUSE.finditer(folded, keyword_end, start))
    if not breaks:
        return start - keyword_end <= CLOSE_REACH
    return len(breaks) == 1 and bool(c.continuation.match(folded, breaks[0].end(), start))


class MetricNamer:
    def __init__(self, pack: RulePack, c: Compiled):
        self.pack = pack
        self.c = c
        self.named_plans = next((m.name for m in pack.metrics.values() if m.named_plans), None)

    def _first_accepting(self, metrics: tuple[str, ...], kind: str) -> Optional[str]:
        return next((m for m in metrics if kind in self.pack.metrics[m].kinds), None)

    def in_words(self, kind: str, hits: list[Hit]) -> Optional[str]:
        """The metric that a figure's own words name (试点县, urban residents), if any."""
        for _, _, metrics in hits:
            metric = self._first_accepting(metrics, kind)
            if metric is not None:
                return metric
        return None

    def after(self, kind: str, folded: str, end: int) -> Optional[str]:
        for name, pattern in self.c.after:
            if kind in self.pack.metrics[name].kinds and pattern.match(folded, end):
                return name
        return None

    def in_sentence(self, kind: str, noun: Optional[str], sentence: str) -> Optional[str]:
        """A count of a generic noun or classifier (县, 个) named by a keyword of its sentence."""
        for name, generic, keywords in self.c.generic:
            if kind in self.pack.metrics[name].kinds and noun is not None and noun.lower() in generic:
                if keywords.search(sentence):
                    return name
        return None

    def from_context(self, kind: str, start: int, hit: Optional[Hit], folded: str,
                     previous_end: int) -> Optional[str]:
        """The metric named by `hit`, the nearest keyword before the figure at `start`."""
        if hit is None or not hit[2]:
            return None
        h_start, h_end, metrics = hit
        if kind == "period" and start - h_end > PERIOD_KEYWORD_REACH:
            return None
        if kind in ("count", "population") and not keyword_reaches(self.c, folded, h_end, start):
            return None
        metric = self._first_accepting(metrics, kind)
        if metric is not None:
            return metric
        for indicator in metrics:
            via = self.c.via.get(indicator)
            if via is not None and kind in self.pack.metrics[via[0]].kinds:
                if via[1].search(folded, max(h_end, previous_end), start):
                    return via[0]
        return None

    def name(self, kind: str, unit: Optional[str], folded: str, start: int, end: int,
             noun: Optional[str], own_hits: list[Hit], hit: Optional[Hit], clause, previous_end: int) -> Optional[str]:
        """The metric of a quantity, by the order in the module docstring; `own_hits` are the
        keywords in its own words and noun, `clause()` gives its clause when needed."""
        metric = self.in_words(kind, own_hits) or self.after(kind, folded, end)
        if metric is not None:
            return metric
        if kind not in ("count", "population"):
            return self.from_context(kind, start, hit, folded, previous_end)
        if noun is None and hit is not None and hit[1] <= start and keyword_reaches(self.c, folded, hit[1], start):
            return self.from_context(kind, start, hit, folded, previous_end)  # 项目386个 stays plain
        if kind == "count":
            return self.in_sentence(kind, noun or unit, clause())
        return None

    def describes(self, hit: Hit, kind: str) -> bool:
        """Can the keyword `hit` be what a figure of `kind` measures: a plain indicator
        (产值, investment), or a metric keyword of that kind or of a metric reached through it?"""
        metrics = hit[2]
        if not metrics or self._first_accepting(metrics, kind):
            return True
        return any(m in self.c.via and kind in self.pack.metrics[self.c.via[m][0]].kinds for m in metrics)

    def for_named_plan(self) -> Optional[str]:
        return self.named_plans
