"""Naming figures: which named metric (rules/metrics/*.toml) a figure is, if any.

In order, a figure is named by:
1. its own words: the unit or noun written with it (260万农业转移人口, 2.87 million urban
   residents, 20个新型城镇化试点县) or the words right after it (9.5 trillion yuan of GDP);
2. a keyword right after it (凭借4950.8亿元地区生产总值, 全市68.5%的城镇化率);
3. the nearest keyword before it in its sentence, metric keyword or plain indicator alike,
   so "人均GDP 6.5万元" stays plain money and "GDP增长5.2%，工业增加值增长6.1%" names only
   the first. A keyword inside a definition is passed over (城镇化率，即城镇常住人口…的占比，
   从44.2%…), and of two subjects sharing a figure the first counts (城镇人口和农村人口均为…).
   Counts and persons without a noun of their own take it only from close by (试点县达到120
   个, 项目386个), since a count's noun is written next to it. A percentage reached through an
   amount's keyword and a growth word after the previous figure is the amount's growth rate,
   *M*_growth (地区生产总值6.1万亿元，增长5.2%; the growth rule of pack/rules.py);
4. for a count of a generic noun (12个县（市、区）, 15 counties) or of nothing nearby: a
   metric's sentence keywords in its sentence up to the end of its clause, so a keyword
   before a semicolon reaches the items of its list (首批60个试点县中，东部18个…；县级单位31个);
5. a keyword a few characters after it in its clause (推动约2000万人在省内就近实现城镇化).
A count or person figure with a noun of its own that names no metric stays plain.
"""

from __future__ import annotations

from typing import Optional

import regex

from ..pack.compiled import Compiled

# How far a planning-period keyword may stand before its span: 规划期为2021—2035年.
PERIOD_KEYWORD_REACH = 6
# How far a keyword may stand before a count or person figure without a noun of its own.
CLOSE_REACH = 24
# How far past a position a pattern of words after it is matched (9.5 trillion yuan| of
# GDP): a bounded match costs the same in a 1 KB article and a 10 MB file.
MATCH_REACH = 80
_CLAUSE = regex.compile(r"[，,；;：:]")
# The same, past the commas inside a number (grew by 210,000 last year to 8.6 million).
_CLAUSE_BREAK = regex.compile(r"[，；;：:]|,(?![0-9]{3})")
# Right after a keyword: a definition of it follows (城镇化率，即城镇常住人口…的占比，); not a
# short qualifier in parentheses (示范县（市）); in English a dash sets one off (the urbanization
# rate of the registered population -- a measure that counts only holders of urban hukou -- rose to 50%).
_DEFINITION = regex.compile(r"\s*(?:[，,（(]\s*即|——|[（(](?![^）)]{0,6}[）)])|,\s*(?:i\.e\.|that is|which is)\b|--|—\s)")
# After two joined keywords: the figure is the gap between them, not either one.
_GAP = regex.compile(r"相差|差距|之差|差值|高出|低于|高于|(?i:\bgap\b|\bdifference\b)")
# Two subjects sharing one figure: 城镇人口和农村人口届时均为2100万人.
_JOINED = regex.compile(r"\s*(?:和|与|及|、|以及|and)\s*")
_SHARED = regex.compile(r"均|都|各|皆|分别|both|each")
# Between a rate's keyword and the population it is of: the urbanization rate of permanent residents.
_QUALIFIED = regex.compile(r"(?i:\s+(?:of|for|among)\s+(?:the\s+|its\s+|their\s+)?(?:[a-z-]+['’]s\s+)?)")
_RATE_WORDS = regex.compile(r"增速|增幅|增长率|(?i:growth\s+rate|\bgrowth\b|\bpace\b)")
# A gap between two indicators, named by both at once (两项城镇化率之间相差, 两者差距, 与其差距),
# or by two keywords joined by a word of comparison (户籍人口城镇化率…，与常住人口城镇化率相差;
# X为55.9%，低于Y9.8个百分点): the figure is plain percentage points.
_BOTH = regex.compile(r"两项|两率|两者|二者|与其|與其|双方|(?i:\bboth\b|\bthe\s+two\b)")
_GAP_AFTER = regex.compile(r"[^，,；;。]{0,14}?的?(?:差距|差值)")
_COMPARING = regex.compile(r"与|與|和|同|较|較|比|低于|高于|低於|高於|(?i:\bthan\b|\band\b|\bwith\b)")
# A keyword set off right before its figure ("China's urban population, 940 million in 2024"):
# the figure is its value.
_APPOSITION = regex.compile(r"\s*[,，]\s*(?:of\s+)?$")
# The whole a selection is made from (全省102个县（市）中，确定20个…试点): not what is selected.
_POOL = regex.compile(r"[^，,。；;0-9]{0,10}?中\s?[，,]?\s?(?:选择|确定|遴选|选取|选出)")
# Before a figure, more of what the figure before it measured: plans to add another 150 km.
_ANOTHER = regex.compile(r"(?i:\b(?:another|a\s+further|an\s+additional|an\s+extra)\s+(?:[a-z]+\s+)?)$|再新增|再增加|另有|又新增")
# Between a count and a figure of its total: 10 new rail lines totaling 600 km (线路5条，总长约400公里).
_TOTALLING = regex.compile(r"(?i:\s*,?\s*(?:totall?ing|with\s+a\s+(?:combined|total)\s+length\s+of|spanning|stretching)\s+"
                           r"(?:about\s+|some\s+|nearly\s+|over\s+|more\s+than\s+)?)|\s?[，,]?\s?(?:总长|全长|总里程|总长度)约?\s?")
# After a count, in the clause after it, a measure of what it counts (3条市域铁路全面建成，新增运营里程超过200公里).
_MEASURE_OF_BEFORE = regex.compile(r"[^，,；;。:：0-9]{0,8}[，,]?\s?(?:新增|累计|合计|共)?(?:运营|营业|通车)?(?:里程|总里程|总长|总长度)"
                                   r"(?:达到|达|超过|突破|约|为)?\s?")
# How far after a figure a keyword may stand when nothing before it names the figure.
AFTER_REACH = 10
# How far a generic indicator (里程, 规模) may follow a metric keyword and still be its word;
# across one clause break (轨道交通运营线路14条，运营里程…), how far a measure may.
GENERIC_GAP = 4
MEASURE_GAP = 16

Hit = tuple[int, int, tuple[str, ...]]


def keyword_reaches(c: Compiled, folded: str, keyword_end: int, start: int) -> bool:
    """Is a keyword ending at `keyword_end` close enough to a figure at `start` to be what it
    measures: in its clause, or in the clause before when the figure's clause goes on about
    it (…达到9.44亿人，比上年末增加1083万人)?"""
    reach = CLOSE_REACH if not folded[keyword_end:start].isascii() else 2 * CLOSE_REACH  # English words are longer
    if start - keyword_end > 2 * reach:
        return False
    if _APPOSITION.fullmatch(folded, keyword_end, start):
        return True  # China's urban population, 940 million in 2024
    breaks = list(_CLAUSE_BREAK.finditer(folded, keyword_end, start))
    if not breaks:
        return start - keyword_end <= reach
    return len(breaks) == 1 and bool(c.continuation.match(folded, breaks[0].end(), start))


class MetricNamer:
    def __init__(self, c: Compiled):
        self.c = c
        self.kinds = c.metric_kinds  # per metric, built with the pack: one set lookup per figure
        self.named_plans = c.named_plans

    def _first_accepting(self, metrics: tuple[str, ...], kind: str) -> Optional[str]:
        return next((m for m in metrics if kind in self.kinds[m]), None)

    def metric_of(self, metrics: tuple[str, ...], kind: str) -> Optional[str]:
        """The first of `metrics` (a keyword's) that names figures of `kind`, if any."""
        return self._first_accepting(metrics, kind)

    def in_words(self, kind: str, hits: list[Hit]) -> Optional[str]:
        """The metric that a figure's own words name (试点县, urban residents), if any."""
        for _, _, metrics in hits:
            metric = self._first_accepting(metrics, kind)
            if metric is not None:
                return metric
        return None

    def after(self, kind: str, folded: str, end: int) -> Optional[str]:
        for name, pattern in self.c.after:
            if kind in self.kinds[name] and pattern.match(folded, end, end + MATCH_REACH):
                return name
        return None

    def in_sentence(self, kind: str, noun: Optional[str], sentence: str) -> Optional[str]:
        """A count of a generic noun or classifier (县, 个) named by a keyword of its sentence."""
        for name, generic, keywords in self.c.generic:
            if kind in self.kinds[name] and noun is not None and noun.lower() in generic:
                if keywords.search(sentence):
                    return name
        return None

    def from_context(self, kind: str, start: int, hit: Optional[Hit], folded: str,
                     previous_end: int, unit: Optional[str] = None) -> Optional[str]:
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
        if kind == "percentage":
            return self.growth_of(metrics, folded, max(h_end, previous_end), start, points=unit == "pp")
        return None

    def growth_of(self, metrics: tuple[str, ...], folded: str, begin: int, start: int,
                  points: bool = False) -> Optional[str]:
        """The growth metric of an amount named by `metrics`, when a growth word stands in
        folded[begin:start] (the growth rule). Percentage points are a difference of growth
        rates only after a word for the rate (增速高于全国0.2个百分点), not after a verb (total
        population …, up 1.02 percentage points is a rate's change, not growth)."""
        cues = _RATE_WORDS if points else self.c.growth_cues
        for name in metrics:
            growth = f"{name}_growth"
            if growth in self.kinds and cues.search(folded, begin, start):
                return growth
        return None

    def growth_name(self, metric: str) -> Optional[str]:
        """The growth metric derived from `metric`, if it has one."""
        growth = f"{metric}_growth"
        return growth if growth in self.kinds else None

    def gap_of_two(self, kind: str, hits: list[Hit], folded: str, start: int) -> bool:
        """Are percentage points at `start` the gap between two indicators (module constants
        _BOTH and _COMPARING), not a change of the nearest one?"""
        nearest = hits[0]
        gap = _GAP.search(folded, hits[1][0] if len(hits) > 1 else nearest[0], start)
        if gap is None and _GAP_AFTER.match(folded, start, start + MATCH_REACH):
            gap = _GAP_AFTER.match(folded, start, start + MATCH_REACH)  # …之间约19个百分点的差距
        if gap is None:
            return False
        clause = max((m.end() for m in _CLAUSE.finditer(folded, max(0, nearest[0] - 12), nearest[0])), default=nearest[0] - 12)
        if _BOTH.search(folded, max(0, clause), gap.start()):
            return True
        first = self._first_accepting(nearest[2], kind)
        for earlier in hits[1:]:
            other = self._first_accepting(earlier[2], kind)
            if other is not None and first is not None and other != first \
                    and _COMPARING.search(folded, earlier[1], nearest[0]):
                return True
        return False

    def hit_before(self, kind: str, hits: list[Hit], folded: str, start: int) -> Optional[Hit]:
        """Of the keywords before a figure in its sentence (`hits`, nearest first), the one that
        says what it measures, or None for a gap between two indicators (X与Y相差15个百分点).
        Two subjects sharing the figure give the first (X和Y均为); a keyword inside a
        definition is passed over (X，即Y在总人口中的占比，从44.2%)."""
        if not hits:
            return None
        nearest = hits[0]
        if len(hits) > 1 and folded[nearest[0]:nearest[1]].lower() in self.c.measures \
                and nearest[0] - hits[1][1] <= GENERIC_GAP \
                and not _CLAUSE.search(folded, hits[1][1], nearest[0]) and self._first_accepting(hits[1][2], kind):
            return hits[1]  # 城市轨道交通|运营里程: a measure after a metric keyword goes with it
        if len(hits) > 1 and folded[nearest[0]:nearest[1]].lower() in self.c.measures \
                and nearest[0] - hits[1][1] <= MEASURE_GAP and len(_CLAUSE.findall(folded, hits[1][1], nearest[0])) <= 1 \
                and start - nearest[1] <= GENERIC_GAP + 4 and not _CLAUSE.search(folded, nearest[1], start) \
                and self._first_accepting(hits[1][2], kind):
            return hits[1]  # 轨道交通运营线路14条，运营里程达到530公里: the measure goes on about the keyword
        if len(hits) > 1 and _JOINED.fullmatch(folded[hits[1][1]:nearest[0]]):
            if _GAP.search(folded, nearest[1], start):
                return None
            if _SHARED.search(folded, nearest[1], start):
                return hits[1]
        if not self._first_accepting(nearest[2], kind):
            if len(hits) > 1 and not hits[1][2] and _QUALIFIED.fullmatch(folded, hits[1][1], nearest[0]):
                return hits[1]  # its share of China's GDP rose 0.3 points: the share's, a plain indicator
            for earlier in hits[1:]:
                if (_DEFINITION.match(folded, earlier[1], earlier[1] + MATCH_REACH) or _QUALIFIED.fullmatch(folded, earlier[1], hits[0][0])) \
                        and self._first_accepting(earlier[2], kind):
                    return earlier  # 城镇化率，即…的占比; the urbanization rate of permanent residents
        return nearest

    def name(self, kind: str, unit: Optional[str], folded: str, start: int, end: int,
             noun: Optional[str], own_hits: list[Hit], hit: Optional[Hit], clause, previous_end: int,
             hit_after: Optional[Hit] = None, named_after: Optional[Hit] = None) -> Optional[str]:
        """The metric of a quantity, by the order in the module docstring; `own_hits` are the
        keywords in its own words and noun, `clause()` gives its clause when needed."""
        metric = (self.in_words(kind, own_hits) or self.after(kind, folded, end)
                  or self.right_after(kind, hit_after, folded, end))
        if metric is not None:
            return metric
        if kind not in ("count", "population"):
            metric = self.from_context(kind, start, hit, folded, previous_end, unit)
        elif noun is None and hit is not None and hit[1] <= start and keyword_reaches(self.c, folded, hit[1], start):
            metric = self.from_context(kind, start, hit, folded, previous_end)  # 项目386个 stays plain
            if metric is None and hit[2]:
                return None
        elif kind == "count" and not _POOL.match(folded, end, end + MATCH_REACH):
            metric = self.in_sentence(kind, noun or unit, clause())
        if metric is None and kind in ("count", "population") and (
                hit is None or not hit[2] or not keyword_reaches(self.c, folded, hit[1], start)):
            metric = self.near_after(kind, named_after, folded, end)
        return metric

    def of_part(self, kind: str, hit: Hit, folded: str, earlier: list[str]) -> Optional[str]:
        """The metric of a group named alone (`hit`: 其中农村居民增长6.6%, that of rural residents)
        after `earlier`, the metrics of figures before it in its sentence, when one is an
        indicator of the whole (rules `part`); a percentage is the group metric's growth."""
        part = self.c.parts.get(folded[hit[0]:hit[1]].lower())
        if part is None:
            return None
        whole, metric = part
        if not any(m.removesuffix("_growth") in whole or m.removesuffix("_growth") == metric for m in earlier):
            return None  # (… while that of rural residents rose 6.6% to 23,119 yuan: the group's own before)
        if kind == "percentage":
            return self.growth_name(metric)
        return metric if kind in self.kinds[metric] else None

    def of_figure_before(self, kind: str, unit: Optional[str], folded: str, start: int, before: tuple,
                         before_hits: list[Hit]) -> Optional[str]:
        """The metric a figure takes from the figure just before it in its sentence (`before`:
        its end, kind, unit and metric; `before_hits`: the keywords in its own words): "another
        150 km" after 601 km of metro is more of it; "10 new rail lines totaling 600 km"
        measures the lines."""
        end, before_kind, before_unit, metric = before
        if _ANOTHER.search(folded, max(end, start - 24), start) and before_kind == kind and before_unit == unit \
                and metric != kind:
            return metric
        if self.totals(folded, end, start):
            return self.in_words(kind, before_hits)
        return None

    @staticmethod
    def totals(folded: str, end: int, start: int) -> bool:
        """Is the figure at `start` the total of what the count ending at `end` counts (4 new
        metro lines totalling 89 km; 3条市域（郊）铁路全面建成，新增运营里程超过200公里)?"""
        return bool(_TOTALLING.fullmatch(folded, end, start) or (
            start - end <= MEASURE_GAP and _MEASURE_OF_BEFORE.fullmatch(folded, end, start)))

    def right_after(self, kind: str, hit: Optional[Hit], folded: str, end: int) -> Optional[str]:
        """A keyword standing right after the figure (or after 的): 4950.8亿元地区生产总值."""
        if hit is None or folded[end:hit[0]] not in ("", "的", " "):
            return None
        return self._first_accepting(hit[2], kind)

    def near_after(self, kind: str, hit: Optional[Hit], folded: str, end: int) -> Optional[str]:
        """A keyword a few characters after the figure in its clause (2000万人在省内就近实现城镇化)."""
        if hit is None or hit[0] - end > AFTER_REACH or _CLAUSE.search(folded, end, hit[0]):
            return None
        return self._first_accepting(hit[2], kind)

    def describes(self, hit: Hit, kind: str) -> bool:
        """Can the keyword `hit` be what a figure of `kind` measures: a plain indicator
        (产值, investment), or a metric keyword of that kind or of a metric reached through it?"""
        metrics = hit[2]
        if not metrics or self._first_accepting(metrics, kind):
            return True
        return kind == "percentage" and any(f"{m}_growth" in self.kinds for m in metrics)

    def for_named_plan(self) -> Optional[str]:
        return self.named_plans
