"""Rule packs: the TOML files in rules/ (and a user's own directory), validated on load
(or taken from the per-user cache of validated packs, rulecache.py, when unchanged).

Every phrasing the engine knows (units, hedges, vetoes, places, indicators and the named
metrics with their keywords) is data in these files, and each file carries its own
examples, which pack/examples.py runs. A file that does not validate raises RuleError
naming the file and the entry, e.g. "[mine.toml -> unit -> 2 -> kind] ...".
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, fields
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Callable, Literal, Optional, Sequence

import regex

from ..contract import KINDS
from ..errors import RuleError, display_name
from . import cache as rulecache

Kind = Literal["percentage", "money", "count", "population", "length", "area", "duration", "period"]
# Rule entries are plain frozen dataclasses, validated by pydantic (which understands them
# and _Check) only when a pack is not in the cache: a start with cached rules never imports
# pydantic. Unknown keys are errors, as in every entry below.
_STRICT = {"extra": "forbid"}
log = logging.getLogger(__name__)


class _Check:
    """Annotated metadata: pydantic runs `check` on the value after its own validation and
    reports a ValueError it raises at the field, as "[file -> entry -> field] reason"."""

    def __init__(self, check: Callable):
        self.check = check

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


def _not_empty(value):
    if not value:
        raise ValueError("must not be empty")
    return value


NonEmpty = _Check(_not_empty)


def _word(value: str) -> str:
    if not value.strip():
        raise ValueError("an empty or blank word matches everywhere; remove it")
    return value


# Every word of a list is matched as written: an empty one would match at every position
# (before = [""] made every figure "about"; forms = [""] broke every input).
Words = tuple[Annotated[str, _Check(_word)], ...]

#: Largest repeat count a rule's regex may use, and the largest product of all its counts:
#: (?:a{1000}){1000} compiles into a program that exhausts memory.
MAX_REPEAT = 1000
MAX_REPEAT_PRODUCT = 100_000
_REPEAT = regex.compile(r"(?<!\\)\{(\d*)(?:,(\d*))?\}")
#: Largest number a unit's max_value, factor or add may state (no figure is larger).
MAX_RULE_NUMBER = 10**18
_EXACT_NUMBER = regex.compile(r"-?\d{1,30}(?:\.\d{1,30})?(?:[eE][-+]?\d{1,2})?(?:/\d{1,30})?")


def _valid_regex(pattern: Optional[str]) -> Optional[str]:
    if pattern is None:
        return None
    product = 1
    for m in _REPEAT.finditer(pattern):
        counts = [int(c) for c in m.groups() if c]
        if any(c > MAX_REPEAT for c in counts):
            raise ValueError(f"regex {pattern!r} repeats {max(counts)} times; at most {MAX_REPEAT} are allowed")
        product *= max(counts, default=1) or 1
        if product > MAX_REPEAT_PRODUCT:
            raise ValueError(f"regex {pattern!r}: its repeat counts multiply to over {MAX_REPEAT_PRODUCT}")
    try:
        compiled = regex.compile(pattern)
    except (regex.error, OverflowError, RecursionError, MemoryError) as exc:
        raise ValueError(f"invalid regex {pattern!r}: {exc}") from None
    if "noun" in compiled.groupindex:
        _check_noun_group(pattern)
    return pattern


def _check_noun_group(pattern: str) -> None:
    """A (?P<noun>...) group names a count's unit: one that can match white space alone
    would give a figure an empty unit."""
    body = _group_body(pattern, "(?P<noun>")
    if body is None:
        return
    try:
        noun = regex.compile(body)
    except regex.error:
        return
    if any(noun.fullmatch(blank) for blank in ("", " ", "  ", "\t", "\n")):
        raise ValueError(f"regex {pattern!r}: its (?P<noun>...) group can match white space alone; "
                         "make it require a word")


def _group_body(pattern: str, opening: str) -> Optional[str]:
    """The text inside the group of `pattern` that starts with `opening`, brackets balanced."""
    start = pattern.find(opening)
    if start < 0:
        return None
    depth, i, in_class = 1, start + len(opening), False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return pattern[start + len(opening):i]
        i += 1
    return None


def _valid_regexes(patterns: Words) -> Words:
    return tuple(_valid_regex(p) for p in patterns)


def _year_regexes(patterns: Words) -> Words:
    for pattern in _valid_regexes(patterns):
        if "year" not in regex.compile(pattern).groupindex:
            raise ValueError(f"regex {pattern!r} needs a (?P<year>...) group: the year it names")
    return patterns


def _exact(factor: str) -> str:
    # The shape is checked before Fraction sees it: Fraction("1e999999999") builds a number
    # of a billion digits.
    if not _EXACT_NUMBER.fullmatch(factor.strip()):
        raise ValueError(f"{factor!r} is not an exact decimal or fraction of at most 30 digits (e.g. 0.001, 1/1500)")
    try:
        value = Fraction(factor)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{factor!r} is not an exact decimal or fraction") from None
    if abs(value) > MAX_RULE_NUMBER:
        raise ValueError(f"{factor!r} is larger than {MAX_RULE_NUMBER:.0e}; no figure is")
    return factor


def _bounded_number(value: Optional[int]) -> Optional[int]:
    if value is not None and not 0 <= value <= MAX_RULE_NUMBER:
        raise ValueError(f"must be between 0 and {MAX_RULE_NUMBER:.0e}")
    return value


def _metric_name(name: str) -> str:
    if not regex.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError(f"metric name {name!r} must be lower-case letters, digits and _")
    if name in KINDS:
        raise ValueError(f"metric name {name!r} is a kind; a named metric needs its own name")
    return name


@dataclass(frozen=True)
class Keywords:
    __pydantic_config__ = _STRICT
    zh: Words = ()
    zh_hant: Words = ()
    en: Words = ()

    def all(self) -> list[str]:
        return [*self.zh, *self.zh_hant, *self.en]


@dataclass(frozen=True)
class Metric:
    __pydantic_config__ = _STRICT
    name: Annotated[str, _Check(_metric_name)]
    kinds: Annotated[tuple[Kind, ...], NonEmpty]
    keywords: Keywords
    description: str = ""
    growth: Words = ()         # keywords naming its growth rate directly (经济增速 for gdp)
    named_plans: bool = False  # every five-year plan named in the text (十四五) is this metric
    after: Words = ()          # words right after a figure that name it (9.5 trillion yuan of GDP)
    # regexes right after a figure that name it (60% of the population live in cities)
    after_patterns: Annotated[Words, _Check(_valid_regexes)] = ()
    generic_nouns: Words = ()       # counted nouns that alone do not say what is counted (县)
    sentence_keywords: Words = ()   # with such a noun, keywords anywhere in the sentence name it


@dataclass(frozen=True)
class Unit:
    __pydantic_config__ = _STRICT
    kind: Kind
    forms: Annotated[Words, NonEmpty]
    unit: Optional[str] = None
    factor: Annotated[str, _Check(_exact)] = "1"
    position: Literal["suffix", "prefix"] = "suffix"
    english: bool = False
    hyphen: bool = True
    follow: Annotated[Optional[str], _Check(_valid_regex)] = None
    precede: Annotated[Optional[str], _Check(_valid_regex)] = None  # must end right before the number
    max_value: Annotated[Optional[int], _Check(_bounded_number)] = None
    add: Annotated[str, _Check(_exact)] = "0"
    qualifier: Optional[Literal["over", "about", "under"]] = None

    def exact_factor(self) -> Decimal:
        return _exact_decimal(self.factor)

    def exact_add(self) -> Decimal:
        return _exact_decimal(self.add)


def _exact_decimal(text: str) -> Decimal:
    fraction = Fraction(text)
    return Decimal(fraction.numerator) / Decimal(fraction.denominator)


@dataclass(frozen=True)
class LocalCurrency:
    """元 written alone names no currency: it is the money of the place a figure is about.
    `region_code`: a province-level code (710000: 元 is 新台币 in Taiwan); `unit`: that
    money's ISO code; `forms`: the unit forms that name no currency (元)."""

    __pydantic_config__ = _STRICT
    region_code: Annotated[str, NonEmpty]
    unit: Annotated[str, NonEmpty]
    forms: Annotated[Words, NonEmpty]


@dataclass(frozen=True)
class PersonNouns:
    __pydantic_config__ = _STRICT
    forms: Annotated[Words, NonEmpty]


@dataclass(frozen=True)
class Implied:
    __pydantic_config__ = _STRICT
    kind: Kind
    unit: Optional[str] = None
    requires_scale: bool = False
    keywords: Words = ()
    # regexes that end right before the number; (?P<noun>...) names the unit
    phrases: Annotated[Words, _Check(_valid_regexes)] = ()


@dataclass(frozen=True)
class Qualifier:
    __pydantic_config__ = _STRICT
    qualifier: Literal["over", "about", "under"]
    before: Words = ()
    after: Words = ()
    inside: Words = ()


@dataclass(frozen=True)
class Veto:
    __pydantic_config__ = _STRICT
    words: Words = ()
    before_zh: Words = ()
    before_en: Words = ()
    vague_zh: Words = ()   # before a Chinese numeral only: 数十个 is vague, 户数86.4万户 is not
    rank_en: Words = ()    # before a count only: top 10 cities is a rank, top 2 trillion yuan a verb


@dataclass(frozen=True)
class Terms:
    __pydantic_config__ = _STRICT
    provinces: Words = ()
    provinces_en: Words = ()
    cities: Words = ()
    cities_en: Words = ()
    areas: Words = ()
    areas_en: Words = ()
    nation: Words = ()
    nation_en: Words = ()
    area_suffixes: Words = ()
    area_suffixes_en: Words = ()
    words: Words = ()
    subject_stops: Words = ()
    # Words that hold a place's name but are no place (长治久安, 巩固原有, 日照时数): the
    # lexicon matches them whole, so the place inside is not found.
    lookalikes: Words = ()
    # Words that refer back to a place named before (全省, 该市, 都市圈, the circle, its): each to
    # the last place of its type (meaning/regions.py); a figure they precede is about that place.
    refer_province: Words = ()
    refer_city: Words = ()
    refer_area: Words = ()
    refer_region: Words = ()
    refer_any: Words = ()
    refer_own_province: Words = ()
    refer_own_city: Words = ()
    refer_own: Words = ()
    # One-character names a headline may open with besides the provinces' abbreviations (陸推…).
    headline_abbreviations: Words = ()
    # Words a paper writes for its own place, as "word=place" (本港=香港 in Hong Kong papers): a
    # headline that names no place but one of these is about that place.
    own_places: Words = ()


@dataclass(frozen=True)
class Region:
    """A canonical place (rules/regions.toml): its code and every name it is written with."""

    __pydantic_config__ = _STRICT
    code: Annotated[str, NonEmpty]
    level: Literal["nation", "province", "prefecture", "county", "area", "country", "world"]
    zh: Words = ()
    zh_hant: Words = ()
    abbr: str = ""
    en: Words = ()
    parent: str = ""


@dataclass(frozen=True)
class Changes:
    """Words that make a figure a change rather than a level, and a growth rate of an amount."""

    __pydantic_config__ = _STRICT
    before: Words = ()   # right before the figure: 增长5.2%, 增加18万人, grew 5%, up 1.4 million
    after: Words = ()    # right after it: a 4.6% rise, 5%的增长
    levels: Words = ()   # after a `before` word, these make the figure the new level: 提高到59.22%, rose to
    growth: Words = ()   # between an amount's keyword and a percentage: the percentage is its growth rate
    keywords: Words = ()  # in the keyword that names a figure: an addition (新增城镇人口287万人)
    flows: Words = ()     # metrics whose figures are always changes (migrants settled in a year)
    clause_heads: Words = ()  # at the head of a figure's clause: an addition (新增…里程125公里)
    head_stops: Words = ()    # right after a clause head, these make it none (新建的园区, 新建和改造管网)
    rates: Words = ()         # `before` words that name a rate of change: 增速为5% is a change all the same
    thresholds: Words = ()    # `before` words of comparison right before the figure: the level compared with (仍低于60%)
    comparisons: Words = ()   # `after` words of a gap, not a growth: 30% below Shanghai's level is no growth rate


@dataclass(frozen=True)
class Targets:
    """Words that make a figure a goal, plan target or projection rather than a value reached."""

    __pydantic_config__ = _STRICT
    before: Words = ()         # anywhere before the figure in its sentence: 力争, 目标, 预计, will, aims to
    after: Words = ()          # right after it: 以内, 的目标
    actual: Words = ()         # after a target word, these make what follows a value reached: 已, 实际
    continuations: Words = ()  # a sentence opening with these goes on with the target of the one before: 届时, 其中
    nouns: Words = ()          # words that hold a target word and are no target word (行动计划, 规划范围)
    holds: Words = ()          # words of holding a level (控制在, 保持在): a target only in a goal's context
    void_after: Words = ()     # right before a figure, these make an `after` word no target (压缩到1小时以内)
    after_phrases: Annotated[Words, _Check(_valid_regexes)] = ()  # regexes right after a figure: a target ("30-minute" commuting target)
    not_after: Annotated[Words, _Check(_valid_regexes)] = ()  # regexes right after a figure: never a target (300万以下的城市, 18项重点任务)
    not_before: Annotated[Words, _Check(_valid_regexes)] = ()  # regexes right before a figure: never a target (等6市, 由1小时以上)
    future_years: Annotated[Words, _Check(_year_regexes)] = ()  # regexes of a year phrase that is a target when the year is ahead of the text's date


@dataclass(frozen=True)
class Namesake:
    """A short name of regions.toml that a county-level division elsewhere also bears (朝阳:
    朝阳市 in Liaoning, 朝阳区 in Beijing): `provinces` are where those namesakes lie."""

    __pydantic_config__ = _STRICT
    name: Annotated[str, NonEmpty]
    provinces: Annotated[Words, NonEmpty]


@dataclass(frozen=True)
class Indicators:
    __pydantic_config__ = _STRICT
    zh: Words = ()
    zh_hant: Words = ()
    en: Words = ()
    continuations: Words = ()  # words opening a clause that goes on about the same indicator
    measures: Words = ()       # words naming a measure of the keyword before them (轨道交通|运营里程)


@dataclass(frozen=True)
class Shared:
    """A keyword naming two subjects at once (城乡居民人均可支配收入): the figures of a list after
    it with 分别 / respectively take `first` and `second` in turn; a figure alone takes `whole`."""

    __pydantic_config__ = _STRICT
    words: Annotated[Words, NonEmpty]
    whole: Annotated[str, _Check(_metric_name)]
    first: Annotated[str, _Check(_metric_name)]
    second: Annotated[str, _Check(_metric_name)]


@dataclass(frozen=True)
class Part:
    """A group named alone after an indicator of the whole in its sentence stands for that
    indicator of the group (…收入增长5.5%，其中农村居民增长6.6%; income of urban residents was …,
    while that of rural residents rose 6.6%): after a metric of `of`, the figure is `metric`'s."""

    __pydantic_config__ = _STRICT
    words: Annotated[Words, NonEmpty]
    of: Annotated[Words, NonEmpty]
    metric: Annotated[str, _Check(_metric_name)]


@dataclass(frozen=True)
class Expected:
    """A partial record: only the fields given are compared."""

    __pydantic_config__ = _STRICT
    kind: Kind
    metric: Optional[str] = None
    value: Optional[float] = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    target: Optional[bool] = None
    change: Optional[bool] = None
    year: Optional[int] = None
    start_year: Optional[int] = None
    end_year: Optional[int] = None
    subject: Optional[str] = None
    region: Optional[str] = None
    region_code: Optional[str] = None
    text: Optional[str] = None

    def given(self) -> dict:
        """The fields the example states, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


@dataclass(frozen=True)
class Example:
    __pydantic_config__ = _STRICT
    text: Annotated[str, NonEmpty]
    expect: tuple[Expected, ...]


@dataclass(frozen=True)
class Negative:
    """A text that must give no record at all, or none of `metric` when it is set."""

    __pydantic_config__ = _STRICT
    text: Annotated[str, NonEmpty]
    metric: Optional[str] = None


@dataclass(frozen=True)
class RuleFile:
    __pydantic_config__ = _STRICT
    metric: Optional[Metric] = None
    unit: tuple[Unit, ...] = ()
    local_currency: tuple[LocalCurrency, ...] = ()
    person_nouns: tuple[PersonNouns, ...] = ()
    implied: tuple[Implied, ...] = ()
    qualifier: tuple[Qualifier, ...] = ()
    veto: Optional[Veto] = None
    terms: Optional[Terms] = None
    indicators: Optional[Indicators] = None
    pairs: Words = ()
    shared: tuple[Shared, ...] = ()
    part: tuple[Part, ...] = ()
    region: tuple[Region, ...] = ()
    changes: Optional[Changes] = None
    targets: Optional[Targets] = None
    namesake: tuple[Namesake, ...] = ()
    examples: tuple[Example, ...] = ()
    negatives: tuple[Negative, ...] = ()


#: Metrics of these kinds have a growth rate in percent, named M_growth (contract v2).
AMOUNT_KINDS = frozenset({"money", "population", "count"})


def growth_metric(metric: Metric) -> Metric:
    """The derived metric of an amount's growth rate in percent: gdp -> gdp_growth.

    One rule for every amount metric (contract v2, "M_growth"): a percentage reached through
    the amount's keyword and a growth word (rules/changes.toml) is its growth rate; the
    metric's own `growth` keywords name the rate directly (经济增速 -> gdp_growth)."""
    return Metric(name=f"{metric.name}_growth", kinds=("percentage",), keywords=Keywords(zh=metric.growth),
                  description=f"growth rate in percent of {metric.name} (derived by the growth rule)")


class RulePack:
    """All rule files of a pack, merged; the engine compiles what it needs from it once.

    `metrics` holds the named metrics of the files and the growth metrics derived from them.
    A pack whose compiled form the per-user cache holds (`deferred`) reads its files only
    when asked for them: a run of the command line needs the compiled form alone, and
    unpickling the validated files as well cost a twentieth of a cold start."""

    def __init__(self, files: dict[str, RuleFile]):
        self._files: Optional[dict[str, RuleFile]] = files
        # The bytes of the rule files by label, when loaded from files (load_rules): the key
        # of the pack's compiled form in the per-user cache (pack/cache.py).
        self.sources: Optional[dict[str, bytes]] = None
        self._metrics = _metrics_of(files)

    @classmethod
    def deferred(cls, sources: dict[str, bytes]) -> "RulePack":
        """The pack made of `sources` (label -> bytes), validated before (its compiled form
        is in the cache): its files are read from the cache, or parsed, on first need."""
        pack = cls.__new__(cls)
        pack._files, pack._metrics, pack.sources = None, None, sources
        return pack

    @property
    def files(self) -> dict[str, RuleFile]:
        if self._files is None:
            self._files = _validated_files(self.sources)
        return self._files

    @property
    def metrics(self) -> dict[str, Metric]:
        return self._metric_tables()[0]

    @property
    def metric_files(self) -> dict[str, str]:
        """The file each metric is named in (a derived growth metric: its base's)."""
        return self._metric_tables()[1]

    def _metric_tables(self) -> tuple[dict[str, Metric], dict[str, str]]:
        if self._metrics is None:
            self._metrics = _metrics_of(self.files)
        return self._metrics

    def collect(self, field: str) -> list:
        """Every entry of a list field (units, qualifiers, ...) across the pack's files."""
        return [entry for rule_file in self.files.values() for entry in getattr(rule_file, field)]

    def located(self, field: str) -> list[tuple[str, object]]:
        """(where, entry) for every entry of a list field: where is "file -> field -> index",
        so a rule that fails at run time can be named as validation names it."""
        return [(f"{label} -> {field} -> {i}", entry) for label, rule_file in self.files.items()
                for i, entry in enumerate(getattr(rule_file, field))]

    def tables(self, field: str) -> list:
        """Every non-empty table field (veto, terms, indicators) across the pack's files."""
        return [getattr(f, field) for f in self.files.values() if getattr(f, field) is not None]

    @functools.cached_property
    def traditional_pairs(self) -> str:
        return "".join(self.collect("pairs"))

    def __reduce__(self):
        if self._files is None and self.sources is not None:
            return (RulePack.deferred, (self.sources,))
        return (RulePack, (self.files,))


def _metrics_of(files: dict[str, RuleFile]) -> tuple[dict[str, Metric], dict[str, str]]:
    """(metrics by name, the file each is named in): the files' named metrics and the growth
    metrics derived from them; a name given twice is a RuleError."""
    metrics: dict[str, Metric] = {}
    metric_files: dict[str, str] = {}
    for name, rule_file in files.items():
        if rule_file.metric is None:
            continue
        metric = rule_file.metric
        if metric.name in metrics:
            raise RuleError(name, "metric -> name",
                            f"duplicated metric name {metric.name!r} (also in {metric_files[metric.name]})")
        metrics[metric.name] = metric
        metric_files[metric.name] = name
    for name, metric in list(metrics.items()):
        if AMOUNT_KINDS.isdisjoint(metric.kinds):
            continue
        derived = growth_metric(metric)
        if derived.name in metrics:
            raise RuleError(metric_files[derived.name], "metric -> name",
                            f"{derived.name!r} is derived from {name!r} (the growth rule); name it otherwise")
        metrics[derived.name] = derived
        metric_files[derived.name] = metric_files[name]
    return metrics, metric_files


def _location(error: dict) -> str:
    return " -> ".join(str(part) for part in error["loc"])


@functools.lru_cache(maxsize=1)
def _validator():
    from pydantic import TypeAdapter

    return TypeAdapter(RuleFile)


def parse_file(data: bytes, label: str) -> RuleFile:
    """Parse and validate the bytes of one rule file; RuleError names the file and the failing entry."""
    import tomllib
    from pydantic import ValidationError

    try:
        parsed = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise RuleError(label, "", f"not UTF-8: {exc.reason} at byte {exc.start}") from None
    except (tomllib.TOMLDecodeError, ValueError) as exc:  # ValueError: an integer of over 4,300 digits
        raise RuleError(label, "", f"malformed TOML: {exc}") from None
    try:
        return _validator().validate_python(parsed)
    except ValidationError as exc:
        first = exc.errors()[0]
        given = first.get("input")
        detail = f" (got {given!r})" if isinstance(given, (str, int, float)) else ""
        message = ("unknown key" if first["type"] == "unexpected_keyword_argument"
                   else first["msg"].removeprefix("Value error, "))
        raise RuleError(label, _location(first), message + detail) from None


def builtin_dir() -> Path:
    """The rules/ directory shipped with the package (top-level rules/ in a checkout)."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "rules_builtin", package.parent / "rules"):
        if (candidate / "units.toml").is_file():
            return candidate
    raise RuleError(str(package.parent / "rules"), "", "the built-in rule files are missing")


def rule_files(directory: Path) -> list[Path]:
    """The *.toml regular files of a rule directory and its subfolders, in a stable order.

    A FIFO or a device named *.toml is logged as not a regular file and skipped (reading it
    could block forever); the walk keeps its own stack, so no depth can exhaust recursion.
    """
    import os
    import stat

    if not directory.is_dir():
        raise RuleError(str(directory), "", "not a directory")
    found, folders = [], [directory]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError as exc:
            raise RuleError(str(folder), "", f"cannot list directory: {exc.strerror or exc}") from None
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif entry.name.endswith(".toml"):
                try:
                    mode = entry.stat().st_mode
                except OSError:
                    mode = 0
                if stat.S_ISREG(mode):
                    found.append(Path(entry.path))
                else:
                    log.warning("%s: not a regular file; skipped", display_name(entry.path))
    return sorted(found)


def _read(path: Path, label: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RuleError(label, "", f"cannot read: {exc.strerror or exc}") from None


def load_rules(extra_dirs: Sequence[Path] = ()) -> RulePack:
    """The built-in pack, with each directory of `extra_dirs` added on top of it.

    The files are read every time; they are parsed and validated only when this exact
    pack (the same bytes under the same names) is not in the per-user cache (rulecache).
    """
    base = builtin_dir()
    sources = [(path.relative_to(base).as_posix(), path) for path in rule_files(base)]
    for directory in extra_dirs:
        sources.extend((str(path), path) for path in rule_files(Path(directory)))
    contents = {label: _read(path, label) for label, path in sources}
    if rulecache.has_compiled(contents):
        return RulePack.deferred(contents)
    pack = RulePack(_validated_files(contents))
    pack.sources = contents  # what the pack was made of: the key of its compiled form in the cache
    return pack


def _validated_files(contents: dict[str, bytes]) -> dict[str, RuleFile]:
    """The parsed and validated rule files of `contents` (label -> bytes), from the cache
    when it holds them."""
    files = rulecache.load(contents)
    if files is None:
        files = {label: parse_file(data, label) for label, data in contents.items()}
        rulecache.store(contents, files)
    return files


@functools.lru_cache(maxsize=1)
def default_rules() -> RulePack:
    """The built-in pack, loaded once per process."""
    return load_rules()
