"""Facts: one row per place, indicator and year across a corpus, with its sources and conflicts.

A corpus states the same figure many times (a digest repeats its articles' numbers; one
province is written 河南, 河南省 and Henan Province). `facts(records)` folds the records into
one row per (region_code, metric, year or period, target, change, unit): the value, how many
distinct articles state it, whether they agree, every distinct value when they do not, and
the sources. Values agree when equal or when one is the other rounded (59.2 and 59.22; 5.4万亿
and 5.42万亿); the reported value is then the most precise one.

Only figures with a known place (`region_code`) make facts. A figure whose year the text does
not give joins the one dated fact it repeats (a headline restating its article's figure), else
it is a fact of year null. By default only named metrics (metric != kind), `all_kinds=True`
for every kind.

    >>> from extractor import extract, facts
    >>> records = extract("2024年河南省城镇化率达到59.22%。", doc="a.txt") + extract("2024年，河南城镇化率59.2%。", doc="b.txt")
    >>> rows = facts(records)
    >>> [(f.region_code, f.metric, f.year, f.value, f.articles, f.agree) for f in rows]
    [('410000', 'urbanization_rate', 2024, 59.22, 2, True)]

This module is callable: `from extractor import facts` and `import extractor.facts` give the
same object, and `facts(records)` calls `table(records)`. (A package attribute shadowing its
own submodule would depend on import order: once `extractor.facts` is imported, Python sets
the package attribute to the module. A callable module is the same object either way.)
"""

from __future__ import annotations

import sys
import types
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Iterable, Optional, Union

from pydantic import BaseModel, ConfigDict

Number = Union[int, float]
# Amounts this large come from 万 / 亿 scaling, where the written digits are the precision:
# 5.4万亿 (5400000000000) is 5.42万亿 rounded, but 60 is not 59.8's rounding to tens.
_SCALED = 10_000


class Source(BaseModel):
    """One article that states a fact."""

    model_config = ConfigDict(frozen=True)

    doc: str
    article: Optional[int] = None
    title: Optional[str] = None
    published: Optional[str] = None


class Fact(BaseModel):
    """One figure of one place and time, as the corpus states it."""

    model_config = ConfigDict(frozen=True)

    region_code: str
    region_zh: Optional[str] = None
    region_en: Optional[str] = None
    metric: str
    kind: str
    year: Optional[int] = None
    start_year: Optional[int] = None
    end_year: Optional[int] = None
    target: bool = False
    change: bool = False
    unit: Optional[str] = None
    value: Optional[Number] = None
    articles: int
    agree: bool
    conflict: Optional[list[Number]] = None
    sources: list[Source]

    def key(self) -> tuple:
        return (self.region_code, self.metric, self.year, self.start_year, self.end_year, self.target,
                self.change, self.unit)


#: The columns of a fact in CSV, TSV and XLSX (conflict and sources flattened to text).
COLUMNS = ("region_code", "region_zh", "region_en", "metric", "kind", "year", "start_year", "end_year",
           "target", "change", "unit", "value", "articles", "agree", "conflict", "sources")
SOURCE_COLUMNS = ("region_code", "metric", "year", "start_year", "end_year", "target", "change", "unit",
                  "value", "doc", "article", "title", "published")


def precision(value: Number) -> int:
    """The exponent of the last written digit: 59.22 -> -2, 60 -> 0, 5400000000000 -> 11."""
    try:
        sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    except InvalidOperation:
        return 0
    if exponent < 0:
        return int(exponent)
    if abs(value) >= _SCALED and len(digits) >= 2:
        return int(exponent)
    return 0


def agree(a: Number, b: Number) -> bool:
    """True when a == b, or when the less precise of the two is the other rounded to its digits."""
    if a == b:
        return True
    coarse, fine = sorted((a, b), key=precision, reverse=True)
    step = precision(coarse)
    if step == precision(fine):
        return False
    fine_d, coarse_d = Decimal(repr(fine)), Decimal(repr(coarse))
    quantum = Decimal(1).scaleb(step)
    return any(fine_d.quantize(quantum, rounding=r) == coarse_d for r in (ROUND_HALF_UP, ROUND_HALF_EVEN))


@dataclass
class _Group:
    kind: str
    units: Counter = field(default_factory=Counter)  # units as written, for counts
    values: list = field(default_factory=list)     # (value, source) per record
    sources: dict = field(default_factory=dict)    # (doc, article) -> Source


def _as_row(record: Any) -> dict:
    return record if isinstance(record, dict) else record.model_dump()


def facts_of(records: Iterable[Any], *, all_kinds: bool = False, rules=None) -> list[Fact]:
    """The fact rows of `records` (Record objects or contract dicts), sorted by place, metric, time."""
    from .meaning.places import plain_code
    from .pack.compiled import compiled
    from .pack.rules import default_rules

    places = compiled(rules if rules is not None else default_rules()).places
    groups: dict[tuple, _Group] = {}
    for record in records:
        row = _as_row(record)
        kind, metric = row.get("kind"), row.get("metric") or row.get("kind")
        if not all_kinds and metric == kind:
            continue
        code = row.get("region_code") if "region_code" in row else plain_code(places, row.get("region") or "")
        if not code:
            continue
        year, start_year, end_year = row.get("year"), row.get("start_year"), row.get("end_year")
        # A figure in percentage points is a change (contract: 提高0.9个百分点), and a named
        # count is the same count whatever its classifier (20个 / 20 counties of pilot_counties);
        # a plain count is told apart by what it counts (12 routes, 30 tasks).
        change = bool(row.get("change")) or row.get("unit") == "pp"
        unit = None if kind == "count" and metric != kind else row.get("unit")
        key = (code, metric, year, start_year, end_year, bool(row.get("target")), change, unit)
        group = groups.setdefault(key, _Group(kind))
        if row.get("unit"):
            group.units[row["unit"]] += 1
        source = Source(doc=row.get("doc") or "-", article=row.get("article"), title=row.get("title"),
                        published=row.get("published"))
        group.sources.setdefault((source.doc, source.article), source)
        if row.get("value") is not None:
            group.values.append((row["value"], (source.doc, source.article)))
    _date_repeats(groups)
    return [_fact(key, group, places) for key, group in sorted(groups.items(), key=lambda kv: _order(kv[0]))]


def _date_repeats(groups: dict[tuple, _Group]) -> None:
    """Give a figure without a year the year of the one dated fact it repeats.

    A headline restates a figure of its body without the year (河南城镇化率达59.22% over
    2024年…59.22%): when its value agrees with a value of exactly one dated fact of the
    same place, metric, target, change and unit, it is a source of that fact, not a fact of
    its own. What matches no dated fact, or several, stays a fact of year null.
    """
    dated: dict[tuple, list[tuple]] = {}
    for key, group in groups.items():
        code, metric, year, start_year, end_year, target, change, unit = key
        if year is not None and group.values:
            dated.setdefault((code, metric, target, change, unit), []).append(key)
    for key in [k for k in groups if k[2] is None and k[3] is None and k[4] is None]:
        group = groups[key]
        code, metric, _, _, _, target, change, unit = key
        kept = []
        for value, article in group.values:
            homes = [k for k in dated.get((code, metric, target, change, unit), ())
                     if any(agree(value, v) for v, _ in groups[k].values)]
            if len(homes) == 1:
                home = groups[homes[0]]
                home.values.append((value, article))
                home.sources.setdefault(article, group.sources[article])
            else:
                kept.append((value, article))
        if group.values and not kept:
            del groups[key]
        elif len(kept) < len(group.values):
            group.values = kept
            still = {article for _, article in kept}
            group.sources = {a: src for a, src in group.sources.items() if a in still}


def _order(key: tuple) -> tuple:
    code, metric, year, start_year, end_year, target, change, unit = key
    return (code, metric, change, unit or "", year or end_year or 0, start_year or 0, target)


def _fact(key: tuple, group: _Group, places) -> Fact:
    code, metric, year, start_year, end_year, target, change, unit = key
    distinct = list(dict.fromkeys(v for v, _ in group.values))
    consistent = all(agree(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1:])
    value = None
    if distinct:
        if consistent:
            value = min(distinct, key=precision)
        else:
            said = Counter()
            for v, article in set(group.values):
                said[v] += 1
            value = max(distinct, key=lambda v: (said[v], -precision(v)))
    place = places.places.get(code)
    return Fact(
        region_code=code, region_zh=place.zh if place else None, region_en=place.en if place else None,
        metric=metric, kind=group.kind, year=year, start_year=start_year, end_year=end_year, target=target,
        change=change, unit=unit if unit or not group.units else group.units.most_common(1)[0][0], value=value, articles=len(group.sources),
        agree=consistent, conflict=None if consistent else sorted(distinct), sources=list(group.sources.values()),
    )


def flat(fact: Fact) -> dict:
    """A fact as one row of COLUMNS: conflicting values and sources as text."""
    row = fact.model_dump()
    row["conflict"] = "; ".join(_show(v) for v in fact.conflict) if fact.conflict else None
    row["sources"] = " | ".join(_cite(s) for s in fact.sources)
    return row


def source_rows(facts: Iterable[Fact]) -> list[dict]:
    """One row per (fact, source): which article states which fact (SOURCE_COLUMNS)."""
    rows = []
    for fact in facts:
        for source in fact.sources:
            rows.append({**{c: getattr(fact, c) for c in SOURCE_COLUMNS[:9]}, **source.model_dump()})
    return rows


def _show(value: Number) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _people(value: Number) -> str:
    """59.22 -> '59.22', 5400000000000 -> '5,400,000,000,000'."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _cite(source: Source) -> str:
    where = source.doc if source.article is None else f"{source.doc}#{source.article}"
    return f"{where} {source.title}" if source.title else where


# -- pivot ------------------------------------------------------------------------------------
@dataclass
class Pivot:
    """Region x year of one metric: levels (change false) in its most common unit."""

    metric: str
    unit: Optional[str]
    columns: list[tuple[int, bool]]           # (year, target), in order
    rows: list[dict]                          # region_code, region_zh, region_en, cells {(year, target): Fact}

    def table(self) -> tuple[list[str], list[dict]]:
        """Column names and flat rows for export: a number per year (targets in "YEAR target"
        columns) and a `conflicts` column naming each year whose sources disagree."""
        names = ["region_code", "region_zh", "region_en"] + [_column(c) for c in self.columns] + ["conflicts"]
        out = []
        for row in self.rows:
            flat_row = {k: row[k] for k in ("region_code", "region_zh", "region_en")}
            conflicts = []
            for column in self.columns:
                fact = row["cells"].get(column)
                flat_row[_column(column)] = fact.value if fact else None
                if fact and not fact.agree:
                    conflicts.append(f"{_column(column)}: {' / '.join(_show(v) for v in fact.conflict)}")
            flat_row["conflicts"] = "; ".join(conflicts) or None
            out.append(flat_row)
        return names, out


    def display(self) -> tuple[list[str], list[dict]]:
        """As `table`, for people: the region's names, each cell's value as text, "!" after a
        value whose sources disagree (the `conflicts` column lists what they say)."""
        names, rows = self.table()
        shown = [n for n in names if n != "region_code"]
        out = []
        for row, source in zip(rows, self.rows):
            cells = dict(row)
            for column in self.columns:
                fact = source["cells"].get(column)
                if fact is not None and fact.value is not None:
                    cells[_column(column)] = _people(fact.value) + ("" if fact.agree else " !")
            out.append(cells)
        return shown, out


def _column(column: tuple[int, bool]) -> str:
    year, target = column
    return f"{year} target" if target else str(year)


def pivot(facts: Iterable[Fact], metric: str) -> Pivot:
    """The region x year table of `metric` (levels only, yearly figures, the most common unit)."""
    chosen = [f for f in facts if f.metric == metric and not f.change and f.year is not None]
    units = Counter(f.unit for f in chosen)
    unit = units.most_common(1)[0][0] if units else None
    chosen = [f for f in chosen if f.unit == unit]
    columns = sorted({(f.year, f.target) for f in chosen})
    rows: dict[str, dict] = {}
    for f in chosen:
        row = rows.setdefault(f.region_code, {"region_code": f.region_code, "region_zh": f.region_zh,
                                              "region_en": f.region_en, "cells": {}})
        row["cells"][(f.year, f.target)] = f
    return Pivot(metric, unit, columns, [rows[k] for k in sorted(rows)])


def frame(facts: list[Fact]):
    """The facts as a pandas DataFrame (pandas is imported only here)."""
    import pandas

    return pandas.DataFrame([f.model_dump() for f in facts], columns=list(COLUMNS))


def table(records: Iterable[Any], *, all_kinds: bool = False, as_frame: bool = False, rules=None):
    """The facts of `records`: Fact models, or a pandas DataFrame with `as_frame=True`."""
    rows = facts_of(records, all_kinds=all_kinds, rules=rules)
    return frame(rows) if as_frame else rows


class _CallableModule(types.ModuleType):
    """`extractor.facts(records)` is `extractor.facts.table(records)` (see the module doc)."""

    def __call__(self, records: Iterable[Any], *, all_kinds: bool = False, as_frame: bool = False, rules=None):
        return table(records, all_kinds=all_kinds, as_frame=as_frame, rules=rules)


sys.modules[__name__].__class__ = _CallableModule
