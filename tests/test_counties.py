"""rules/counties.toml: the county-level places, their names and parents (tools/make_counties.py)."""

import importlib.util
import tomllib
from pathlib import Path

import pytest

from extractor import extract

ROOT = Path(__file__).resolve().parent.parent
REGIONS = tomllib.loads((ROOT / "rules" / "regions.toml").read_text(encoding="utf-8"))["region"]
COUNTIES = tomllib.loads((ROOT / "rules" / "counties.toml").read_text(encoding="utf-8"))["region"]


def owner(name):
    """The codes of every entry that bears `name`."""
    return {r["code"] for r in REGIONS + COUNTIES if name in r["zh"] + r["zh_hant"] + r["en"]}


def test_check_regions_passes_on_both_files(capsys):
    spec = importlib.util.spec_from_file_location("check_regions", ROOT / "tools" / "check_regions.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    assert check.main([ROOT / "rules" / "regions.toml", ROOT / "rules" / "counties.toml"]) == 0
    assert "county      2903" in capsys.readouterr().out  # counties.toml 2836, Taiwan's 14 county-administered cities, 53 towns


def test_every_county_has_a_parent_of_its_own_code():
    parents = {r["code"]: r for r in REGIONS}
    for r in COUNTIES:
        parent = parents[r["parent"]]
        prefix = 2 if parent["level"] == "province" else 4
        assert parent["code"][:prefix] == r["code"][:prefix], r


@pytest.mark.parametrize("name,code", [
    ("寿光市", "370783"), ("寿光", "370783"), ("昆山", "320583"), ("Kunshan", "320583"), ("北流市", "450981"),
    ("靖西", "451081"), ("樟树市", "360982"), ("三台县", "510722"), ("五家渠", "659004"), ("浦东新区", "310115"),
    ("义乌", "330782"), ("济源", "419001"), ("仙桃", "429004"), ("神农架林区", "429021"), ("南京市鼓楼区", "320106"),
    ("Hunchun", "222404"), ("菏泽市单县", "371722"),
])
def test_names_resolve_to_one_county(name, code):
    assert owner(name) == {code}


@pytest.mark.parametrize("name", [
    "鼓楼区", "朝阳区",            # shared full names only go with their city
    "范县", "和县", "东方市", "兴城市",  # inside 示范县, 市和县, 东方市场, 新兴城市
    "和平", "永和", "长安", "通道", "樟树", "三台", "通城", "项城",  # ordinary words, or read across words
    "城区", "郊区", "矿区", "东区",  # generic names
    "Hukou", "Mile",               # English words
])
def test_ambiguous_or_generic_names_are_not_places(name):
    assert owner(name) == set()


def test_a_figure_about_a_county_keeps_its_place_and_a_trap_gives_none():
    assert [r.region for r in extract("寿光市城镇化率达到65.2%。")] == ["寿光市"]
    assert [r.region for r in extract("已开通城际铁路4条。")] == [None]
