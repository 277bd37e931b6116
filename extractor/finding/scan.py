"""One left-to-right scan made of several patterns, each with a look-ahead the engine can skip by.

The `regex` engine skips fast to where a pattern can start when its look-ahead is one set
of characters or a few literal words, not when it is both: the number pattern with one
look-ahead for digits, Chinese numerals and English number words read English text at a
third of the speed of Chinese (it tried the English alternatives at every word). Split in
one pattern per script, each pass runs at full speed, and `scan` merges their matches into
exactly what the single pattern gives, provided no two passes can match at the same
position (their look-aheads start with different characters).
"""

from __future__ import annotations

from typing import Iterator, Sequence

import regex


def scan(passes: Sequence[regex.Pattern], text: str, timeout: float) -> Iterator[regex.Match]:
    """The matches of `passes` over `text`, earliest first and not overlapping, as one
    `finditer` of their alternation would give them. A pass whose next match starts inside
    a match already given is run again from that match's end (what the single scan does)."""
    iterators = [p.finditer(text, timeout=timeout) for p in passes]
    heads = [next(it, None) for it in iterators]
    live = [i for i, m in enumerate(heads) if m is not None]
    if len(live) <= 1:  # the common case: the text has one script's numbers only
        if live:
            i = live[0]
            yield heads[i]
            yield from iterators[i]
        return
    pos = 0
    while True:
        best = None
        for i, m in enumerate(heads):
            if m is not None and m.start() < pos:
                iterators[i] = passes[i].finditer(text, pos, timeout=timeout)
                m = heads[i] = next(iterators[i], None)
            if m is not None and (best is None or m.start() < heads[best].start()):
                best = i
        if best is None:
            return
        m = heads[best]
        yield m
        pos = m.end()
        heads[best] = next(iterators[best], None)
