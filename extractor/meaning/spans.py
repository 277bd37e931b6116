"""How far a figure's context reaches, and whether a position is inside or overlaps one of
many sorted spans (bisects, not walks: a digest holds thousands of outlet lines)."""

from __future__ import annotations

import bisect
import math
from typing import Sequence

MAX_SENTENCE = 300  # characters on each side of a figure


def inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Is [start, end) within one of `spans` (sorted, not overlapping)?"""
    i = bisect.bisect_right(spans, (start, math.inf)) - 1
    return i >= 0 and end <= spans[i][1]


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Does [start, end) overlap one of `spans` (sorted, not overlapping)? The last span that
    starts before `end` ends last of those that do."""
    i = bisect.bisect_left(spans, (end, -math.inf)) - 1
    return i >= 0 and start < spans[i][1]
