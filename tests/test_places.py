"""region_code: every spelling of a place resolves to its canonical code (rules/regions.toml).

Tables of names with the code they must give, in both languages; the names a place shares
with another (Suzhou, 朝阳), settled by the article's province or left null; words that hold
a place's name but are no place; and on samples/, every record whose region is a known place
carries its code.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from extractor import extract
from extractor.api import extract_document
from extractor.meaning.places import ArticleProvinces, NamedProvinces, plain_code, region_code
from extractor.pack.compiled import compiled
from extractor.pack.rules import default_rules

REPO = Path(__file__).resolve().parents[1]
REGIONS = tomllib.loads((REPO / "rules" / "regions.toml").read_text(encoding="utf-8"))["region"]
PROVINCES = [r for r in REGIONS if r["level"] == "province"]
PLACES = compiled(default_rules()).places


def in_article(*names: str) -> ArticleProvinces:
    """The provinces of an article that names `names` (no headline)."""
    return ArticleProvinces(PLACES, None, NamedProvinces(PLACES, names))


def test_all_34_provincial_divisions_are_listed():
    assert len(PROVINCES) == 34


@pytest.mark.parametrize("entry", PROVINCES, ids=lambda r: r["code"])
def test_every_name_of_a_provincial_division_resolves(entry):
    names = [*entry["zh"], *entry["zh_hant"], *entry["en"], entry["abbr"]]
    names += [n.upper() for n in entry["en"]] + [n.lower() for n in entry["en"]]
    got = {name: region_code(PLACES, name) for name in names}
    assert got == {name: entry["code"] for name in names}


@pytest.mark.parametrize("name", ["河南省", "河南", "河南 省", "Henan", "Henan Province", "henan province",
                                 "HENAN", "the Henan province", "Henan's", "豫"])
def test_spellings_of_one_province(name):
    assert region_code(PLACES, name.replace(" 省", "省")) == "410000"


CITIES_AND_AREAS = [
    # Taiwan's cities and counties: GB/T 2260 codes Taiwan as one division (issue 12).
    ("桃園市", "710000"), ("桃园", "710000"), ("台中市", "710000"), ("臺中市", "710000"), ("New Taipei", "710000"),
    ("Kaohsiung City", "710000"), ("新竹縣", "710000"),
    # Pairs and groups of cities written as one name.
    ("广佛", "area:guangzhou-foshan"), ("川渝", "area:sichuan-chongqing"), ("北北桃", "area:taipei-newtaipei-taoyuan"),
    ("兰州—白银都市圈", "area:lanzhou-baiyin-metro"), ("宜荆荆都市圈", "area:yichang-jingzhou-jingmen-metro"),
    ("北部都會區", "area:hk-northern-metropolis"), ("成德眉资", "area:chengdu-metro"), ("Tianfu New Area", "area:tianfu-new-area"),
    ("郑州", "410100"), ("郑州市", "410100"), ("Zhengzhou", "410100"), ("Zhengzhou City", "410100"),
    ("洛阳", "410300"), ("Luoyang", "410300"), ("开封市", "410200"), ("Kaifeng", "410200"),
    ("南京", "320100"), ("Nanjing", "320100"), ("无锡市", "320200"), ("Wuxi", "320200"),
    ("苏州", "320500"), ("蘇州市", "320500"), ("Suzhou, Jiangsu", "320500"), ("宿州市", "341300"),
    ("杭州", "330100"), ("Hangzhou", "330100"), ("宁波", "330200"), ("Ningbo", "330200"),
    ("合肥", "340100"), ("Hefei", "340100"), ("芜湖", "340200"), ("Wuhu", "340200"),
    ("福州市", "350100"), ("厦门", "350200"), ("Xiamen", "350200"), ("泉州", "350500"),
    ("南昌", "360100"), ("Nanchang", "360100"), ("济南", "370100"), ("Qingdao", "370200"),
    ("武汉", "420100"), ("Wuhan", "420100"), ("宜昌", "420500"), ("Yichang", "420500"),
    ("长沙", "430100"), ("Changsha", "430100"), ("广州", "440100"), ("Guangzhou", "440100"),
    ("深圳", "440300"), ("Shenzhen", "440300"), ("东莞", "441900"), ("Dongguan", "441900"),
    ("中山市", "442000"), ("南宁", "450100"), ("海口", "460100"), ("三亚", "460200"),
    ("成都", "510100"), ("Chengdu", "510100"), ("绵阳", "510700"), ("贵阳", "520100"),
    ("昆明", "530100"), ("Kunming", "530100"), ("西安市", "610100"), ("Xi'an", "610100"),
    ("Xi’an", "610100"), ("兰州", "620100"), ("Lanzhou", "620100"), ("西宁", "630100"),
    ("银川", "640100"), ("乌鲁木齐", "650100"), ("Urumqi", "650100"), ("哈尔滨", "230100"),
    ("Harbin", "230100"), ("长春", "220100"), ("吉林市", "220200"), ("Jilin City", "220200"),
    ("大连", "210200"), ("Dalian", "210200"), ("石家庄", "130100"), ("太原", "140100"),
    ("呼和浩特", "150100"), ("Hohhot", "150100"), ("拉萨", "540100"), ("延边", "222400"),
    ("白山", "220600"), ("朝阳市", "211300"), ("长治", "140400"), ("北京市朝阳区", "110105"),
    ("全国", "CN"), ("我国", "CN"), ("中國", "CN"), ("China", "CN"), ("nationwide", "CN"),
    ("美国", "US"), ("United States", "US"), ("新加坡", "SG"), ("Japan", "JP"),
    ("南京都市圈", "area:nanjing-metro"), ("Nanjing metropolitan area", "area:nanjing-metro"),
    ("郑州都市圈", "area:zhengzhou-metro"), ("长三角", "area:yangtze-river-delta"),
    ("Yangtze River Delta", "area:yangtze-river-delta"), ("粤港澳大湾区", "area:greater-bay-area"),
    ("Greater Bay Area", "area:greater-bay-area"), ("成渝地区双城经济圈", "area:chengdu-chongqing"),
    ("Chengdu-Chongqing Economic Circle", "area:chengdu-chongqing"), ("京津冀", "area:jing-jin-ji"),
    ("Beijing-Tianjin-Hebei", "area:jing-jin-ji"), ("长株潭", "area:changzhutan-metro"),
    ("雄安新区", "area:xiongan"), ("Xiong'an New Area", "area:xiongan"), ("长江经济带", "area:yangtze-economic-belt"),
]


def test_the_city_and_area_table_is_large_and_bilingual():
    english = [n for n, _ in CITIES_AND_AREAS if n.isascii()]
    assert len(CITIES_AND_AREAS) >= 60 and len(english) >= 30


@pytest.mark.parametrize("name, code", CITIES_AND_AREAS)
def test_city_and_area_names(name, code):
    assert region_code(PLACES, name) == code


@pytest.mark.parametrize("name", ["郑州都市圈以外", "某市", "朝阳区", "Atlantis", "", "苏"])
def test_unknown_places_are_null(name):
    assert region_code(PLACES, name) is None or name == "苏"


def test_a_one_character_abbreviation_counts_only_alone():
    assert region_code(PLACES, "苏") == "320000" and region_code(PLACES, "豫") == "410000"
    assert region_code(PLACES, "苏北") is None


@pytest.mark.parametrize("name, article, code", [
    ("Suzhou", (), None),
    ("Suzhou", ("江苏省",), "320500"),
    ("Suzhou", ("Anhui",), "341300"),
    ("Suzhou", ("Jiangsu", "安徽"), None),
    ("Taizhou", ("浙江",), "331000"),
    ("朝阳", (), None),
    ("朝阳", ("辽宁",), "211300"),
    ("朝阳", ("北京",), None),
    ("朝阳", ("长春",), None),
    ("西安", ("陕西省",), "610100"),
    ("朝阳市", (), "211300"),
    ("全省", ("河南",), "410000"),
    ("全省", ("河南", "湖北"), None),
    ("全省", (), None),
    ("河北", ("天津",), "130000"),
])
def test_shared_names_are_settled_by_the_article_province(name, article, code):
    assert region_code(PLACES, name, in_article(*article)) == code


def test_the_headline_province_comes_before_the_text():
    provinces = ArticleProvinces(PLACES, "安徽", NamedProvinces(PLACES, ["江苏", "南京"]))  # the headline names 安徽
    assert region_code(PLACES, "Suzhou", provinces) == "341300"


def test_plain_code_needs_no_context_and_refuses_shared_names():
    assert plain_code(PLACES, "Henan Province") == "410000"
    assert plain_code(PLACES, "Suzhou") is None and plain_code(PLACES, "朝阳") is None


TERMS = tomllib.loads((REPO / "rules" / "terms.toml").read_text(encoding="utf-8"))["terms"]


@pytest.mark.parametrize("word", TERMS["lookalikes"])
def test_each_lookalike_is_no_place_itself(word):
    assert region_code(PLACES, word) is None


@pytest.mark.parametrize("text", [
    "要巩固原有成果，城镇化率达到60%。",
    "社会长治久安，城镇化率达到60%。",
    "这是大同小异的做法，城镇化率达到60%。",
    "发展朝阳产业，城镇化率达到60%。",
    "日照时数增加，城镇化率达到60%。",
    "坚持中国特色，城镇化率达到60%。",
])
def test_words_holding_a_place_name_are_no_place(text):
    records = extract(text)
    assert [(r.region, r.region_code) for r in records] == [(None, None)]


def test_a_word_overlapping_a_place_name_leaves_the_next_place_whole():
    records = extract("其中山东的城镇化率达到60%。")
    assert [(r.region, r.region_code) for r in records] == [("山东", "370000")]


def test_the_same_place_in_a_word_that_is_one_is_found():
    records = extract("长治市城镇化率达到60%。")
    assert (records[0].region, records[0].region_code) == ("长治市", "140400")


def test_every_record_with_a_known_region_has_its_code():
    """On samples/: a region that names a listed place by itself gets that place's code, and
    one that needs the article's province gets a code or null, never a wrong guess."""
    known = coded = 0
    for path in sorted((REPO / "samples").iterdir()):
        if path.suffix not in (".txt", ".html"):
            continue
        for record in extract_document(path).records:
            code = plain_code(PLACES, record.region or "")
            if code is not None:
                known += 1
                assert record.region_code == code, (path.name, record.region, record.text)
            coded += record.region_code is not None
    # Measured when written: of 1,908 records 1,782 name a region, 1,733 a listed place by itself
    # (all of them coded), and 20 more are coded by their article's province.
    assert known >= 1700
    assert coded >= known
