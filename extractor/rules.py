"""Rule packs: the TOML files in rules/ (and a user's own directory), validated on load.

Every phrasing the engine knows (units, hedges, vetoes, places, indicators and the named
metrics with their keywords) is data in these files, and each file carries its own
examples, which `check_examples` runs. A file that does not validate raises RuleError
naming the file and the entry, e.g. "[mine.toml -> unit -> 2 -> kind] ...".
"""

from __future__ import annotations

import functools
import tomllib
from fractions import Fraction
from decimal import Decimal
from pathlib import Path
from typing import Literal, Optional, Sequence

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import RuleError
from .records import KINDS

Kind = Literal["percentage", "money", "count", "population", "length", "area", "duration", "period"]


def _valid_regex(pattern: str) -> str:
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"invalid regex {pattern!r}: {exc}") from None
    return pattern


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Keywords(_Strict):
    zh: list[str] = []
    zh_hant: list[str] = []
    en: list[str] = []

    def all(self) -> list[str]:
        return [*self.zh, *self.zh_hant, *self.en]


class Via(_Strict):
    """A metric reached through another metric's keyword plus a cue word (GDP ... 增长 5.2%)."""

    indicator: str
    cues: list[str] = Field(min_length=1)


class Metric(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kinds: list[Kind] = Field(min_length=1)
    description: str = ""
    keywords: Keywords
    via: Optional[Via] = None
    named_plans: bool = False  # every five-year plan named in the text (十四五) is this metric
    after: list[str] = []      # words right after a figure that name it (9.5 trillion yuan of GDP)
    generic_nouns: list[str] = []       # counted nouns that alone do not say what is counted (县)
    sentence_keywords: list[str] = []   # with such a noun, keywords anywhere in the sentence name it

    @field_validator("name")
    @classmethod
    def _not_a_kind(cls, name: str) -> str:
        if name in KINDS:
            raise ValueError(f"metric name {name!r} is a kind; a named metric needs its own name")
        return name


class Unit(_Strict):
    kind: Kind
    unit: Optional[str] = None
    factor: str = "1"
    forms: list[str] = Field(min_length=1)
    position: Literal["suffix", "prefix"] = "suffix"
    english: bool = False
    hyphen: bool = True
    follow: Optional[str] = None
    max_value: Optional[int] = None
    add: str = "0"
    qualifier: Optional[Literal["over", "about", "under"]] = None

    @field_validator("factor", "add")
    @classmethod
    def _exact(cls, factor: str) -> str:
        try:
            Fraction(factor)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"factor {factor!r} is not an exact decimal or fraction") from None
        return factor

    @field_validator("follow")
    @classmethod
    def _compiles(cls, pattern: Optional[str]) -> Optional[str]:
        return pattern if pattern is None else _valid_regex(pattern)

    def exact_factor(self) -> Decimal:
        return _exact_decimal(self.factor)

    def exact_add(self) -> Decimal:
        return _exact_decimal(self.add)


def _exact_decimal(text: str) -> Decimal:
    fraction = Fraction(text)
    return Decimal(fraction.numerator) / Decimal(fraction.denominator)


class PersonNouns(_Strict):
    forms: list[str] = Field(min_length=1)


class Implied(_Strict):
    kind: Kind
    unit: Optional[str] = None
    requires_scale: bool = False
    keywords: list[str] = []
    phrases: list[str] = []  # regexes that end right before the number; (?P<noun>...) names the unit

    @field_validator("phrases")
    @classmethod
    def _compile(cls, phrases: list[str]) -> list[str]:
        return [_valid_regex(pattern) for pattern in phrases]


class Qualifier(_Strict):
    qualifier: Literal["over", "about", "under"]
    before: list[str] = []
    after: list[str] = []
    inside: list[str] = []


class Veto(_Strict):
    words: list[str] = []
    before_zh: list[str] = []
    before_en: list[str] = []


class Terms(_Strict):
    provinces: list[str] = []
    provinces_en: list[str] = []
    cities: list[str] = []
    cities_en: list[str] = []
    areas: list[str] = []
    areas_en: list[str] = []
    area_suffixes: list[str] = []
    area_suffixes_en: list[str] = []
    words: list[str] = []
    subject_stops: list[str] = []


class Indicators(_Strict):
    zh: list[str] = []
    zh_hant: list[str] = []
    en: list[str] = []
    continuations: list[str] = []  # words opening a clause that goes on about the same indicator


class Expected(_Strict):
    """A partial record: only the fields given are compared."""

    kind: Kind
    metric: Optional[str] = None
    value: Optional[float] = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    year: Optional[int] = None
    start_year: Optional[int] = None
    end_year: Optional[int] = None
    subject: Optional[str] = None
    region: Optional[str] = None
    text: Optional[str] = None


class Example(_Strict):
    text: str = Field(min_length=1)
    expect: list[Expected]


class Negative(_Strict):
    """A text that must give no record at all, or none of `metric` when it is set."""

    text: str = Field(min_length=1)
    metric: Optional[str] = None


class RuleFile(_Strict):
    metric: Optional[Metric] = None
    unit: list[Unit] = []
    person_nouns: list[PersonNouns] = []
    implied: list[Implied] = []
    qualifier: list[Qualifier] = []
    veto: Optional[Veto] = None
    terms: Optional[Terms] = None
    indicators: Optional[Indicators] = None
    pairs: list[str] = []
    examples: list[Example] = []
    negatives: list[Negative] = []


class RulePack:
    """All rule files of a pack, merged; the engine compiles what it needs from it once."""

    def __init__(self, files: dict[str, RuleFile]):
        self.files = files
        self.metrics: dict[str, Metric] = {}
        self.metric_files: dict[str, str] = {}
        for name, rule_file in files.items():
            if rule_file.metric is None:
                continue
            metric = rule_file.metric
            if metric.name in self.metrics:
                raise RuleError(name, "metric -> name",
                                f"duplicated metric name {metric.name!r} (also in {self.metric_files[metric.name]})")
            self.metrics[metric.name] = metric
            self.metric_files[metric.name] = name
        for name, rule_file in files.items():
            metric = rule_file.metric
            if metric is not None and metric.via is not None and metric.via.indicator not in self.metrics:
                raise RuleError(name, "metric -> via -> indicator",
                                f"unknown metric {metric.via.indicator!r}")

    def collect(self, field: str) -> list:
        """Every entry of a list field (units, qualifiers, ...) across the pack's files."""
        return [entry for rule_file in self.files.values() for entry in getattr(rule_file, field)]

    def tables(self, field: str) -> list:
        """Every non-empty table field (veto, terms, indicators) across the pack's files."""
        return [getattr(f, field) for f in self.files.values() if getattr(f, field) is not None]

    @functools.cached_property
    def traditional_pairs(self) -> str:
        return "".join(self.collect("pairs"))

    def __reduce__(self):
        return (RulePack, (self.files,))


def _location(error: dict) -> str:
    return " -> ".join(str(part) for part in error["loc"])


def load_file(path: Path, label: Optional[str] = None) -> RuleFile:
    """Parse and validate one rule file; RuleError names the file and the failing entry."""
    label = label or str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise RuleError(label, "", f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleError(label, "", f"not UTF-8: {exc.reason} at byte {exc.start}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(label, "", f"malformed TOML: {exc}") from None
    try:
        return RuleFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        given = first.get("input")
        detail = f" (got {given!r})" if isinstance(given, (str, int, float)) else ""
        raise RuleError(label, _location(first), first["msg"] + detail) from None


def builtin_dir() -> Path:
    """The rules/ directory shipped with the package (top-level rules/ in a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules_builtin", here.parent / "rules"):
        if (candidate / "units.toml").is_file():
            return candidate
    raise RuleError(str(here.parent / "rules"), "", "the built-in rule files are missing")


def rule_files(directory: Path) -> list[Path]:
    """The *.toml files of a rule directory, in a stable order."""
    if not directory.is_dir():
        raise RuleError(str(directory), "", "not a directory")
    return sorted(directory.rglob("*.toml"))


def load_rules(extra_dirs: Sequence[Path] = ()) -> RulePack:
    """The built-in pack, with each directory of `extra_dirs` added on top of it."""
    files: dict[str, RuleFile] = {}
    base = builtin_dir()
    for path in rule_files(base):
        label = path.relative_to(base).as_posix()
        files[label] = load_file(path, label)
    for directory in extra_dirs:
        directory = Path(directory)
        for path in rule_files(directory):
            label = str(path)
            files[label] = load_file(path, label)
    return RulePack(files)


@functools.lru_cache(maxsize=1)
def default_rules() -> RulePack:
    """The built-in pack, loaded once per process."""
    return load_rules()


class ExampleFailure(BaseModel):
    file: str
    entry: str
    message: str


def _differences(expected: Expected, record) -> list[str]:
    problems = []
    for field, want in expected.model_dump(exclude_none=True).items():
        got = getattr(record, field)
        if field == "value":
            same = got is not None and abs(float(got) - want) <= 1e-6 * max(1.0, abs(want))
        else:
            same = got == want
        if not same:
            problems.append(f"{field}: expected {want!r}, got {got!r}")
    return problems


def check_examples(pack: RulePack, only_dir: Optional[Path] = None) -> list[ExampleFailure]:
    """Run every example and negative of the pack (or only those of files under `only_dir`)."""
    from .api import extract

    failures: list[ExampleFailure] = []
    for label, rule_file in pack.files.items():
        if only_dir is not None and not Path(label).resolve().is_relative_to(Path(only_dir).resolve()):
            continue
        for i, example in enumerate(rule_file.examples):
            entry = f"examples -> {i}"
            records = extract(example.text, rules=pack)
            if len(records) != len(example.expect):
                found = ", ".join(f"{r.kind} {r.value} {r.text!r}" for r in records) or "nothing"
                failures.append(ExampleFailure(
                    file=label, entry=entry,
                    message=f"{example.text!r}: expected {len(example.expect)} records, found {len(records)}: {found}"))
                continue
            for j, (want, record) in enumerate(zip(example.expect, records)):
                problems = _differences(want, record)
                if problems:
                    failures.append(ExampleFailure(
                        file=label, entry=f"{entry} -> expect -> {j}",
                        message=f"{example.text!r} {record.text!r}: " + "; ".join(problems)))
        for i, negative in enumerate(rule_file.negatives):
            records = extract(negative.text, rules=pack)
            if negative.metric is not None:
                records = [r for r in records if r.metric == negative.metric]
            if records:
                found = ", ".join(f"{r.kind}/{r.metric} {r.value} {r.text!r}" for r in records)
                failures.append(ExampleFailure(
                    file=label, entry=f"negatives -> {i}",
                    message=f"{negative.text!r} must give no {negative.metric or 'record'}, found: {found}"))
    return failures
