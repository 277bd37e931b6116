"""Periods: five-year plans by name, explicit spans of years, and target years.

十四五 / “十四五” / 第十四个五年规划 / 14th Five-Year Plan -> 2021..2025; 2021—2035年,
2021-2035, from 2018 to 2024 -> start and end; 到2035年 and by 2025 -> end year only.
A "到" that closes a change (提高到2024年的59.22%) is not a target, nor is "by the end of
2024", which dates a figure rather than setting a goal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from ..pack.compiled import REGEX_TIMEOUT, AtWords
from .scan import scan

log = logging.getLogger(__name__)

_YEAR = r"(?:19|20)\d\d"
_CN_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
}
_CHANGE_VERBS = "截|提高|增加|增长|上升|下降|减少|扩大|缩短|提升|压缩|缩减|延长|拓展|达|降|升|增|减|扩|缩|回落|跃升"

# A look-ahead on the first character or word lets the engine skip most positions at once;
# one pass for Chinese and digits, one for English words (run where they start), merged by
# finding/scan.py. A digit starts a period only as a year or an ordinal (2021, 14th), and
# each alternative checks its first character before its look-behinds and \b: a run of
# figures (1,1,1,… or a table) then costs a failed look-ahead per digit, not eight
# alternatives tried at every one (four times faster there).
_PERIOD_STARTS = (r"(?=[十“\"「『第到至]|(?:19|20)\d\d|\d{1,2}(?i:st|nd|rd|th))", rf"\b(?=(?i:from|between|by|{'|'.join(_EN_ORDINALS)})\b)")
PERIOD_BODY = rf"""
(?:
 (?P<fyp>(?=十)(?<![一二三四五六七八九十百千万亿第])十(?P<fypn>[一二三四五])五(?![年倍个])
 |[“"「『](?P<oldn>[六七八九]|十)五[”"」』](?=时期|期间|计划|规划|末|初|以来|期|\W))
|(?P<ordzh>第(?P<ordzhn>十[一二三四五六]|[一二三四五六七八九])个五年(?:规划|计划))
|(?=\d|[A-Za-z])(?P<ord_en>(?i:\b(?:(?P<ordnum>\d{{1,2}})(?:st|nd|rd|th)|(?P<ordword>{"|".join(_EN_ORDINALS)}))
   [\s-]+five[\s-]+year[\s-]+(?:plan|development\s+plan)\b|\b(?P<fypnum>\d{{1,2}})(?:st|nd|rd|th)\s+FYP\b))
|(?=[12])(?P<span>(?<![0-9.])(?P<s1>{_YEAR})\s?年?\s?(?:—{{1,2}}|–|-{{1,2}}|~|至|到)\s?(?P<s2>{_YEAR}|\d\d(?=年))(?![0-9])\s?年?)
|(?=[FfBb])(?P<span_en>(?i:\b(?:from|between)\s+)(?P<e1>{_YEAR})(?i:\s+(?:to|through|until|till|and)\s+)(?P<e2>{_YEAR})\b)
|(?=[到至])(?P<target>(?<!{_CHANGE_VERBS})(?:到|至)\s?(?P<t1>{_YEAR})\s?年)
|(?=[Bb])(?P<target_en>(?i:\bby\s+)(?P<t2>{_YEAR})\b)
)"""
_CJK_PASS, _ENGLISH_PASS = (regex.compile(start + PERIOD_BODY, regex.VERBOSE) for start in _PERIOD_STARTS)
PERIOD_PASSES = (_CJK_PASS, AtWords(_ENGLISH_PASS, ["from", "between", "by", *_EN_ORDINALS]))


@dataclass(frozen=True)
class PeriodSpan:
    start: int
    end: int
    start_year: Optional[int]
    end_year: int
    named_plan: bool


def five_year_plan(n: int) -> tuple[int, int]:
    """Years of the n-th five-year plan: the 3rd began in 1966 after the 1963-65 adjustment."""
    if n <= 2:
        start = 1953 + 5 * (n - 1)
    else:
        start = 1966 + 5 * (n - 3)
    return start, start + 4


def find_periods(folded: str) -> Iterator[PeriodSpan]:
    """Every period in folded text, in order; nothing raises on content."""
    try:
        for m in scan(PERIOD_PASSES, folded, REGEX_TIMEOUT):
            span = _period(m)
            if span is not None:
                yield span
    except TimeoutError:
        log.warning("period scan timed out after %.0f s; later periods are skipped", REGEX_TIMEOUT)


def _period(m: regex.Match) -> Optional[PeriodSpan]:
    if m.group("fyp"):
        if m.group("fypn"):
            n = 10 + _CN_ORDINALS[m.group("fypn")]
            start, end = m.span("fyp")
            # “十四五” is named without its quotes.
            return PeriodSpan(start, end, *five_year_plan(n), True)
        old = m.group("oldn")
        n = 10 if old == "十" else _CN_ORDINALS[old]
        start, end = m.span("fyp")
        return PeriodSpan(start + 1, end - 1, *five_year_plan(n), True)
    if m.group("ordzh"):
        text = m.group("ordzhn")
        n = 10 + _CN_ORDINALS[text[1]] if text.startswith("十") else _CN_ORDINALS[text]
        return PeriodSpan(*m.span(), *five_year_plan(n), True)
    if m.group("ord_en"):
        raw = m.group("ordnum") or m.group("fypnum")
        n = int(raw) if raw else _EN_ORDINALS[m.group("ordword").lower()]
        if not 1 <= n <= 20:
            return None
        return PeriodSpan(*m.span(), *five_year_plan(n), True)
    if m.group("span"):
        first = int(m.group("s1"))
        second_text = m.group("s2")
        second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
        if not first < second <= first + 100:
            return None
        return PeriodSpan(*m.span(), first, second, False)
    if m.group("span_en"):
        first, second = int(m.group("e1")), int(m.group("e2"))
        if not first < second <= first + 100:
            return None
        return PeriodSpan(m.start("e1"), m.end("e2"), first, second, False)
    if m.group("target"):
        return PeriodSpan(m.start(), m.end(), None, int(m.group("t1")), False)
    return PeriodSpan(m.start(), m.end(), None, int(m.group("t2")), False)
