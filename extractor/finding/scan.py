"""One left-to-right scan made of several patterns, each with a look-ahead the engine can skip by.

The `regex` engine skips fast to where a pattern can start when its look-ahead is one set
of characters, not when it also lists English words: the number pattern with one
look-ahead for digits, Chinese numerals and English number words read English text at a
third of the speed of Chinese (it tried the English alternatives at every word). Split in
one pass per script (the English one run only where its words start, pack.compiled.AtWords),
each pass runs at full speed, and `scan` merges their matches into exactly what the single
pattern gives, provided no two passes can match at the same position (their look-aheads
start with different characters).
"""

from __future__ import annotations

from itertools import chain
from typing import Iterator, Optional, Sequence

import regex


def scan(passes: Sequence, text: str, timeout: float) -> Iterator:
    """The matches of `passes` (each with a regex-like `finditer(text, pos, timeout=)`) over
    `text`, earliest first and not overlapping, as one `finditer` of their alternation gives
    them. A match that lies inside the match before it (the 万 of 3万, found by the Chinese
    numerals' pass) is dropped. Where a match of one pass runs past the end of another's that
    it overlaps (rare: "by 2025-2030"), the scan goes on from the earlier match's end with
    every pass run again from there.

    A pass that runs out of `timeout` gives the matches it found; TimeoutError is raised
    after them."""
    found, timed_out = [], None
    for p in passes:
        matches: list = []
        try:
            matches.extend(p.finditer(text, 0, timeout=timeout))
        except TimeoutError as exc:
            timed_out = exc
        found.append(matches)
    busy = [matches for matches in found if matches]
    if len(busy) <= 1:  # the common case: the text has one script's numbers only
        yield from busy[0] if busy else ()
    else:
        yield from _merged(passes, text, timeout, busy)
    if timed_out is not None:
        raise timed_out


def _merged(passes: Sequence, text: str, timeout: float, busy: list) -> Iterator:
    end = 0
    for m in sorted(chain(*busy), key=lambda m: m.start()):
        if m.start() < end:
            if m.end() <= end:
                # Inside the match before (万 of 3万): the single scan never starts there, and
                # the pass's next matches are those it finds from `end` (the first at or after it).
                continue
            yield from _exact(passes, text, end, timeout)
            return
        yield m
        end = m.end()


def _exact(passes: Sequence, text: str, pos: int, timeout: float) -> list:
    """The single scan from `pos`, one match at a time: each pass's next match, the earliest
    taken, and a pass whose next match starts inside it run again from its end."""
    iterators = [p.finditer(text, pos, timeout=timeout) for p in passes]
    heads = [next(it, None) for it in iterators]
    out: list = []
    while True:
        best = None
        for i, m in enumerate(heads):
            if m is not None and m.start() < pos:
                iterators[i] = passes[i].finditer(text, pos, timeout=timeout)
                m = heads[i] = next(iterators[i], None)
            if m is not None and (best is None or m.start() < heads[best].start()):
                best = i
        if best is None:
            return out
        m = heads[best]
        out.append(m)
        pos = m.end()
        heads[best] = next(iterators[best], None)


class BlanksBeforeMark:
    r"""A pass of `scan` for a pattern whose matches start at the first of the blanks before
    a mark (a dash between words: `(?<=\S)\s+-\s+(?=\S)`): the marks are found by
    `str.find` (in C) and the pattern is matched at the start of the blanks before each,
    not tried at every blank of an English text. Its `finditer` gives what the pattern's own
    gives, when the pattern can start only at the first of a run of blanks (a lookbehind for
    a non-blank) and its blanks run up to the mark. `not_first`: characters the blanks may
    not start with (a line break, which another pass takes there)."""

    _BLANKS_BACK = regex.compile(r"(?r)\s+")

    def __init__(self, pattern: regex.Pattern, mark: str, not_first: str = ""):
        self.pattern = pattern
        self.mark = mark
        self.not_first = not_first

    def finditer(self, text: str, pos: int = 0, timeout: Optional[float] = None) -> Iterator:
        end = pos
        k = text.find(self.mark, pos)
        while k >= 0:
            # (A hyphen inside a word, the most common, has no blank before it: no regex call.)
            blanks = self._BLANKS_BACK.match(text, end, k) if k > end and text[k - 1].isspace() else None
            if blanks is not None and text[blanks.start()] not in self.not_first:
                m = self.pattern.match(text, blanks.start(), timeout=timeout)
                if m is not None:
                    yield m
                    end = m.end()
                    k = text.find(self.mark, max(end, k + 1))
                    continue
            k = text.find(self.mark, k + 1)
