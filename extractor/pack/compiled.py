"""A rule pack compiled once into the regexes and lookup tables the engine runs on.

Compiling is the expensive part of a rule pack (a few milliseconds), so it happens once
per pack and process, on first use; `compiled(pack)` caches it on the pack object.
Every pattern is matched against folded text (see normalize.fold), so the tables hold
folded forms: simplified characters, half-width digits and signs, lower-case English.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

import regex

from ..finding.normalize import build_table, fold
from ..finding.numbers import ARABIC, CN_BIG_UNITS, CN_DIGITS, CN_SMALL_UNITS, CN_TRILLION
from ..finding.tokenize import Tokenizer
from . import cache as rulecache
from .placenames import PlaceNames, build_place_names
from .rules import RulePack, Unit

# Time budget for one regex pass over a document; a pathological input is reported, not fatal.
REGEX_TIMEOUT = 10.0
log = logging.getLogger(__name__)

# Every character the number parser knows (numbers.py is the one source of truth).
CN_NUM_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
_CN_DIGIT_CHARS = "零〇一二三四五六七八九"
# Between a number and its unit: a blank or two, or a hyphen (85-km); a line break only before
# a word in letters (hard-wrapped English: 59.22\npercent). A table row ending in a number is
# never measured by the next row's first cell (2010\n常住人口, 1993\n项目).
_UNIT_GAP = r"[^\S\r\n]{0,2}|\r?\n(?=[A-Za-z])|[^\S\r\n]?-[^\S\r\n]?"
_CN_NUMERAL = frozenset(CN_NUM_CHARS + "两")
_CN_FRACTION_CHARS = _CN_DIGIT_CHARS + "壹贰叁肆伍陆柒捌玖0-9"
# 千 of 千米 and 百 of 百分点 belong to the unit: 5万千米 is 50000 km, not 51000 m.
_CN_CHAR = ("(?:[" + CN_NUM_CHARS.replace("千", "").replace("百", "") + "]|千(?!米|瓦)|百(?!分)|"
            + CN_TRILLION + "(?=[0-9" + _CN_DIGIT_CHARS + "亿元]|新台币|美元|港元|日元|日圆))")
_EN_SMALL = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
             "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
             "eighty|ninety")
_EN_SCALE = "hundred|thousand|million|billion|trillion"
_EN_ABBR = "bn|mn|tn"

# Digits may stand a space apart from their magnitude: 1.8 万公里, 30 多万人.
_ARABIC_SPACED = ARABIC + r"(?:\x20(?=[多余]?[万亿]))?"

# Digits and Chinese numerals, with their magnitude: 5.4万亿, 2.87 million, 三百六十, 1,200.
_NUMERAL = rf"""(?:{ARABIC}(?i:\s?(?:{_EN_SCALE}|{_EN_ABBR})\b(?:\s(?:{_EN_SCALE})\b)?)
  |(?:{_ARABIC_SPACED}|{_CN_CHAR})(?:{_ARABIC_SPACED}|{_CN_CHAR}|[多余](?=[十百千万亿拾佰仟]))*
   (?:点[{_CN_FRACTION_CHARS}]+[万亿]*)?)"""

# One pattern finds every number: percent words, English words, digits and Chinese numerals.
NUMBER_PATTERN = rf"""
(?P<bare>(?<=[逾近超上破过])(?:万亿|万|亿)(?![万亿0-9A-Za-z]))
|(?P<pctw>(?P<per>百|千)分之(?P<pctn>[{CN_NUM_CHARS}]+(?:点[{_CN_FRACTION_CHARS}]+)?|{ARABIC}))
|(?P<half>半(?=个?小时|个?钟头|天|年|个月)|(?i:\bhalf)(?=[\s-]+(?:an\s+)?hour))
|(?P<an>(?i:\ban(?=\s+hour\b)(?<!(?:half|km|kilometers|kilometres|miles|yuan|dollars|times)\s+an)))
|(?P<en>(?i:\b(?:(?:{_EN_SMALL})(?:[\s-]+(?:{_EN_SMALL}|and(?=[\s-]+(?:{_EN_SMALL}))))*
    (?:[\s-]+(?:{_EN_SCALE}))*(?:[\s-]+(?:and[\s-]+)?(?:{_EN_SMALL})(?:-(?:{_EN_SMALL}))?)?
  |an?\s+(?:{_EN_SCALE})(?:\s+(?:{_EN_SCALE}))*)\b))
|(?P<num>{_NUMERAL})
"""

# Where a number can start, one look-ahead per pass of the scan (finding/scan.py): a digit,
# a Chinese numeral or 半; or, at the start of a word, the first three letters of an English
# number word (not every word of English text), or "a"/"an" before a scale word.
_EN_PREFIXES = "|".join(sorted({w[:3] for w in f"{_EN_SMALL}|{_EN_SCALE}|half".split("|")}))
_SCALE_PREFIXES = "|".join(sorted({w[:3] for w in _EN_SCALE.split("|")}))
# (`\b` outside the look-ahead: the engine then skips to word starts, 1.6x faster on English.)
NUMBER_STARTS = (rf"(?=[0-9{CN_NUM_CHARS}半])", rf"\b(?=(?i:{_EN_PREFIXES}|an?\s+(?:{_SCALE_PREFIXES}|hou)))")

# Words that end an English noun phrase after a number (38 new cities, with ...).
EN_STOPWORDS = frozenset("""
a an the and or but nor of in on at to for with by from into onto over under about across
between since while during after before including not no will would can could may might
must shall should is are was were be been being has have had do does did its their his her our
your this that these those which who whom whose as than per each every more less most least very
also only just still even yet so then there here when where why how all any both either neither
some up down out off again further once same other another own via upon among amid against
toward towards within without beyond through throughout along around near whereas whether if
""".split())

EN_NOT_PLURAL = frozenset("""
times others ones its this thus plus minus bus gas was has is us yes series news means less
process progress success access business address class mass status campus focus bonus census
consensus corpus virus always perhaps analysis basis crisis emphasis axis besides towards
afterwards nevertheless various previous famous serious numerous enormous continuous
tremendous obvious miscellaneous anonymous dangerous precious religious conscious
across whereas percent points yuan dollars euros years months weeks days hours minutes
pounds francs rupees cents pence rubles roubles won pesos
""".split())


# What TermScanner scans instead of a character no term holds, and the second character of
# the words it adds for the first level of its trie (_NEVER itself is scanned as _UNLISTED,
# so no such word is ever found).
_UNLISTED = "\x00"
_NEVER = "\uffff"


class _Unlisted(dict):
    """A str.translate table that turns every character outside `alphabet` into _UNLISTED
    (filled in as characters are met: one dict lookup a character after the first)."""

    def __init__(self, alphabet: frozenset):
        super().__init__()
        self.alphabet = alphabet

    def __missing__(self, code: int) -> int:
        value = self[code] = code if chr(code) in self.alphabet else ord(_UNLISTED)
        return value


class TermScanner:
    """Finds the longest listed term at each position of folded text, case-insensitively.

    An Aho-Corasick automaton (pyahocorasick, in C) reads the text once whatever the number
    of terms: 3.8x faster here than one `re` alternation of the same few hundred terms
    shaped as a trie, which tries a branch per first character at nearly every other
    character of Chinese text. English terms must stand on word boundaries; that is checked
    on each match.

    pyahocorasick finds a node's child by walking its children in the order they were
    added, and the root of a pack's lexicon has a thousand (every first character of a
    term): a character that starts no term walked them all (440 ns). Given `typical` text,
    every character is given a child at the first level, the most frequent in that text
    first: a character no term holds is scanned as _UNLISTED, one that holds but starts none
    gets a word that is never found (itself and _NEVER). Same matches, the lexicon read in
    60 % of the time; a scanner of a few terms (a small root) is left as it is, as the
    translation would cost it more than it saves.
    """

    def __init__(self, terms, typical: str = ""):
        import ahocorasick

        lowered = {t.lower() for t in terms if t}
        alphabet = frozenset("".join(lowered))
        self._unlisted = None if not typical or {_UNLISTED, _NEVER} & alphabet else _Unlisted(alphabet)
        firsts: dict[str, list[str]] = {}
        for term in sorted(lowered):
            firsts.setdefault(term[0], []).append(term)
        frequency = Counter(typical.lower().translate(self._unlisted) if self._unlisted is not None else typical)
        self._automaton = ahocorasick.Automaton()
        for first in sorted(firsts.keys() | (alphabet | {_UNLISTED} if self._unlisted is not None else set()),
                            key=lambda ch: (-frequency[ch], ch)):
            for term in firsts.get(first, ()):
                self._automaton.add_word(term, term)
            if first not in firsts:
                self._automaton.add_word(first + _NEVER, None)
        self._automaton.make_automaton()
        self._english = frozenset(t for t in lowered if _english(t))

    def finditer(self, text: str):
        """(start, end, term) of every term in `text`, left to right, without overlaps."""
        if not self._automaton or not text:
            return
        lower = text.lower()
        if len(lower) != len(text):  # a letter such as İ lowers to two characters
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        scanned = lower.translate(self._unlisted) if self._unlisted is not None else lower
        pos: Optional[int] = 0
        while pos is not None and pos < len(lower):
            resume, pos = pos, None
            for last, term in self._automaton.iter_long(scanned, resume):
                start, end = last + 1 - len(term), last + 1
                if term in self._english and (
                        (start and lower[start - 1].isascii() and lower[start - 1].isalpha())
                        or (end < len(lower) and lower[end].isascii() and lower[end].isalpha())):
                    # "urban rail" inside "suburban rail lines": not a word; look again one
                    # character on, where a shorter term ("rail lines") may start.
                    pos = start + 1
                    break
                yield start, end, term


class AtWords:
    """A pattern that can only match where one of a few words starts (its look-ahead says
    so), with `finditer` run only there: Aho-Corasick (in C) finds where the words are, the
    pattern is matched at each such place. Same matches as the pattern's own `finditer`,
    which tries its look-ahead at every word of English text (4x slower than on Chinese).

    `words` (lower case) are what a match must start with, whole or as a prefix (three,
    thr); `after_a` are those it may also start with after "a " or "an " (a million).
    """

    def __init__(self, pattern: regex.Pattern, words, after_a=()):
        import ahocorasick

        self.pattern = pattern
        self._automaton = ahocorasick.Automaton()
        for word in set(words) | set(after_a):
            self._automaton.add_word(word, (len(word), word in after_a))
        self._automaton.make_automaton()

    def finditer(self, text: str, pos: int = 0, timeout: Optional[float] = None):
        if pos >= len(text):  # pyahocorasick refuses an empty range
            return
        lower = text.lower()
        if len(lower) != len(text):  # a letter such as İ lowers to two characters
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        starts = set()
        for last, (length, after_a) in self._automaton.iter(lower, pos):
            start = last + 1 - length
            if start and lower[start - 1].isascii() and lower[start - 1].isalnum():
                continue  # inside a word: the pattern's \b fails there
            starts.add(start)
            if after_a:  # "a million", "an  hundred": the look-ahead may start at the article
                j = start
                while j > 0 and lower[j - 1].isspace():
                    j -= 1
                if j < start:
                    starts.update(k for k in (j - 1, j - 2) if k >= pos and lower[k:j] in ("a", "an"))
        end = pos
        for start in sorted(starts):
            if start >= end:
                m = self.pattern.match(text, start, timeout=timeout)
                if m is not None:
                    end = m.end()
                    yield m


class WordsBack:
    """A reverse pattern of words (全省, 该市, the province …), searched from a figure back to
    its sentence start, with the words' occurrences in a text found once (Aho-Corasick, in C)
    so that a stretch holding none is ruled out by bisect: a match is always one of the
    words, and a reverse search over an English sentence without one costs 100 ns a
    character. `occurrences(text)` is made once per text and passed back to `search`."""

    def __init__(self, pattern: regex.Pattern, words):
        import ahocorasick

        self.pattern = pattern
        self.groupindex = pattern.groupindex
        self._automaton = ahocorasick.Automaton()
        for word in set(words):
            if word:
                self._automaton.add_word(word, len(word))
        self._automaton.make_automaton()

    def occurrences(self, text: str) -> tuple[list[int], list[int]]:
        """(ends, starts) of every occurrence of a word in `text`, overlapping ones too, by end."""
        if not text or not len(self._automaton):
            return [], []
        found = sorted((last + 1, last + 1 - length) for last, length in self._automaton.iter(text))
        return [e for e, _ in found], [s for _, s in found]

    def search(self, text: str, pos: int, endpos: int, occurrences: tuple[list[int], list[int]]):
        ends, starts = occurrences
        i = bisect.bisect_right(ends, endpos) - 1
        while i >= 0 and ends[i] > pos:
            if starts[i] >= pos:
                # No match ends after the last word: the reverse search starts there (one
                # character on, which the words' boundary look-ahead reads).
                return self.pattern.search(text, pos, min(endpos, ends[i] + 1))
            i -= 1
        return None


class EndingAt:
    """Words written right before a position (a hedge, a currency sign, a veto): a regex run
    in reverse from the position over at most `reach` characters.

    Most positions are ruled out before the regex runs: the character just before them, past
    blanks, must be one these words end with or one of `extra` (what the pattern allows after
    the words). That is a set lookup or two instead of a regex call for most figures. The regex
    is then matched at the position (a reverse match is anchored at the end of its range),
    not searched from every position of the range only to find `$` fail there.
    """

    def __init__(self, body: str, forms, reach: int, flags: int = 0, extra: str = ""):
        self.pattern = regex.compile("(?r)(?:" + body + ")$", flags)
        self.reach = reach
        self.last_chars = frozenset(extra).union(*({f[-1].lower(), f[-1].upper()} for f in forms if f))
        # Blanks after the words: the character before them must end a word (a table's \t7%).
        self._past_blanks = not any(ch.isspace() for ch in self.last_chars)

    def search(self, text: str, pos: int) -> Optional[regex.Match]:
        if pos == 0:
            return None
        begin = max(0, pos - self.reach)
        k = pos - 1
        if self._past_blanks:
            while k > begin and text[k].isspace():
                k -= 1
        if text[k] not in self.last_chars and not (k == pos - 1 and text[k].isspace()):
            return None
        found = self.pattern.match(text, begin, pos)
        if found is not None or text[pos - 1] != "\n":
            return found
        return self.pattern.search(text, begin, pos)  # `$` may also match before a final line break


class RulePattern:
    """A regex written in a rule file (a unit's `follow`, an indicator's `phrases`), run under
    the time limit of the built-in scans.

    A rule file may hold a pattern that backtracks without end on some text ((?:a|aa)+$ on
    sixty letters) or fails in some other way at run time. The first time it does, it is
    reported once, naming its file and entry, and it is not run again in this process: the
    figures it would have helped with lose that help, extraction goes on.
    """

    def __init__(self, pattern: str, where: str, flags: int = 0, backwards_from_end: bool = False):
        """`backwards_from_end`: the pattern is run in reverse and ends with `$` ((?r)…$), so
        that a match can only end where the text does, or before a final line break."""
        self.pattern = regex.compile(pattern, flags)
        self.groupindex = self.pattern.groupindex
        self.where = where
        self.broken = False
        # Then `search` is `match` (in reverse, anchored at the end), which does not try every
        # other position of the text first only to find `$` fail there.
        self._from_end = backwards_from_end and not self.pattern.flags & regex.MULTILINE

    def match(self, text: str, *bounds: int) -> Optional[regex.Match]:
        return self._run(self.pattern.match, text, *bounds)

    def search(self, text: str, *bounds: int) -> Optional[regex.Match]:
        if self._from_end:
            found = self._run(self.pattern.match, text, *bounds)
            start = bounds[0] if bounds else 0
            end = min(bounds[1], len(text)) if len(bounds) > 1 else len(text)
            if found is not None or end <= start or text[end - 1] != "\n":
                return found  # else `$` may also match before the final line break: search there
        return self._run(self.pattern.search, text, *bounds)

    def finditer(self, text: str) -> list[regex.Match]:
        """Every match in `text`; none when the pattern times out or fails."""
        return self._run(lambda *args, **kwargs: list(self.pattern.finditer(*args, **kwargs)), text) or []

    def _run(self, method, *args) -> Optional[regex.Match]:
        if self.broken:
            return None
        try:
            return method(*args, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            reason = f"timed out after {REGEX_TIMEOUT:g} s"
        except Exception as exc:  # noqa: BLE001  (a rule's fault, reported against the rule)
            reason = f"failed ({type(exc).__name__}: {exc})"
        self.broken = True
        log.warning("[%s] pattern %s; it is skipped from now on", self.where, reason)
        return None


@dataclass
class UnitForm:
    """One written form of a unit, with the unit entry it belongs to."""

    form: str
    rule: Unit
    factor: Decimal
    add: Decimal
    follow: Optional[RulePattern] = None
    precede: Optional[RulePattern] = None


@dataclass
class Compiled:
    table: dict[int, int]
    number_passes: tuple  # regex.Pattern or AtWords, merged by finding.scan.scan
    suffix: re.Pattern
    suffix_forms: dict[str, UnitForm]
    # 元 alone: the money of the place a figure is about, by province code (710000 -> TWD).
    local_currencies: dict[str, str]
    bare_currency_forms: frozenset
    prefix: EndingAt
    prefix_forms: dict[str, UnitForm]
    person_nouns: frozenset
    implied_pattern: regex.Pattern
    implied_forms: dict
    implied_phrases: list
    implied_after: regex.Pattern
    qualifier_before: EndingAt
    qualifier_before_map: dict[str, str]
    qualifier_after: regex.Pattern
    qualifier_after_map: dict[str, str]
    qualifier_inside: dict[str, str]
    veto_before: EndingAt
    vague_before: EndingAt
    rank_before: EndingAt
    veto_words: frozenset
    keyword_metrics: dict[str, tuple[str, ...]]
    shared: dict[str, tuple[str, str, str]]  # 城乡居民人均可支配收入 -> (whole, first, second)
    parts: dict[str, tuple[frozenset, str]]  # 农村居民 -> (the metrics of the whole, the group's metric)
    growth_cues: regex.Pattern                # a growth word between an amount's keyword and a percentage
    after: list[tuple[str, regex.Pattern]]
    generic: list[tuple[str, frozenset, regex.Pattern]]
    continuation: regex.Pattern
    measures: frozenset                       # 里程 of 轨道交通运营里程: a measure of the keyword before it
    after_chinese_number: frozenset  # characters that may follow a Chinese numeral in a figure
    lexicon: TermScanner
    region_names: frozenset
    nation_names: frozenset                   # the names of the country as a whole (全国, China)
    province_names: frozenset                 # provincial-level places: what 全省 / the province refers to
    city_names: frozenset                     # cities: what 全市 / the city refers to
    region_suffix: re.Pattern
    headline_abbreviations: frozenset         # 豫, 苏, 陆: a headline opening with one names that place
    listed_only: regex.Pattern                # 宜城市, 应城市: county names kept only with their prefecture, places inside a list
    own_places: regex.Pattern                 # 本港: a paper's word for its own place (group names index own_place_names)
    own_place_names: tuple                    # the place each own_places word stands for, by group
    refer_back: WordsBack                     # 全省, 该市, 都市圈, the circle (groups province, city, area, region, any, own_province, own_city, own); a reverse pattern
    subject_stops: frozenset
    change_before: EndingAt                   # 增长|5.2%, grew |5%; group `level` marks 提高到|59.22%
    change_after: regex.Pattern               # 4.6%| rise
    growth_after: regex.Pattern               # the same, but no comparison with another level (30%| below)
    change_keywords: regex.Pattern            # 新增 in 新增城镇人口: the figure it names is an addition
    change_flows: frozenset                   # metrics whose figures are always changes
    change_heads: regex.Pattern               # 新增 at the head of a figure's clause
    change_rates: regex.Pattern               # 增速 in 增速为5%: the figure after it is a rate of change
    change_thresholds: regex.Pattern          # 低于 in 仍低于60%: the figure right after it is the level compared with
    target_cues: TermScanner                  # 力争, will, ...: found once per text, looked up per figure
    target_actual: TermScanner                # 已, 实际, so far: a value reached after a target word
    target_after: regex.Pattern               # 5.5%|以内
    target_nouns: frozenset                   # 行动计划, 规划范围: found by target_cues, no target words
    target_holds: frozenset                   # 控制在, 保持在: target words only in a goal's context
    target_void_after: regex.Pattern          # 压缩到|1小时以内: the `after` word makes no target
    target_not_after: regex.Pattern           # 300万|以下的城市, 42项|重点任务: never a target
    target_not_after_tail: regex.Pattern      # the same words ending a figure's own text (8个专项行动)
    target_not_before: regex.Pattern          # 等|6市, with populations between |200,000: never a target
    target_continuation: regex.Pattern        # 届时, 其中 at the start of a sentence
    future_years: list[RulePattern]               # 到2030年, by 2030: targets when the year lies ahead
    places: PlaceNames
    metric_kinds: dict[str, frozenset]  # the kinds of figure each metric names
    named_plans: Optional[str]          # the metric of named plans (“十四五”), if the pack has one
    dictionary_words: list[str] = field(default_factory=list)
    tokenizer: Optional[Tokenizer] = None           # over dictionary_words, its jieba dictionary built
    # After these characters (the end of a number or of a unit) a hyphen joins a range:
    # 20亿-30亿元, 3%-5%, 5公里-10公里; elsewhere it is a minus sign (增长-6.8%).
    range_dash_after: frozenset = frozenset()


def _alternation(forms, reverse: bool = False) -> str:
    """The forms as one alternation that prefers the longest (个百分点 over 个, 元人民币 over 元),
    shaped as a trie: forms sharing a first character share one branch, where a flat list
    of hundreds of forms is tried one form after another at every position (2x slower
    here). The forms that can match at a position are prefixes of one another, and the
    trie, greedy at every node, tries them longest first, as the flat list sorted by
    length does: the same matches. With `reverse`, for a pattern run backwards (EndingAt),
    the trie is built on last characters."""
    forms = set(forms)
    return _trie(forms, reverse) if forms else "(?!)"


def _trie(forms, reverse: bool) -> str:
    branches: dict[str, list[str]] = {}
    for form in forms:
        if form:
            head, rest = (form[-1], form[:-1]) if reverse else (form[0], form[1:])
            branches.setdefault(head, []).append(rest)
    # Heads that differ only by case (A, a) both match under IGNORECASE, so their branches
    # are not exclusive: their forms stay a flat list, longest first.
    cased: dict[str, list[str]] = {}
    for head in branches:
        cased.setdefault(head.upper().lower(), []).append(head)
    parts = []
    for head, rests in sorted(branches.items()):
        variants = cased[head.upper().lower()]
        if len(variants) > 1:
            if head == min(variants):
                flat = {(r + h if reverse else h + r) for h in variants for r in branches[h]}
                parts.append("(?:" + "|".join(regex.escape(f) for f in sorted(flat, key=lambda f: (-len(f), f))) + ")")
            continue
        tail = _trie(rests, reverse) if any(rests) else ""
        if tail and "" in rests:
            tail += "?"  # a form ends here; a longer one goes on: greedy, so longest first
        parts.append(tail + regex.escape(head) if reverse else regex.escape(head) + tail)
    return "(?:" + "|".join(parts) + ")"


def _english(form: str) -> bool:
    return form.isascii() and any(ch.isalpha() for ch in form)


def _bounded(forms, reverse: bool = False) -> str:
    """An alternation that prefers the longest, where English words need word boundaries."""
    forms = set(forms)
    english = [f for f in forms if _english(f)]
    others = [f for f in forms if not _english(f)]
    parts = []
    if english:
        parts.append(rf"(?<![A-Za-z])(?:{_alternation(english, reverse)})(?![A-Za-z])")
    if others:
        parts.append(_alternation(others, reverse))
    return "|".join(parts) if parts else "(?!)"


def compile_pack(pack: RulePack) -> Compiled:
    table = build_table(pack.traditional_pairs)

    def f(text: str) -> str:
        return fold(text, table).lower()

    # The pack's own example sentences stand for the text it reads (TermScanner's order).
    typical = f("".join(e.text for e in (*pack.collect("examples"), *pack.collect("negatives"))))

    suffix_forms: dict[str, UnitForm] = {}
    prefix_forms: dict[str, UnitForm] = {}
    for where, rule in pack.located("unit"):
        follow = RulePattern(rule.follow, f"{where} -> follow") if rule.follow else None
        precede = RulePattern(rf"(?:{rule.precede})$", f"{where} -> precede") if rule.precede else None
        for form in rule.forms:
            target = prefix_forms if rule.position == "prefix" else suffix_forms
            target.setdefault(f(form), UnitForm(f(form), rule, rule.exact_factor(), rule.exact_add(), follow,
                                                precede))
    # Literal alternations run on the standard `re` engine, several times faster here than
    # `regex` (they cannot backtrack); English word boundaries are checked by the caller.
    prefix = EndingAt(r"(?P<unit>" + _bounded(prefix_forms, reverse=True) + r")\s?", prefix_forms, 8, regex.IGNORECASE)

    person_nouns = frozenset(f(w) for entry in pack.collect("person_nouns") for w in entry.forms)

    implied = pack.collect("implied")
    implied_forms = {f(k): entry for entry in implied for k in entry.keywords}
    implied_pattern = regex.compile(_bounded(implied_forms), regex.IGNORECASE)
    implied_phrases = [(RulePattern(rf"(?r)(?:{p})\s*$", f"{where} -> phrases -> {i}", regex.IGNORECASE,
                                    backwards_from_end=True), entry)
                       for where, entry in pack.located("implied") for i, p in enumerate(entry.phrases)]
    # The indicator may follow the magnitude in the noun it modifies: 撬动了1.8万亿的社会投资.
    implied_after = regex.compile(r"的?\p{Han}{0,4}?(?P<k>" + _alternation(
        k for k, entry in implied_forms.items() if entry.requires_scale and not _english(k)) + ")")

    before_map: dict[str, str] = {}
    after_map: dict[str, str] = {}
    inside_map: dict[str, str] = {}
    for entry in pack.collect("qualifier"):
        for w in entry.before:
            before_map.setdefault(f(w), entry.qualifier)
        for w in entry.after:
            after_map.setdefault(f(w), entry.qualifier)
        for w in entry.inside:
            inside_map.setdefault(f(w), entry.qualifier)
    qualifier_before = EndingAt(r"(?P<q>" + _bounded(before_map, reverse=True) + r")(?:了|\s{0,2})", before_map, 16,
                                regex.IGNORECASE, extra="了")
    qualifier_after = regex.compile(r"\s?(?P<q>" + _bounded(after_map) + ")", regex.IGNORECASE)
    # A Chinese hedge may stand between the number and its unit, with 的 after it:
    # 3000多亿元, 800万左右农业转移人口, 300万以上人口, 2万多的人口.
    between = [w for w in after_map if not _english(w) and w not in inside_map]
    # The look-ahead on their first characters keeps the hedges from being tried at most numbers.
    hedge_initials = re.escape("".join(sorted({w[0] for w in [*inside_map, *between]})))
    suffix = re.compile(
        r"(?P<gap>" + _UNIT_GAP + r")(?:(?=[" + hedge_initials + r"])(?:(?P<inside>" + _alternation(inside_map)
        + r")|(?P<hedge>" + _alternation(between) + r"))的?)?(?P<unit>" + _alternation(suffix_forms) + ")",
        re.IGNORECASE)

    vetoes = pack.tables("veto")
    before_zh = [f(w) for v in vetoes for w in v.before_zh]
    before_en = [f(w) for v in vetoes for w in v.before_en]
    veto_words = frozenset(f(w) for v in vetoes for w in v.words)
    veto_before = EndingAt(_alternation(before_zh, reverse=True) + r"|(?<![A-Za-z])(?i:"
                           + _alternation(before_en, reverse=True) + r")\s?",
                           before_zh + before_en, 12)
    vague = [f(w) for v in vetoes for w in v.vague_zh]
    vague_before = EndingAt(_alternation(vague, reverse=True), vague, 4)
    rank = [f(w) for v in vetoes for w in v.rank_en]
    rank_before = EndingAt(r"(?<![A-Za-z])(?i:" + _alternation(rank, reverse=True) + r")\s?", rank, 12)

    keyword_metrics: dict[str, tuple[str, ...]] = {}
    after: list[tuple[str, regex.Pattern]] = []
    generic: list[tuple[str, frozenset, regex.Pattern]] = []
    for metric in pack.metrics.values():
        for word in metric.keywords.all():
            names = keyword_metrics.setdefault(f(word), ())
            if metric.name not in names:
                keyword_metrics[f(word)] = names + (metric.name,)
        if metric.after or metric.after_patterns:
            words = [_bounded(f(w) for w in metric.after)] if metric.after else []
            after.append((metric.name, regex.compile(  # a quote or a hedge may stand between: "30-minute" commuting;
                # so may a conversion in parentheses, or the end of one: 8.7 trillion yuan ($1.2 trillion) of output
                r"(?:\s?\((?i:about|roughly|around|nearly|some)?\s?(?:US|HK)?[$€£¥]\s?[0-9][0-9.,]*(?:\s?[a-z]+){0,2}\)|\)(?=\s))?"
                r"[\s\"”’'」』]{0,3}(?:以上|以内|以下|左右)?(?:"
                + "|".join(words + list(metric.after_patterns)) + ")",
                regex.IGNORECASE)))
        if metric.generic_nouns:
            generic.append((metric.name, frozenset(f(w) for w in metric.generic_nouns),
                            regex.compile(_bounded(f(w) for w in metric.sentence_keywords), regex.IGNORECASE)))
    for indicators in pack.tables("indicators"):
        for word in (*indicators.zh, *indicators.zh_hant, *indicators.en, *indicators.measures):
            keyword_metrics.setdefault(f(word), ())
    shared = {}
    for rule_file in pack.files.values():
        for pair in rule_file.shared:
            for word in pair.words:
                shared[f(word)] = (pair.whole, pair.first, pair.second)
                keyword_metrics[f(word)] = (pair.whole, pair.first, pair.second)
    parts = {}
    for rule_file in pack.files.values():
        for part in rule_file.part:
            for word in part.words:
                parts[f(word)] = (frozenset(part.of), part.metric)
                keyword_metrics.setdefault(f(word), ())
    continuation = regex.compile(r"\s*(?:" + _bounded(
        f(w) for i in pack.tables("indicators") for w in i.continuations) + ")", regex.IGNORECASE)

    terms = pack.tables("terms")
    nation_names = frozenset([f(n) for t in terms for n in t.nation] + [fold(n, table).lower() for t in terms for n in t.nation_en])
    places = build_place_names(pack.collect("region"), pack.collect("namesake"), functools.partial(fold, table=table))
    by_level = {level: {k for k in places.codes if places.levels.get(k) == level}
                for level in ("province", "prefecture")}
    province_names = frozenset([f(n) for t in terms for n in t.provinces] + [n.lower() for t in terms for n in t.provinces_en]
                               + list(by_level["province"]))
    city_names = frozenset([f(n) for t in terms for n in t.cities] + [n.lower() for t in terms for n in t.cities_en]
                           + list(by_level["prefecture"]) + list(places.shared))
    zh_names = [f(n) for t in terms for n in (*t.provinces, *t.cities, *t.areas, *t.nation)]
    en_names = [fold(n, table) for t in terms for n in (*t.provinces_en, *t.cities_en, *t.areas_en, *t.nation_en)]
    # Every name of the canonical places (rules/regions.toml, rules/counties.toml) is a place name too.
    regions = pack.collect("region")
    zh_names += [f(n) for r in regions for n in (*r.zh, *r.zh_hant)]
    en_names += [fold(n, table) for r in regions for n in r.en]
    zh_suffixes = [f(s) for t in terms for s in t.area_suffixes] + ["省", "市", "县", "区"]
    en_suffixes = [fold(s, table) for t in terms for s in t.area_suffixes_en]
    # The lookup forms of those names too (PlaceNames: folded, lower-case, 广西自治区), and the
    # lookalikes that hide a place's name.
    region_names = frozenset(n.lower() for n in zh_names + en_names) | frozenset(places.names())
    lookalikes = [f(w) for t in terms for w in t.lookalikes]
    # One pass finds both the indicator keywords and the place names of a document.
    lexicon = TermScanner([*keyword_metrics, *region_names, *lookalikes], typical)
    region_suffix = re.compile(
        "(?:" + _alternation(zh_suffixes) + r")|\s+(?:" + _alternation(en_suffixes) + r")\b")
    subject_stops = frozenset(f(w) for t in terms for w in t.subject_stops)
    refer_groups = ("province", "city", "area", "region", "any", "own_province", "own_city", "own")
    refer_back = WordsBack(regex.compile("|".join(
        f"(?P<{group}>" + _bounded([fold(w, table) for t in terms for w in getattr(t, f"refer_{group}")], reverse=True) + ")"
        for group in refer_groups), regex.REVERSE),  # searched from a figure backwards
        [fold(w, table) for t in terms for group in refer_groups for w in getattr(t, f"refer_{group}")])

    # County names the rules keep only with their prefecture (襄阳市宜城市: 宜城市 alone reads 适宜城市), one
    # division's each: between two places of a list (枣阳市、宜城市、南漳县) they are places too.
    bare: dict[str, set] = {}
    for r in pack.collect("region"):
        parent = places.places.get(r.parent) if r.level == "county" else None
        if parent is not None and r.zh and r.zh[0].startswith(parent.zh) and len(r.zh[0]) > len(parent.zh) + 1:
            name = f(r.zh[0][len(parent.zh):])
            if name.lower() not in region_names:
                bare.setdefault(name, set()).add(r.code)
    listed_only = regex.compile(_bounded([n for n, codes in bare.items() if len(codes) == 1]))
    own_pairs = [w.split("=", 1) for t in terms for w in t.own_places]
    own_places = regex.compile("|".join(f"(?P<p{k}>{regex.escape(fold(word, table))})" for k, (word, _) in enumerate(own_pairs))
                               or r"(?!)")
    own_place_names = tuple(name for _, name in own_pairs)

    metric_words = [w for m in pack.metrics.values() for w in (*m.keywords.zh, *m.keywords.zh_hant)]
    dictionary = sorted(set(
        [f(w) for w in metric_words]
        # Counties are left out: thousands of words make jieba's dictionary slow to build, and a
        # county's name is found by the lexicon anyway (those holding a numeral are added below).
        + zh_names + [n for n, code in places.codes.items() if not _english(n) and places.places[code].level != "county"]
        + lookalikes + list(veto_words)
        + [f(w) for t in terms for w in t.words]
        + [f(w) for i in pack.tables("indicators") for w in (*i.zh, *i.zh_hant)]
        + [w for w in subject_stops if len(w) > 1]
        # A place whose name holds a numeral is a word (六盘水, 七台河): never a figure.
        + [f(n) for r in pack.collect("region") for n in (*r.zh, *r.zh_hant) if not _CN_NUMERAL.isdisjoint(n)]
    ))
    tokenizer = Tokenizer(dictionary)
    tokenizer.dictionary()  # jieba's part, so that a cached pack holds it
    changes = pack.tables("changes")
    change_words = [f(w) for t in changes for w in t.before]
    levels = [f(w) for t in changes for w in t.levels]
    hedges = list(before_map)
    change_before = EndingAt(
        r"(?:" + _bounded(change_words, reverse=True) + r")(?:\s{0,2}(?P<level>" + _bounded(levels, reverse=True)
        + r"))?(?:了)?\s{0,2}(?:" + _bounded(hedges, reverse=True) + r")?\s{0,2}", change_words + hedges + levels, 24,
        regex.IGNORECASE, extra="了")
    change_after = regex.compile(
        r"\s{0,2}(?:" + _bounded(f(w) for t in changes for w in t.after) + ")", regex.IGNORECASE)
    comparisons = {f(w) for t in changes for w in t.comparisons}
    growth_after = regex.compile(
        r"\s{0,2}(?:" + _bounded(f(w) for t in changes for w in t.after if f(w) not in comparisons) + ")", regex.IGNORECASE)
    growth_cues = regex.compile(_bounded(f(w) for t in changes for w in t.growth), regex.IGNORECASE)
    change_keywords = regex.compile(_bounded(f(w) for t in changes for w in t.keywords), regex.IGNORECASE)
    change_heads = regex.compile(r"(?:" + _bounded(f(w) for t in changes for w in t.clause_heads) + r")(?!"
                                 + _bounded(f(w) for t in changes for w in t.head_stops) + ")", regex.IGNORECASE)
    change_rates = regex.compile(_bounded(f(w) for t in changes for w in t.rates), regex.IGNORECASE)
    change_thresholds = regex.compile(r"(?:" + _bounded(f(w) for t in changes for w in t.thresholds) + r")(?:\s{0,2}(?:"
                                      + _bounded(hedges) + r"))?\s{0,2}$", regex.IGNORECASE)
    targets = pack.tables("targets")
    target_cues = TermScanner(f(w) for t in targets for w in (*t.before, *t.nouns, *t.holds))
    target_actual = TermScanner(f(w) for t in targets for w in t.actual)
    target_after = regex.compile(r"\s{0,2}[)）]?(?:" + "|".join(
        [_bounded(f(w) for t in targets for w in t.after)] + [f"(?:{p})" for t in targets for p in t.after_phrases])
        + ")", regex.IGNORECASE)
    # A figure of a list or range (150万—250万、250万—450万人口的城市) shares the words after its last member.
    target_not_after = regex.compile(r"(?:\s{0,2}[—\-–~～至到、和及]\s{0,2}[0-9.,，]+\s{0,2}[万亿]?){0,6}\s{0,2}(?:"
                                     + ("|".join(f"(?:{p})" for t in targets for p in t.not_after) or "(?!)") + ")", regex.IGNORECASE)
    target_not_after_tail = regex.compile(r"(?r)(?:" + ("|".join(f"(?:{p})" for t in targets for p in t.not_after)
                                                    or "(?!)") + r")$", regex.IGNORECASE)
    target_not_before = regex.compile(r"(?r)(?:" + ("|".join(f"(?:{p})" for t in targets for p in t.not_before) or "(?!)")
                                      + r")$", regex.IGNORECASE)
    target_void_after = regex.compile(r"(?r)(?:" + _bounded((f(w) for t in targets for w in t.void_after), reverse=True)
                                      + r")\s{0,2}(?:约|近|about|nearly)?\s{0,2}$", regex.IGNORECASE)
    target_continuation = regex.compile(
        r"[\s“\"]*(?:" + _bounded(f(w) for t in targets for w in t.continuations) + ")", regex.IGNORECASE)
    future_years = [  # one pattern per rule file, so that a failing one is named by its file
        RulePattern("|".join(f"(?:{p})" for p in rule_file.targets.future_years),
                    f"{label} -> targets -> future_years", regex.IGNORECASE)
        for label, rule_file in pack.files.items() if rule_file.targets is not None and rule_file.targets.future_years]
    # The look-aheads let the engine skip most positions at once (measured: twice as fast).
    # At a digit only the `num` alternative can match (every other starts with a Chinese
    # character or a letter): it is tried first there, not after the others (a table of
    # figures scans 20-25% faster; one pass still, so the engine skips to where numbers start).
    figures = regex.compile(rf"{NUMBER_STARTS[0]}(?:(?=[0-9])(?P<num>{_NUMERAL})|{NUMBER_PATTERN})", regex.VERBOSE)
    english = regex.compile(rf"{NUMBER_STARTS[1]}(?:{NUMBER_PATTERN})", regex.VERBOSE)
    # An English number starts with one of these words whole (its body says so), or with
    # "a"/"an" before a scale word or "hour" (an hour).
    number_passes = (figures, AtWords(english, f"{_EN_SMALL}|half".split("|"), [*_EN_SCALE.split("|"), "hour"]))
    return Compiled(
        table=table, number_passes=number_passes, suffix=suffix, suffix_forms=suffix_forms, prefix=prefix,
        local_currencies={entry.region_code: entry.unit for entry in pack.collect("local_currency")},
        bare_currency_forms=frozenset(f(w) for entry in pack.collect("local_currency") for w in entry.forms),
        prefix_forms=prefix_forms, person_nouns=person_nouns,
        implied_pattern=implied_pattern, implied_forms=implied_forms, implied_phrases=implied_phrases, implied_after=implied_after, qualifier_before=qualifier_before,
        qualifier_before_map=before_map, qualifier_after=qualifier_after,
        qualifier_after_map=after_map, qualifier_inside=inside_map,
        veto_before=veto_before, vague_before=vague_before, rank_before=rank_before, veto_words=veto_words,
        keyword_metrics=keyword_metrics, shared=shared, parts=parts, growth_cues=growth_cues, after=after, generic=generic,
        continuation=continuation,
        measures=frozenset(f(w) for i in pack.tables("indicators") for w in i.measures), lexicon=lexicon, region_names=region_names, nation_names=nation_names,
        province_names=province_names, city_names=city_names, region_suffix=region_suffix, refer_back=refer_back,
        own_places=own_places, own_place_names=own_place_names, listed_only=listed_only,
        headline_abbreviations=frozenset([*places.abbreviations, *(fold(w, table) for t in terms for w in t.headline_abbreviations)]),
        after_chinese_number=frozenset(
            {form[0] for form, u in suffix_forms.items() if not u.rule.english}
            | {w[0] for w in between} | set("多余-—–~至到")),
        subject_stops=subject_stops, places=places, dictionary_words=dictionary, tokenizer=tokenizer,
        change_before=change_before, change_after=change_after, growth_after=growth_after, change_keywords=change_keywords,
        change_flows=frozenset(m for t in changes for m in t.flows), change_heads=change_heads, change_rates=change_rates,
        change_thresholds=change_thresholds,
        target_cues=target_cues,
        target_actual=target_actual, target_after=target_after, target_continuation=target_continuation,
        target_nouns=frozenset(f(w).lower() for t in targets for w in t.nouns),
        target_holds=frozenset(f(w).lower() for t in targets for w in t.holds),
        target_void_after=target_void_after, target_not_after=target_not_after,
        target_not_after_tail=target_not_after_tail, target_not_before=target_not_before,
        future_years=future_years,
        range_dash_after=frozenset(CN_NUM_CHARS + "%‰") | {
            form[-1] for form, u in suffix_forms.items() if not u.rule.english and not form[-1].isascii()},
        metric_kinds={name: frozenset(m.kinds) for name, m in pack.metrics.items()},
        named_plans=next((m.name for m in pack.metrics.values() if m.named_plans), None),
    )


def compiled(pack: RulePack) -> Compiled:
    """The compiled form of `pack`, built on first use and kept on the pack; a pack loaded
    from rule files (load_rules) is also kept compiled in the per-user cache (pack/cache.py),
    where the next process finds it: unpickling is about 5x faster than compiling (the
    `regex` patterns are pickled as their compiled code, the automata as their tables)."""
    cached = pack.__dict__.get("_compiled")
    if cached is None:
        contents = pack.sources
        cached = rulecache.load_compiled(contents) if contents is not None else None
        if cached is None:
            cached = compile_pack(pack)
            if contents is not None:
                rulecache.store_compiled(contents, cached)
        rulecache.store_patterns()  # the modules' patterns, compiled by now (see pack/cache.py)
        pack.__dict__["_compiled"] = cached
    return cached
