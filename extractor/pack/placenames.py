"""The canonical places of rules/regions.toml as lookup tables: every written name -> its code.

Built once per pack with the compiled pack (compiled.py), so that giving a record its
`region_code` is a dictionary lookup. Keys are folded (traditional -> simplified,
full-width -> ASCII) and lower-cased, so 河南省, 河南, Henan Province and HENAN all find
410000. What a name alone cannot settle is kept apart, to be settled by the article's
province (meaning/places.py): English names two prefectures share (Suzhou: 苏州 in Jiangsu,
宿州 in Anhui) and short names a county-level division elsewhere also bears (朝阳: 朝阳市 in
Liaoning, 朝阳区 in Beijing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

# Written after a place's name without changing the place (河南 / 河南省, Henan / Henan Province).
ZH_SUFFIXES = ("特别行政区", "自治区", "地区", "省", "市")
EN_SUFFIXES = (" special administrative region", " autonomous region", " municipality", " province",
               " prefecture", " city", " sar")
# Words that mean "the province" / "the city" of the article, never a place by themselves.
OWN_PROVINCE = frozenset({"全省", "我省", "本省", "该省", "全区", "我区", "the province"})


@dataclass(frozen=True)
class Place:
    """One canonical place: its code, level, parent province (prefectures) and display names."""

    code: str
    level: str
    zh: str
    en: str
    parent: str = ""

    @property
    def province(self) -> Optional[str]:
        """The provincial-level division this place is in (itself for a province): the first
        two digits of a GB/T 2260 code; None for a country or a named area."""
        return self.code[:2] + "0000" if self.code.isdigit() and len(self.code) == 6 else None


@dataclass
class PlaceNames:
    """name key -> code, and what needs the article's province to be settled."""

    places: dict[str, Place] = field(default_factory=dict)          # code -> place
    codes: dict[str, str] = field(default_factory=dict)             # key -> code
    shared: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key -> codes of the places sharing it
    namesakes: dict[str, frozenset] = field(default_factory=dict)   # key -> provinces of a county namesake
    abbreviations: dict[str, str] = field(default_factory=dict)     # 豫 -> 410000
    # key -> level of the place the name was written for: a Taiwanese city (code 710000, which
    # it shares with its province) is a prefecture-level place, not the province.
    levels: dict[str, str] = field(default_factory=dict)
    key: Callable[[str], str] = str

    def names(self) -> list[str]:
        """Every name (as keys) a text may write a listed place with, for the lexicon."""
        return [*self.codes, *self.shared]


def place_key(name: str, fold: Callable[[str], str]) -> str:
    """The lookup form of a written place name: folded, lower-case, single spaces, no article."""
    key = " ".join(fold(name).replace("’", "'").lower().split())
    key = key.removeprefix("the ") if key != "the province" else key
    return key.removesuffix("'s")


class PlaceKeys:
    """`place_key` with the pack's folding, remembered per name: every record with a region
    looks its name up, and a text names the same few places again and again."""

    MAX_NAMES = 100_000  # names kept; a text that names more starts the memory afresh

    def __init__(self, fold: Callable[[str], str]):
        self.fold = fold
        self._keys: dict[str, str] = {}

    def __getstate__(self) -> dict:  # a cached pack (pack/cache.py) is stored without the memory
        return {"fold": self.fold, "_keys": {}}

    def __call__(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            if len(self._keys) >= self.MAX_NAMES:
                self._keys.clear()
            key = self._keys[name] = place_key(name, self.fold)
        return key


def build_place_names(regions, namesakes, fold: Callable[[str], str]) -> PlaceNames:
    """The tables of `regions` (pack entries of rules/regions.toml) and their `namesakes`."""
    table = PlaceNames(key=PlaceKeys(fold))

    def key(name: str) -> str:  # building looks up every name once: nothing to remember
        return place_key(name, fold)

    en_provinces = {}
    for region in regions:
        names = [*region.zh, *region.zh_hant]
        english = [n for n in region.en if "," not in n and "(" not in n]
        # A country is shown by its common name (中国 / China, 美国), a division by its full one (河南省).
        common = 1 if region.level in ("nation", "country") else 0
        zh = region.zh[min(common, len(region.zh) - 1)] if region.zh else region.code
        en = english[min(common if region.level == "nation" else 0, len(english) - 1)] if english else region.code
        # A code several entries share (710000: Taiwan and its cities) shows its first entry.
        table.places.setdefault(region.code, Place(region.code, region.level, zh, en, region.parent))
        if region.level == "province":
            en_provinces.update({key(n): region.code for n in region.en})
            for name in list(names):  # 广西壮族自治区 -> also 广西自治区
                if name.endswith("自治区") and len(region.zh) > 1:
                    names.append(region.zh[-1] + "自治区")
            if region.abbr:
                table.abbreviations[fold(region.abbr)] = region.code
        for name in [*names, *region.en]:
            table.codes.setdefault(key(name), region.code)
            table.levels.setdefault(key(name), region.level)
    # "Suzhou, Jiangsu" and "Suzhou, Anhui": bare "Suzhou" needs the article's province.
    shared: dict[str, list[str]] = {}
    for region in regions:
        for name in region.en:
            bare, _, province = name.partition(", ")
            if province and en_provinces.get(key(province)) == region.parent and key(bare) not in table.codes:
                shared.setdefault(key(bare), [])
                if region.code not in shared[key(bare)]:
                    shared[key(bare)].append(region.code)
    table.shared = {name: tuple(codes) for name, codes in shared.items()}
    for entry in namesakes:
        table.namesakes[key(entry.name)] = frozenset(entry.provinces)
    return table
