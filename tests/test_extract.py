"""The extraction engine through its public API: tables of (text, expected records).

Every record of every case is also checked for grounding: text == input[start:end].
"""

import math
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import extract, extract_document
from extractor.records import FIELDS, KINDS, RECORD_CLASSES, Record


def grounded(text, records):
    """Every record is grounded, finite and valid against its own class (records are built
    without validation for speed, so this is where their types are checked)."""
    for r in records:
        assert text[r.start:r.end] == r.text, r
        assert r.value is None or math.isfinite(r.value), r
        assert type(r).model_validate(r.model_dump()) == r
    return records


def summary(text):
    return [(r.kind, r.value, r.unit, r.qualifier) for r in grounded(text, extract(text))]


QUANTITIES = [
    # percentages
    ("城镇化率达到59.22%", [("percentage", 59.22, "%", None)]),
    ("提高0.9个百分点", [("percentage", 0.9, "pp", None)]),
    ("up 2 percentage points", [("percentage", 2, "pp", None)]),
    ("百分之六十", [("percentage", 60, "%", None)]),
    ("百分之六十六点一六", [("percentage", 66.16, "%", None)]),
    ("占三成", [("percentage", 30, "%", None)]),
    ("七成以上", [("percentage", 70, "%", "over")]),
    ("１２３．４５％", [("percentage", 123.45, "%", None)]),
    ("近70%", [("percentage", 70, "%", "about")]),
    ("nearly 70%", [("percentage", 70, "%", "about")]),
    ("5.2 percent", [("percentage", 5.2, "%", None)]),
    # money
    ("5.4万亿元", [("money", 5400000000000, "CNY", None)]),
    ("突破5.4万亿元", [("money", 5400000000000, "CNY", "over")]),
    ("3000多亿元", [("money", 300000000000, "CNY", "over")]),
    ("一万五千亿元", [("money", 1500000000000, "CNY", None)]),
    ("二十万亿元", [("money", 20000000000000, "CNY", None)]),
    ("8亿元人民币", [("money", 800000000, "CNY", None)]),
    ("人民币8亿元", [("money", 800000000, "CNY", None)]),
    ("461.1 billion yuan", [("money", 461100000000, "CNY", None)]),
    ("RMB 120 billion", [("money", 120000000000, "CNY", None)]),
    ("US$16.5 billion", [("money", 16500000000, "USD", None)]),
    ("$350 billion", [("money", 350000000000, "USD", None)]),
    ("2.5 billion euros", [("money", 2500000000, "EUR", None)]),
    ("300亿港元", [("money", 30000000000, "HKD", None)]),
    ("50亿美元", [("money", 5000000000, "USD", None)]),
    ("约12億歐元", [("money", 1200000000, "EUR", "about")]),
    ("逾千亿元", [("money", 100000000000, "CNY", "over")]),
    ("经济总量破万亿元", [("money", 1000000000000, "CNY", "over")]),
    ("壹佰贰拾亿元", [("money", 12000000000, "CNY", None)]),
    # counts
    ("20个新型城镇化试点县", [("count", 20, "个", None)]),
    ("38 new cities", [("count", 38, "cities", None)]),
    ("ten regions", [("count", 10, "regions", None)]),
    ("十余个县", [("count", 10, "个", "over")]),
    ("3家企业", [("count", 3, "家", None)]),
    ("120万人次", [("count", 1200000, "人次", None)]),
    ("12条线路", [("count", 12, "条", None)]),
    ("两个都市圈", [("count", 2, "个", None)]),
    # population
    ("287万人", [("population", 2870000, "person", None)]),
    ("2.87 million urban residents", [("population", 2870000, "person", None)]),
    ("1.3 billion people", [("population", 1300000000, "person", None)]),
    ("约2.5億人", [("population", 250000000, "person", "about")]),
    ("两千多万人", [("population", 20000000, "person", "over")]),
    ("500名", [("population", 500, "person", None)]),
    # length, area, duration
    ("5000公里", [("length", 5000, "km", None)]),
    ("500米", [("length", 0.5, "km", None)]),
    ("超过5000公里", [("length", 5000, "km", "over")]),
    ("over 5,000 kilometers", [("length", 5000, "km", "over")]),
    ("a 120-kilometer line", [("length", 120, "km", None)]),
    ("1.2万平方公里", [("area", 12000, "km2", None)]),
    ("3000亩", [("area", 2, "km2", None)]),
    ("50公顷", [("area", 0.5, "km2", None)]),
    ("185,000 square kilometers", [("area", 185000, "km2", None)]),
    ("1小时", [("duration", 60, "min", None)]),
    ("一小时通勤圈", [("duration", 60, "min", None)]),
    ("30分钟", [("duration", 30, "min", None)]),
    ("半小时", [("duration", 30, "min", None)]),
    ("1个半小时", [("duration", 90, "min", None)]),
    ("within half an hour", [("duration", 30, "min", None)]),
    ("a half-hour commuting circle", [("duration", 30, "min", None)]),
    ("1个多小时", [("duration", 60, "min", "over")]),
    ("one-hour commuting", [("duration", 60, "min", None)]),
    ("30-minute access", [("duration", 30, "min", None)]),
    ("5 hours", [("duration", 300, "min", None)]),
    ("about 2 hours", [("duration", 120, "min", "about")]),
    ("不到30分钟", [("duration", 30, "min", "under")]),
    ("less than 2 hours", [("duration", 120, "min", "under")]),
    ("30分钟左右", [("duration", 30, "min", "about")]),
    # ranges give two records
    ("3至5个", [("count", 3, "个", None), ("count", 5, "个", None)]),
    ("3-5 hours", [("duration", 180, "min", None), ("duration", 300, "min", None)]),
    ("100万—200万人", [("population", 1000000, "person", None), ("population", 2000000, "person", None)]),
    ("3-5万人", [("population", 30000, "person", None), ("population", 50000, "person", None)]),
    ("30—40分钟", [("duration", 30, "min", None), ("duration", 40, "min", None)]),
    ("between 2 and 3 percentage points", [("percentage", 2, "pp", None), ("percentage", 3, "pp", None)]),
    # implied units
    ("GDP突破5.4万亿", [("money", 5400000000000, "CNY", "over")]),
    ("常住人口9785万", [("population", 97850000, "person", None)]),
]


@pytest.mark.parametrize("text,expected", QUANTITIES, ids=[t for t, _ in QUANTITIES])
def test_quantities(text, expected):
    assert summary(text) == expected


NOT_QUANTITIES = [
    "2024年", "2025年10月17日", "10月17日", "第二批试点县", "第一", "一是推进一体化", "（一）总体要求",
    "Group 1: Urbanization Strategy", "(1) the plan", "[2]", "[1][3]", "豫发改规划〔2019〕328号",
    "国发〔2024〕12号", "咨询电话：0371-65509999", "上午9时", "下午3点30分", "09:30", "00:29",
    "1+N+X", "G60科创走廊", "5G基站", "the first batch", "the second batch", "No. 1 city", "top 10 cities",
    "Phase 2 projects", "千家万户", "进一步统一", "一带一路", "三农", "打造一个中心", "实施一批项目",
    "one single system", "十分重要", "大陆", "内陆", "数百家企业", "每万人", "时速350公里", "二十届三中全会",
    "in 2020", "from 2018", "2025-10-18 00:29", "v3.0版", "3.0版方案", "一次性", "三次产业",
    "Updated 7:00 AM GMT+8\n\nHubei's cities are lifting curbs.",  # no noun across a blank line
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text):
    assert [r for r in extract(text) if r.kind != "period"] == []


PERIODS = [
    ("十四五", (2021, 2025), "plan_period"), ("“十四五”时期", (2021, 2025), "plan_period"),
    ("十四五时期", (2021, 2025), "plan_period"), ("十一五", (2006, 2010), "plan_period"),
    ("十二五", (2011, 2015), "plan_period"), ("十三五", (2016, 2020), "plan_period"),
    ("十五五", (2026, 2030), "plan_period"), ("「十四五」", (2021, 2025), "plan_period"),
    ("第十四个五年规划", (2021, 2025), "plan_period"), ("第十五个五年规划", (2026, 2030), "plan_period"),
    ("the 14th Five-Year Plan", (2021, 2025), "plan_period"), ("the 15th Five-Year Plan", (2026, 2030), "plan_period"),
    ("the Fourteenth Five-Year Plan", (2021, 2025), "plan_period"),
    ("2021—2025年", (2021, 2025), "period"), ("2021-2035年", (2021, 2035), "period"),
    ("2021年至2035年", (2021, 2035), "period"), ("from 2018 to 2024", (2018, 2024), "period"),
    ("between 2021 and 2025", (2021, 2025), "period"), ("规划期为2021—2035年", (2021, 2035), "plan_period"),
    ("《南京都市圈发展规划（2021—2035年）》", (2021, 2035), "plan_period"),
    ("the planning period 2021-2035", (2021, 2035), "plan_period"),
    ("到2035年", (None, 2035), "period"), ("by 2025", (None, 2025), "period"),
("规划期至2030年", (None, 2030), "plan_period"),
]


@pytest.mark.parametrize("text,years,metric", PERIODS, ids=[t for t, _, _ in PERIODS])
def test_periods(text, years, metric):
    [record] = grounded(text, extract(text))
    assert (record.kind, record.start_year, record.end_year, record.metric) == ("period", *years, metric)
    assert record.value is None and record.unit is None


def test_a_change_is_not_a_target():
    text = "城镇化率由2020年的55.43%提高到2024年的59.22%"
    assert [r.kind for r in extract(text)] == ["percentage", "percentage"]


def test_a_date_is_not_a_target():
    [record] = extract("The rate reached 61.5% by the end of 2024.")
    assert (record.kind, record.year) == ("percentage", 2024)


YEARS = [
    ("由2020年的55.43%提高到2024年的59.22%，新增城镇人口287万人", [2020, 2024, None]),
    ("2024年末，全市城镇化率为72.1%，比上年末提高0.9个百分点", [2024, 2024]),
    ("到2025年，城镇化率达到65%", [None, 2025]),
    ("rising from 55.43% in 2020 to 59.22% in 2024, with 2.87 million urban residents", [2020, 2024, None]),
    ("In 2024, GDP reached 5.4 trillion yuan.", [2024]),
    ("It reached 461.1 billion yuan in 2024.", [2024]),
    ("GDP grew 5.58% from 2018 to 2024.", [None, None]),
    ("“十四五”以来新增城镇人口287万人", [None, None]),
    ("2022年、2023年先后确定20个试点县", [2023]),  # v2 gold: a list of years is dated by its last
    ("成都市2025年政府工作报告：经济总量突破2.3万亿", [None]),
    ("二〇二三年末常住人口9785万人", [2023]),
    ("It handled 12,000 vehicles a day in 2024.", [2024]),
    ("In the first half of 2025, GDP grew 5.3%.", [2025]),
    ("城镇化率较2020年提高5个百分点", [None]),
]


@pytest.mark.parametrize("text,years", YEARS, ids=[t for t, _ in YEARS])
def test_years(text, years):
    assert [r.year for r in grounded(text, extract(text))] == years


def test_context_fields():
    text = "吉林奏响区域协调发展奋进曲\n2024年，长春汽车产业集群产值达到4611亿元，全省培育20个新型城镇化试点县。"
    money, count = grounded(text, extract(text))
    assert (money.region, money.subject, money.year) == ("长春", "汽车产业集群产值", 2024)
    assert (count.subject, count.metric) == ("新型城镇化试点县", "pilot_counties")
    assert money.sentence == "2024年，长春汽车产业集群产值达到4611亿元，全省培育20个新型城镇化试点县。"
    assert money.title == "吉林奏响区域协调发展奋进曲" and money.article is None


def test_region_falls_back_to_the_headline():
    text = "河南加快新型城镇化建设\n全省城镇化率达到59.22%。"
    [record] = extract(text)
    assert record.region == "河南"


def test_english_region_and_subject():
    [record] = extract("Jilin Province built 38 new cities.")
    assert (record.region, record.subject, record.unit) == ("Jilin Province", "new cities", "cities")


DIGEST = """现代化都市圈建设
Search documents
成都都市圈经济总量突破3万亿元
Cheng Du Ri Bao· 2025-10-18 09:05
Core Insights - The metropolitan area's GDP rose 6.1% in 2024 [1] - Commuting time fell to 45 minutes [2]
郑州都市圈常住人口城镇化率达72.5%
21世纪经济报道· 2025-09-29 15:19
Group 1: Overview - The Zhengzhou metropolitan area plans 12 new rail lines [1][2]
"""


def test_digest_articles_and_offsets():
    document = extract_document(DIGEST, doc="digest.txt")
    assert [(a.index, a.title, a.source, a.published) for a in document.articles] == [
        (0, "成都都市圈经济总量突破3万亿元", "Cheng Du Ri Bao", "2025-10-18T09:05:00"),
        (1, "郑州都市圈常住人口城镇化率达72.5%", "21世纪经济报道", "2025-09-29T15:19:00"),
    ]
    records = grounded(DIGEST, document.records)
    assert [(r.article, r.kind, r.metric, r.value) for r in records] == [
        (0, "money", "gdp", 3000000000000),
        (0, "percentage", "gdp_growth", 6.1),
        (0, "duration", "commute_time", 45),  # contract v2: commuting time is a named metric
        (1, "percentage", "urbanization_rate", 72.5),
        (1, "count", "count", 12),
    ]
    assert all(r.doc == "digest.txt" for r in records)
    assert records[0].source == "Cheng Du Ri Bao" and records[0].region == "成都都市圈"
    assert records[1].year == 2024


def test_traditional_and_full_width_forms():
    text = "全省城鎮化率達到６６．１６％，國內生產總值突破５．４萬億元，新增兩個試點縣。"
    assert [(r.kind, r.metric, r.value) for r in grounded(text, extract(text))] == [
        ("percentage", "urbanization_rate", 66.16),
        ("money", "gdp", 5400000000000),
        ("count", "pilot_counties", 2),
    ]


def test_case_folding_never_shifts_offsets():
    text = "İstanbul and İzmir: GDP 5.4 trillion yuan, İ 20个试点县"
    assert [r.text for r in grounded(text, extract(text))] == ["5.4 trillion yuan", "20个"]


def test_offsets_refer_to_the_original_text_with_wide_units():
    text = "新增绿地１２０㎡…再建５００米步道"
    assert [(r.text, r.value) for r in grounded(text, extract(text))] == [("１２０㎡", 0.00012), ("５００米", 0.5)]


def test_records_follow_the_contract():
    records = extract("全省培育20个试点县，城镇化率59.22%，“十四五”时期GDP 5.4万亿元。")
    for record in records:
        dumped = record.model_dump(mode="json")
        assert tuple(dumped) == FIELDS
        assert type(record) is RECORD_CLASSES[record.kind] and isinstance(record, Record)
        assert record.kind in KINDS
        assert pickle.loads(pickle.dumps(record)) == record
    assert {r.kind for r in records} == {"count", "percentage", "period", "money"}


def test_extract_is_pure_and_quiet(capfd):
    import logging

    import jieba

    level = logging.getLogger("jieba").level
    extract("千家万户受益，20个新型城镇化试点县")
    assert not jieba.dt.initialized  # jieba's global tokenizer is never touched
    assert logging.getLogger("jieba").level == level
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_extract_document_reads_files(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("城镇化率59.22%".encode("gb18030"))
    document = extract_document(path)
    assert document.encoding == "gb18030" and document.doc == str(path)
    assert [r.value for r in document.records] == [59.22]


NUMERALS = st.text(alphabet="0123456789.,万亿千百十一二两三四五六七八九零〇%个元人年月日第至-—～ 近约超过以上左右多余点半成公里平方小时分钟亩", max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises_and_is_grounded(text):
    grounded(text, extract(text))


@settings(max_examples=300, deadline=None)
@given(NUMERALS)
def test_numeral_soup_never_raises_and_is_grounded(text):
    grounded(text, extract(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["城镇化率", "GDP", "59.22%", "5.4万亿元", "，", "。", "\n", "2024年", "“十四五”",
                                 "20个试点县", "Outlet· 2025-10-18 00:29", "38 new cities", "in 2024", "[1]"]),
                max_size=30))
def test_phrase_soup_never_raises_and_is_grounded(parts):
    text = "".join(parts)
    grounded(text, extract(text))


# --- the library's public face (issue 15) ---------------------------------------------------------


def test_extract_document_takes_a_path_or_text_explicitly(tmp_path):
    import os

    path = tmp_path / "a.txt"
    path.write_text("城镇化率达到59.22%", encoding="utf-8")
    for as_given in (str(path), path, os.fsencode(path).decode()):
        assert [r.value for r in extract_document(path=as_given).records] == [59.22]
    assert [r.value for r in extract_document(text=str(path)).records] == []  # asked for: the name as text
    assert extract_document(text="城镇化率达到59.22%").doc == "-"
    with pytest.raises(ValueError, match="pass path="):
        extract_document(str(path))  # a str naming a file is never silently taken for text
    with pytest.raises(TypeError):
        extract_document(path=path, text="x")
    with pytest.raises(TypeError):
        extract_document()
    with pytest.raises(TypeError):
        extract_document(path=b"a.txt")


def test_public_names_are_importable_listed_and_cheap():
    import subprocess
    import sys

    import extractor

    assert set(extractor.__all__) >= {"extract", "extract_document", "load_rules", "Record", "InputError", "RuleError"}
    for name in extractor.__all__:
        assert getattr(extractor, name) is not None
    assert set(extractor.__all__) <= set(dir(extractor))
    import pydoc

    page = pydoc.render_doc(extractor, renderer=pydoc.plaintext)
    assert "extract_document(" in page and "class Record" in page and "class InputError" in page
    code = ("import sys, extractor; from extractor import InputError, RuleError; "
            "print(sorted(m for m in ('pydantic', 'jieba', 'regex', 'selectolax') if m in sys.modules))")
    cheap = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert cheap.stdout.strip() == "[]"


def test_type_checkers_see_the_lazy_names():
    import ast
    from pathlib import Path

    import extractor

    tree = ast.parse(Path(extractor.__file__).read_text(encoding="utf-8"))
    guarded = [node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"]
    imported = {alias.name for node in guarded for stmt in node.body for alias in stmt.names}
    assert imported >= {"extract", "extract_document", "load_rules", "Record", "Document", "Article"}
