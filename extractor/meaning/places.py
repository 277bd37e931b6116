"""`region_code`: the canonical place (rules/regions.toml) of a record's `region` as written.

A lookup in the pack's place tables (pack/placenames.py): folded, case-insensitive, with and
without 省 / 市 / 自治区 / Province / City. What the name alone cannot settle is settled by
the article's province where the article states one, else left null rather than guessed:
- an English name two prefectures share (Suzhou, Taizhou, Fuzhou, Yulin, Yichun);
- a prefecture's short name that a county-level division elsewhere bears (朝阳, 西安, 中山):
  the prefecture when its own province is stated, null when only the namesake's is or none;
- 全省 / 我省 / the province: the province when the article states exactly one.
A one-character abbreviation (豫, 苏) counts only when it is the whole region string.
"""

from __future__ import annotations

from typing import Iterable, Optional

from ..pack.placenames import EN_SUFFIXES, OWN_PROVINCE, ZH_SUFFIXES, PlaceNames


class NamedProvinces:
    """The provinces of every place named in a text, worked out once for the text (on first
    need), whatever the number of its headlines: per headline, a 200,000-character segment
    of a big digest read its thousands of place names again for each of its articles."""

    def __init__(self, places: PlaceNames, names: Iterable[str]):
        self._places = places
        self._names = names
        self._provinces: Optional[frozenset] = None

    def get(self) -> frozenset:
        if self._provinces is None:
            self._provinces = _provinces_of(self._places, self._names)
        return self._provinces


class ArticleProvinces:
    """The provinces an article states: those of its headline's place, else of every place
    named in its text. Computed only when a record needs it (an ambiguous name)."""

    def __init__(self, places: PlaceNames, headline: Optional[str], named: NamedProvinces):
        self._places = places
        self._headline = headline
        self._named = named
        self._provinces: Optional[frozenset] = None

    def get(self) -> frozenset:
        if self._provinces is None:
            own = _provinces_of(self._places, [self._headline] if self._headline else [])
            self._provinces = own or self._named.get()
        return self._provinces


def _provinces_of(places: PlaceNames, names: Iterable[str]) -> frozenset:
    found = set()
    for name in names:
        code = plain_code(places, name)
        place = places.places.get(code) if code else None
        if place is not None and place.province:
            found.add(place.province)
    return frozenset(found)


def plain_code(places: PlaceNames, region: str) -> Optional[str]:
    """The code `region` has by its name alone (None when unknown or ambiguous)."""
    key = places.key(region)
    for candidate in _variants(key):
        code = places.codes.get(candidate)
        if code is not None:
            if candidate in places.namesakes and places.levels.get(candidate) != "province":
                return None
            return code
    return None


def region_code(places: PlaceNames, region: Optional[str],
                provinces: Optional[ArticleProvinces] = None) -> Optional[str]:
    """The code of `region`, using the article's provinces for names that need them."""
    if not region:
        return None
    key = places.key(region)
    if key in places.abbreviations:
        return places.abbreviations[key]
    def stated() -> frozenset:  # worked out only for the names that need it
        return provinces.get() if provinces is not None else frozenset()

    if key in OWN_PROVINCE:
        return next(iter(stated())) if len(stated()) == 1 else None
    for candidate in _variants(key):
        code = places.codes.get(candidate)
        if code is not None:
            place = places.places[code]
            if candidate in places.namesakes and places.levels.get(candidate) != "province" and place.province not in stated():
                return None
            return code
        shared = places.shared.get(candidate)
        if shared:
            matching = [c for c in shared if places.places[c].province in stated()]
            return matching[0] if len(matching) == 1 else None
    return None


def _variants(key: str) -> list[str]:
    """The key as written, then without one place suffix (河南省 -> 河南, Henan Province -> henan)."""
    variants = [key]
    for suffix in (*ZH_SUFFIXES, *EN_SUFFIXES):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            variants.append(key[: -len(suffix)])
            break
    return variants


def code_in_document(ctx, region: Optional[str], headline: Optional[str]) -> Optional[str]:
    """`region_code` of a record of the document that `ctx` (a DocumentContext) reads, whose
    article's headline names `headline`; the article's provinces are worked out once, and
    kept on `ctx` (they go with it; they hold its text and place spans, not `ctx` itself)."""
    if not region:
        return None
    places = ctx.c.places
    articles = ctx.__dict__.setdefault("_article_provinces", {})
    provinces = articles.get(headline)
    if provinces is None:
        named = ctx.__dict__.get("_named_provinces")
        if named is None:
            text, spans = ctx.text, ctx.regions
            named = ctx.__dict__["_named_provinces"] = NamedProvinces(places, (text[s:e] for s, e in spans))
        provinces = articles[headline] = ArticleProvinces(places, headline, named)
    return region_code(places, region, provinces)
