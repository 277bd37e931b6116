"""How real writers put figures down (issue 12, classes 1-10): tables of invented examples.

Each class of "Figures that vanish or come out wrong" is one table of `Example(text, figures)`
rows, in the style of price-parser's example tables: the text as a writer would put it and
every figure a perfect run finds in it, in order, as (kind, value, unit, qualifier, text) or,
for a period, (kind, start_year, end_year, text). A row passes only when exactly these
figures come out, so a figure too many fails as surely as one too few. NEVER_A_FIGURE holds
texts that must give nothing at all. Every record is also checked for grounding:
text == input[start:end].
"""

from typing import NamedTuple

import pytest

from extractor import extract


class Example(NamedTuple):
    text: str
    figures: list


def figures(text):
    out = []
    for r in extract(text):
        assert text[r.start:r.end] == r.text, r
        if r.kind == "period":
            out.append((r.kind, r.start_year, r.end_year, r.text))
        else:
            out.append((r.kind, r.value, r.unit, r.qualifier, r.text))
    return out


# 1. Spaces inside a number: before its magnitude, and as the thousands separator. A space
# never joins two numbers that stand apart (a year and a count, list items, 4-digit groups).
SPACES = [
    Example("全省普通国道总长 1.8 万公里。", [("length", 18000, "km", None, "1.8 万公里")]),
    Example("县域常住人口约 50 万人。", [("population", 500000, "person", "about", "50 万人")]),
    Example("全年完成投资 2 360 亿元。", [("money", 236000000000, "CNY", None, "2 360 亿元")]),
    Example("The grid spans 3 512 km of lines.", [("length", 3512, "km", None, "3 512 km")]),
    Example("a basin of 56 000 km2", [("area", 56000, "km2", None, "56 000 km2")]),
    Example("Output hit 1 250.5 million yuan.", [("money", 1250500000, "CNY", None, "1 250.5 million yuan")]),
    Example("2024 年全省新增 1 200 个项目。", [("count", 1200, "个", None, "1 200 个")]),
    Example("比五年前减少 30 多万人。", [("population", 300000, "person", "over", "30 多万人")]),
    Example("新增住宅單位約 50 萬伙。", [("count", 500000, "伙", "about", "50 萬伙")]),
    Example("2019 120 new towns", [("count", 120, "towns", None, "120 new towns")]),
    Example("共 3 个 12 条", [("count", 3, "个", None, "3 个"), ("count", 12, "条", None, "12 条")]),
    Example("1234 567 km", [("length", 567, "km", None, "567 km")]),
    Example("2020 年 100 万人", [("population", 1000000, "person", None, "100 万人")]),
    Example("a fare of 5 000-10 000 yuan", [
        ("money", 5000, "CNY", None, "5 000"), ("money", 10000, "CNY", None, "10 000 yuan")]),
]

# 2. Words between a number and its noun: the hedge becomes the qualifier.
BETWEEN = [
    Example("推动800万左右农业转移人口落户城镇。",
            [("population", 8000000, "person", "about", "800万左右农业转移人口")]),
    Example("城区常住人口300万以上人口的城市全面放开落户。",
            [("population", 3000000, "person", "over", "300万以上人口")]),
    Example("新区已聚集了2万多的人口。", [("population", 20000, "person", "over", "2万多的人口")]),
    Example("吸纳约30万上下职工就业。", [("population", 300000, "person", "about", "30万上下职工")]),
    Example("建成50公里以上的绿道。", [("length", 50, "km", "over", "50公里")]),
]

# 3. People counted under nouns other than 人 (rules/units.toml: population forms and the
# indicators that imply persons before a bare magnitude).
PERSONS = [
    Example("每年约有八百多万农民进城。", [("population", 8000000, "person", "over", "八百多万农民")]),
    Example("新增120万城市人口和40万农村人口。", [
        ("population", 1200000, "person", None, "120万城市人口"),
        ("population", 400000, "person", None, "40万农村人口")]),
    Example("服务300万居民。", [("population", 3000000, "person", None, "300万居民")]),
    Example("全市居民超过450万。", [("population", 4500000, "person", "over", "450万")]),
    Example("转移农村劳动力12.5万。", [("population", 125000, "person", None, "12.5万")]),
    Example("带动就业6000名职工。", [("population", 6000, "person", None, "6000名")]),
    Example("企业职工1.2万。", [("population", 12000, "person", None, "1.2万")]),
]

# 4. Lists and chains of ranges that write their noun once, at the end.
LISTS = [
    Example("150万—250万、250万—450万、450万以上人口的都市圈", [
        ("population", 1500000, "person", None, "150万"),
        ("population", 2500000, "person", None, "250万"),
        ("population", 2500000, "person", None, "250万"),
        ("population", 4500000, "person", None, "450万"),
        ("population", 4500000, "person", "over", "450万以上人口")]),
    Example("分别安置100万、200万和300万人。", [
        ("population", 1000000, "person", None, "100万"),
        ("population", 2000000, "person", None, "200万"),
        ("population", 3000000, "person", None, "300万人")]),
    Example("新建3、5、8座桥", [
        ("count", 3, "座", None, "3"), ("count", 5, "座", None, "5"), ("count", 8, "座", None, "8座")]),
    # a magnitude written on some items only is no list of one noun
    Example("1.5、2亿元", [("money", 200000000, "CNY", None, "2亿元")]),
    # years and list markers keep out
    Example("2019、2020年两年", []),
]

# 5. N大 counts and the classifiers 地, 城, 字, 户 (户数 is a noun, not the vague 数).
COUNTS = [
    Example("构建三大都市圈。", [("count", 3, "大", None, "三大")]),
    Example("实施八大项工程。", [("count", 8, "大项", None, "八大项")]),
    Example("推进苏锡常三地协同。", [("count", 3, "地", None, "三地")]),
    Example("沪宁两城通勤更便捷。", [("count", 2, "城", None, "两城")]),
    Example("坚持十六字方针。", [("count", 16, "字", None, "十六字")]),
    Example("全市总户数86.4万户。", [("count", 864000, "户", None, "86.4万户")]),
    Example("另有数十个项目在建。", []),
    Example("学习贯彻党的二十大精神。", []),
    Example("两地通勤时间缩短。", []),
    Example("往返于两地之间", []),
    Example("京沪两地", [("count", 2, "地", None, "两地")]),
    Example("城市地区与三地区", []),
]

# 6. 万亿 and 亿 with the indicator's money implied: after the number, glued to an acronym,
# or standing alone after 破.
MONEY = [
    Example("撬动了1.8万亿的社会投资。", [("money", 1800000000000, "CNY", None, "1.8万亿")]),
    Example("去年GDP5.1万亿元。", [("money", 5100000000000, "CNY", None, "5.1万亿元")]),
    Example("经济总量已破万亿。", [("money", 1000000000000, "CNY", "over", "万亿")]),
    Example("常住人口突破万", [("population", 10000, "person", "over", "万")]),
    Example("G60科创走廊", []),
]

# 7. English: the noun left out, square km, 85-km, an hour, between ... and ..., top as a verb.
ENGLISH = [
    Example("Twelve provinces met the goal, against seven in 2019.", [
        ("count", 12, "provinces", None, "Twelve provinces"), ("count", 7, "provinces", None, "seven")]),
    Example("Nine provinces had rates above 70 percent, against four in 2015.", [
        ("count", 9, "provinces", None, "Nine provinces"), ("percentage", 70, "%", "over", "above 70 percent"),
        ("count", 4, "provinces", None, "four")]),
    Example("Growth was 5.2 percent, against 4.8 a year earlier.", [
        ("percentage", 5.2, "%", None, "5.2 percent"), ("percentage", 4.8, "%", None, "4.8")]),
    Example("The population reached 20 million, up 1.4 million.", [
        ("population", 20000000, "person", None, "20 million"),
        ("population", 1400000, "person", None, "1.4 million")]),
    Example("It had 9.1 million residents, of whom 6.2 million were urban.", [
        ("population", 9100000, "person", None, "9.1 million residents"),
        ("population", 6200000, "person", None, "6.2 million")]),
    Example("The urban population, 940 million in 2024, is set to rise by about 40 million.", [
        ("population", 940000000, "person", None, "940 million"),
        ("population", 40000000, "person", "about", "about 40 million")]),
    Example("a zone of 300 square km", [("area", 300, "km2", None, "300 square km")]),
    Example("an 85-km railway", [("length", 85, "km", None, "85-km")]),
    Example("commutes of under an hour", [("duration", 60, "min", "under", "under an hour")]),
    Example("trains at 300 km an hour", [("length", 300, "km", None, "300 km")]),
    Example("cities with populations between 200,000 and 800,000", [
        ("population", 200000, "person", None, "200,000"), ("population", 800000, "person", None, "800,000")]),
    Example("Retail sales should top 2 trillion yuan.", [("money", 2000000000000, "CNY", None, "2 trillion yuan")]),
    Example("The top 10 cities were listed.", []),
]

# 8. Plan spans written with other dashes.
SPANS = [
    Example("行动方案（2023―2025年）", [("period", 2023, 2025, "2023―2025年")]),
    Example("行动方案（2023－2025年）", [("period", 2023, 2025, "2023－2025年")]),
    Example("实施方案（2023~2025年）", [("period", 2023, 2025, "2023~2025年")]),
    Example("实施方案（2023〜2025年）", [("period", 2023, 2025, "2023〜2025年")]),
    Example("实施方案（2023‐2025年）", [("period", 2023, 2025, "2023‐2025年")]),
]

# 9. Never a figure: numerals in place names, times as much, sessions, 二元, N年前, a year in
# English after an amount; and 人次 counts visits, not persons.
NEVER = [
    Example("三台县新增5个项目。", [("count", 5, "个", None, "5个")]),
    Example("五家渠市、六盘水市和九台区", []),
    Example("七台河市", []),
    Example("人均收入是全省的3倍，投资增长2倍。", []),
    Example("市十七届人大五次会议审议通过。", []),
    Example("破除城乡二元结构。", []),
    Example("十年前这里还是农田，10年前的2倍。", []),
    Example("GDP rose from 4.1 trillion yuan in 2015 to 5 trillion yuan in 2020.", [
        ("money", 4100000000000, "CNY", None, "4.1 trillion yuan"),
        ("money", 5000000000000, "CNY", None, "5 trillion yuan")]),
    Example("The city had 20 million residents in 2015.", [
        ("population", 20000000, "person", None, "20 million residents")]),
    Example("That was 10 years ago.", []),
    Example("接待游客300万人次。", [("count", 3000000, "人次", None, "300万人次")]),
    Example("3 million person-times", [("count", 3000000, "person-times", None, "3 million person-times")]),
    Example("开展三次调查，连续三届获评。", [("count", 3, "次", None, "三次"), ("count", 3, "届", None, "三届")]),
]

# 10. An ASCII hyphen between two figures is a range, never a minus.
HYPHENS = [
    Example("投资20亿-30亿元。", [
        ("money", 2000000000, "CNY", None, "20亿"), ("money", 3000000000, "CNY", None, "30亿元")]),
    Example("增长3%-5%", [("percentage", 3, "%", None, "3%"), ("percentage", 5, "%", None, "5%")]),
    Example("缩短5公里-10公里", [("length", 5, "km", None, "5公里"), ("length", 10, "km", None, "10公里")]),
    Example("同比增长-6.8%，增速为-2.1%。", [
        ("percentage", -6.8, "%", None, "-6.8%"), ("percentage", -2.1, "%", None, "-2.1%")]),
    Example("下降至-3%", [("percentage", -3, "%", None, "-3%")]),
]

# 11. Taiwan and Hong Kong writing: 兆 is 10^12 before digits, 亿 or money (兆瓦 is "mega");
# 一成半 is 15%; a rail line named after a place with a numeral is no count; an English
# increase that leaves out its noun takes the noun of the figure it is set against.
TAIWAN_HK = [
    Example("全年出口總值約12.6兆元。", [("money", 12600000000000, "CNY", "about", "12.6兆元")]),
    Example("營業額達新台幣2兆4,800億元。", [("money", 2480000000000, "TWD", None, "新台幣2兆4,800億元")]),
    Example("電廠裝機容量為80兆瓦。", []),
    Example("外地消費佔本地零售額約一成半。", [("percentage", 15, "%", "about", "一成半")]),
    Example("六家線班次將加密。", []),
    Example("The city's population stood at 12.1 million, an increase of 0.3 million over 2023.", [
        ("population", 12100000, "person", None, "12.1 million"), ("population", 300000, "person", None, "0.3 million")]),
]

# 12. Tables pasted as text: a row that ends in a number is never measured by the first cell
# of the next row (an indicator, a classifier); hard-wrapped English keeps its unit.
PASTED_TABLES = [
    Example("指标\t2023\n常住人口（万人）\t1299.6\n项目\t86", []),
    Example("年份 | 2024\n项目 | 120", []),
    Example("专栏3　县城建设重点工程\n附表2　城镇化主要指标", []),
    Example("The urbanization rate rose to 59.22\npercent.", [("percentage", 59.22, "%", None, "59.22\npercent")]),
]

TABLES = {
    "1-spaces": SPACES, "2-between": BETWEEN, "3-persons": PERSONS, "4-lists": LISTS,
    "5-counts": COUNTS, "6-money": MONEY, "7-english": ENGLISH, "8-spans": SPANS,
    "9-never": NEVER, "10-hyphens": HYPHENS, "11-taiwan-hk": TAIWAN_HK,
    "12-pasted-tables": PASTED_TABLES,
}
CASES = [pytest.param(example, id=f"{name}:{example.text[:30]}")
         for name, table in TABLES.items() for example in table]


@pytest.mark.parametrize("example", CASES)
def test_real_text(example):
    assert figures(example.text) == example.figures
