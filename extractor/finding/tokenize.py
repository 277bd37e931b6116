"""A private jieba tokenizer over the project's own small domain dictionary.

jieba is used for context, never to find numbers: to veto a Chinese-numeral figure whose
edge falls inside a word (千家万户 is not 1000 家) and to cut the subject written around a
figure (20个|新型|城镇化|试点县). Its 5 MB default dictionary costs about 1.5 s to load, so
this tokenizer is built instead from the few hundred terms in rules/ (metric keywords,
indicators, places, non-quantity words) in a few milliseconds, in memory: no cache file,
nothing on stderr, and jieba's global tokenizer is never touched. jieba is imported only
when a document first needs it.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import threading
import warnings
from typing import Iterable, Optional

# First use from several threads at once: one imports jieba and builds the dictionary while
# the others wait (without it they saw a partially initialised jieba module).
_FIRST_USE = threading.RLock()

# High enough that a domain term always beats a split into single characters.
_TERM_FREQ = 100000
# jieba cuts text into blocks of these characters first, so only such words can be entries.
_JIEBA_WORD = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_HAN_ONLY = re.compile(r"[\u4E00-\u9FD5]+")
# Windows whose cut is remembered (the words before a keyword, around a figure: short, and
# written again and again); the memory starts afresh when full.
MAX_CUTS = 50_000


def _import_jieba():
    """Import jieba without pkg_resources: jieba 0.42.1 imports it only to locate its data
    files and falls back to plain open() when it is missing. pkg_resources costs ~60 ms of
    start-up and a DeprecationWarning; hiding it for the import alone saves both."""
    with _FIRST_USE:
        return _import_jieba_once()


def _import_jieba_once():
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jieba
    finally:
        if hidden:
            del sys.modules["pkg_resources"]
    return jieba


class Tokenizer:
    """Cuts short windows of folded text with a dictionary built from `words`."""

    def __init__(self, words: Iterable[str]):
        self._words = sorted(set(w for w in words if _JIEBA_WORD.fullmatch(w)))
        # Every pair of adjacent characters in a word: text without any of them can only be
        # cut into single characters, which is known without asking jieba (most windows).
        self._pairs = frozenset(w[i:i + 2] for w in self._words for i in range(len(w) - 1))
        self._jieba = None
        # jieba's prefix dictionary of the words (FREQ, total): built once, and pickled with
        # the tokenizer (a compiled pack in the rule cache), where jieba's own object is not.
        self._dictionary: Optional[tuple[dict, int]] = None
        self._cuts: dict[str, list[str]] = {}

    def __getstate__(self) -> dict:
        return {"_words": self._words, "_pairs": self._pairs, "_dictionary": self.dictionary()}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _jieba=None, _cuts={})

    def dictionary(self) -> tuple[dict, int]:
        """jieba's prefix dictionary of the words (jieba.Tokenizer.gen_pfdict)."""
        if self._dictionary is None:
            with _FIRST_USE:
                if self._dictionary is None:
                    jieba = _import_jieba()
                    lines = "".join(f"{word} {_TERM_FREQ}\n" for word in self._words)
                    self._dictionary = jieba.Tokenizer.gen_pfdict(io.BytesIO(lines.encode("utf-8")))
        return self._dictionary

    def _tokenizer(self):
        if self._jieba is not None:
            return self._jieba
        with _FIRST_USE:
            if self._jieba is not None:
                return self._jieba
            jieba = _import_jieba()
            tokenizer = jieba.Tokenizer(dictionary=None)
            tokenizer.FREQ, tokenizer.total = self.dictionary()
            tokenizer.initialized = True
            self._jieba = tokenizer
            logging.getLogger(__name__).debug("tokenizer ready with %d domain terms", len(self._words))
        return self._jieba

    @property
    def words(self) -> list[str]:
        """The dictionary: every domain term jieba can hold as one word."""
        return self._words

    def may_join(self, text: str) -> bool:
        """Could a dictionary word of two or more characters stand anywhere in `text`?"""
        pairs = self._pairs
        return any(text[i:i + 2] in pairs for i in range(len(text) - 1))

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        """Tokens of `text`; with hmm=False only dictionary words are ever joined."""
        if not hmm and _HAN_ONLY.fullmatch(text):
            if not self.may_join(text):
                return list(text)  # what jieba's route gives: no word to join characters into
            tokens = self._cuts.get(text)
            if tokens is None:
                tokens = self._route(text)
                if len(self._cuts) >= MAX_CUTS:
                    self._cuts.clear()
                self._cuts[text] = tokens
            return list(tokens)
        return list(self._tokenizer().cut(text, HMM=hmm))

    def _route(self, text: str) -> list[str]:
        """jieba's own dictionary route (get_DAG + calc), without the generator layers of
        cut() that cost more than the route itself on these short windows."""
        tokenizer = self._tokenizer()
        route: dict = {}
        tokenizer.calc(text, tokenizer.get_DAG(text), route)
        tokens, x = [], 0
        while x < len(text):
            y = route[x][1] + 1
            tokens.append(text[x:y])
            x = y
        return tokens

    def vetoes(self, text: str, start: int, end: int, stop_words: frozenset) -> bool:
        """Is text[start:end] not a figure of its own: does a dictionary word straddle one of
        its edges (千家|万户 inside 千家万户), or is it covered by one of `stop_words` (二十届)?"""
        around = text[max(0, start - 1):end + 1]
        if not (self.may_join(around) or any(ch.isascii() and ch.isalnum() for ch in around)
                or any(ch in stop_words for ch in text[start:end])):
            # Only a dictionary word (which would hold one of the pairs) or a run of ASCII
            # letters and digits can be a token of several characters: every token that
            # touches the span is one character, and none is a stop word. Known without cutting.
            return False
        return straddles(self.cut(text, hmm=False), start, end, stop_words)


def straddles(tokens: Iterable[str], start: int, end: int, stop_words: frozenset) -> bool:
    """Does a token of `tokens` (which make up a text) cross an edge of [start, end), or is
    one of `stop_words` overlapping it?"""
    position = 0
    for token in tokens:
        token_end = position + len(token)
        if position < start < token_end or position < end < token_end:
            return True
        if token in stop_words and position < end and start < token_end:
            return True
        position = token_end
    return False
