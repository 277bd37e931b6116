"""Facts: the same figure from many articles is one row with its sources; conflicts show.

The library (`extractor.facts`), then the `facts` command on records files and texts, its
pivot, its workbook and its chart, and on samples/ plus a digest shaped like the seed (a
topic line, then headline / outlet and date / body per article): one row per key.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib

import pytest

from cli_support import REPO, cli_env, jsonl, run_cli
from extractor import extract

#: A digest like the seed: the same 2024 urbanization rate of Henan from three outlets, spelled
#: 河南, 河南省 and Henan Province; Hubei's rate once rounded; Hunan's two disagreeing values;
#: and a 2030 target of Henan beside its 2024 level.
DIGEST = """中部地区城镇化
Search documents
河南城镇化率达59.22%
He Nan Ri Bao· 2025-03-05 06:30
2024年，河南常住人口城镇化率为59.22%。湖北省2024年常住人口城镇化率达到65.47%。
河南省新型城镇化稳步推进
Da He Bao· 2025-03-06 08:00
2024年，河南省常住人口城镇化率达到59.22%。湖南省2024年常住人口城镇化率为61.2%。
Henan's urbanization rate hits new high
China Daily· 2025-03-07 09:00
Henan Province's urbanization rate reached 59.22% in 2024. Hubei's urbanization rate reached 65.5% in 2024.
湖南城镇化率再提高
Hu Nan Ri Bao· 2025-03-08 10:00
2024年，湖南省常住人口城镇化率为62.1%。
"""


def row(value, region_code="410000", year=2024, doc="a.txt", article=None, **extra):
    """A record as the engine writes it, with only what facts read."""
    base = {"doc": doc, "article": article, "title": None, "published": None, "kind": "percentage",
            "metric": "urbanization_rate", "value": value, "unit": "%", "target": False, "change": False,
            "year": year, "start_year": None, "end_year": None, "region": None, "region_code": region_code}
    return {**base, **extra}


def facts_of(records, **options):
    from extractor import facts

    return facts(records, **options)


# -- the library -------------------------------------------------------------------------------
def test_three_spellings_are_one_fact_with_three_sources():
    records = extract(DIGEST, doc="digest.txt")
    henan = [r for r in records if r.value == 59.22]
    assert {r.region for r in henan} == {"河南", "河南省", "Henan Province"}
    [fact] = [f for f in facts_of(records) if f.region_code == "410000" and f.year == 2024]
    assert (fact.metric, fact.year, fact.value, fact.articles, fact.agree) == ("urbanization_rate", 2024, 59.22, 3, True)
    assert [s.published for s in fact.sources] == ["2025-03-05T06:30:00", "2025-03-06T08:00:00", "2025-03-07T09:00:00"]
    assert (fact.region_zh, fact.region_en) == ("河南省", "Henan")


def test_a_rounded_repeat_agrees_and_the_precise_value_is_reported():
    records = extract(DIGEST, doc="digest.txt")
    [hubei] = [f for f in facts_of(records) if f.region_code == "420000"]
    assert (hubei.value, hubei.articles, hubei.agree, hubei.conflict) == (65.47, 2, True, None)


def test_a_disagreement_is_a_conflict_with_both_values():
    records = extract(DIGEST, doc="digest.txt")
    [hunan] = [f for f in facts_of(records) if f.region_code == "430000"]
    assert (hunan.articles, hunan.agree, hunan.conflict) == (2, False, [61.2, 62.1])


def test_a_target_and_an_actual_of_the_same_year_are_two_facts():
    found = facts_of([row(59.22, doc="a.txt"), row(60, doc="b.txt", target=True)])
    assert [(f.year, f.target, f.value, f.agree) for f in found] == [(2024, False, 59.22, True), (2024, True, 60, True)]


def test_a_change_and_a_level_are_two_facts():
    found = facts_of([row(59.22), row(1.14, unit="pp", change=True)])
    assert [(f.change, f.unit, f.value) for f in found] == [(False, "%", 59.22), (True, "pp", 1.14)]


@pytest.mark.parametrize("a, b, same", [
    (59.2, 59.22, True), (59.22, 59.2, True), (59.2, 59.3, False), (59.22, 59.23, False),
    (59.25, 59.3, True), (59.25, 59.2, True), (60, 59.8, True), (60, 59.4, False), (20, 21, False),
    (5400000000000, 5420000000000, True), (5400000000000, 5460000000000, False),
    (100000000000, 105000000000, False), (2870000, 2873000, True), (7, 7.0, True),
])
def test_values_agree_when_equal_or_one_is_the_other_rounded(a, b, same):
    from extractor.facts import agree

    assert agree(a, b) is same


def test_three_values_agree_only_when_every_pair_does():
    found = facts_of([row(59.2, doc="a"), row(59.22, doc="b"), row(59.24, doc="c")])
    assert (found[0].agree, found[0].conflict) == (False, [59.2, 59.22, 59.24])
    found = facts_of([row(59.2, doc="a"), row(59.22, doc="b"), row(59.224, doc="c")])
    assert (found[0].agree, found[0].value) == (True, 59.224)


def test_a_conflict_reports_the_value_most_articles_state():
    found = facts_of([row(59.3, doc="a"), row(59.1, doc="b"), row(59.1, doc="c")])
    assert (found[0].value, found[0].articles, found[0].conflict) == (59.1, 3, [59.1, 59.3])


def test_one_article_repeating_a_figure_counts_once():
    found = facts_of([row(59.22, doc="a", article=0), row(59.22, doc="a", article=0), row(59.22, doc="a", article=1)])
    assert (found[0].articles, [s.article for s in found[0].sources]) == (2, [0, 1])


def test_named_metrics_only_unless_all():
    records = [row(59.22), row(12, kind="count", metric="count", unit="个")]
    assert [f.metric for f in facts_of(records)] == ["urbanization_rate"]
    assert [f.metric for f in facts_of(records, all_kinds=True)] == ["count", "urbanization_rate"]


def test_figures_without_a_place_make_no_fact():
    assert facts_of([row(59.22, region_code=None), row(59.22, region_code=None, region="某地")]) == []


def test_a_figure_without_a_year_joins_the_one_dated_fact_it_repeats():
    found = facts_of([row(59.2, year=None, doc="headline"), row(59.22, year=None, doc="b"), row(59.22, doc="c")])
    assert [(f.year, f.articles, f.value, f.agree) for f in found] == [(2024, 3, 59.22, True)]


def test_a_figure_without_a_year_stays_undated_when_no_or_several_dated_facts_match():
    found = facts_of([row(70, year=None, doc="a"), row(70, year=None, doc="b"), row(59.22, doc="c")])
    assert [(f.year, f.articles, f.value) for f in found] == [(None, 2, 70), (2024, 1, 59.22)]
    found = facts_of([row(60, year=None, doc="a"), row(60, year=2023, doc="b"), row(60, year=2024, doc="c")])
    assert [(f.year, f.articles) for f in found] == [(None, 1), (2023, 1), (2024, 1)]


def test_a_named_count_ignores_its_classifier_and_a_plain_count_keeps_it():
    pilots = dict(kind="count", metric="pilot_counties")
    found = facts_of([row(20, unit="个", doc="a", **pilots), row(20, unit="counties", doc="b", **pilots),
                      row(20, unit="个", doc="c", **pilots)])
    assert [(f.unit, f.articles) for f in found] == [("个", 3)]
    plain = dict(kind="count", metric="count")
    found = facts_of([row(12, unit="routes", **plain), row(30, unit="tasks", **plain)], all_kinds=True)
    assert [(f.unit, f.value, f.agree) for f in found] == [("routes", 12, True), ("tasks", 30, True)]


def test_periods_are_keyed_by_their_years():
    plan = dict(kind="period", metric="plan_period", unit=None, year=None, start_year=2021, end_year=2025)
    found = facts_of([row(None, **plan), row(None, doc="b", **plan)])
    assert [(f.start_year, f.end_year, f.articles, f.value, f.agree) for f in found] == [(2021, 2025, 2, None, True)]


def test_records_without_region_code_are_coded_by_their_region_name():
    old = row(59.22, region="Henan Province")
    del old["region_code"]  # a records file from before contract v2
    assert [f.region_code for f in facts_of([old])] == ["410000"]


def needs(module: str) -> None:
    """Skip without `module`; heavy ones (pandas, pyarrow, matplotlib) are used in subprocesses
    only, so the test process stays small (the 50 MB test reads its children's peak memory,
    which a forked child inherits from this process)."""
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")


def python(code: str) -> str:
    """Run `code` in a fresh interpreter with the checkout importable; its stdout."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_as_frame_gives_a_dataframe_of_the_same_rows():
    needs("pandas")
    code = f"""
import json
from extractor import extract, facts
records = extract({DIGEST!r}, doc="digest.txt")
frame = facts(records, as_frame=True)
print(json.dumps([list(frame.columns)[:4], frame["region_code"].tolist(), [f.region_code for f in facts(records)],
                  frame.loc[(frame.region_code == "410000") & (frame.year == 2024), "articles"].tolist()]))
"""
    columns, codes, model_codes, articles = json.loads(python(code))
    assert columns == ["region_code", "region_zh", "region_en", "metric"]
    assert codes == model_codes and articles == [3]


def test_import_paths_and_a_cheap_package_import():
    import extractor
    import extractor.facts as module
    from extractor import facts

    assert facts is module is extractor.facts and callable(facts)
    assert module.table is facts.table
    code = ("import sys, extractor; print(sorted(m for m in ('pydantic', 'pandas', 'extractor.facts') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), check=True)
    assert out.stdout.strip() == "[]"


def test_the_module_examples_run():
    import extractor.facts as module

    result = doctest.testmod(module)
    assert result.attempted >= 3 and result.failed == 0


# -- the corpus: samples/ plus a seed-like digest ----------------------------------------------
@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "digest.txt").write_text(DIGEST, encoding="utf-8")
    done = run_cli("extract", REPO / "samples", folder / "digest.txt", "-q", "-o", folder / "records.jsonl")
    assert done.returncode == 0, done.stderr
    return folder


def test_on_samples_and_a_digest_every_key_is_one_row(corpus):
    rows = jsonl((corpus / "records.jsonl").read_text(encoding="utf-8"))
    found = facts_of(rows, all_kinds=True)
    keys = [(f.region_code, f.metric, f.year, f.start_year, f.end_year, f.target, f.change, f.unit) for f in found]
    assert len(keys) == len(set(keys))
    named = facts_of(rows)
    keys = [(f.region_code, f.metric, f.year, f.start_year, f.end_year, f.target, f.change) for f in named]
    # Without the unit a key repeats only where the unit tells two figures apart: money in two
    # currencies (GDP in yuan and in dollars), or a growth rate in % and its change in points.
    repeated = {k for k in keys if keys.count(k) > 1}
    units = {}
    for f in named:
        if f.key()[:-1] in repeated:
            units.setdefault(f.key()[:-1], []).append(f.unit)
    for key, written in units.items():
        assert len(written) == len(set(written)), key
        assert set(written) <= {"CNY", "USD", "EUR", "HKD"} or sorted(written) == ["%", "pp"], (key, written)
    stated = {(f.region_code, f.metric, f.year) for f in named}
    assert ("410000", "urbanization_rate", 2024) in stated and len(named) > 200
    assert sum(f.articles for f in named) >= len(named)


# -- the command -------------------------------------------------------------------------------
def test_records_files_of_every_format_give_the_same_facts(corpus):
    assert run_cli("extract", REPO / "samples", "-q", "-o", corpus / "records.csv").returncode == 0
    outputs = []
    for name in ("records.jsonl", "records.csv"):
        done = run_cli("facts", corpus / name, "-q", "--format", "csv")
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0].splitlines()[0].decode() == (
        "region_code,region_zh,region_en,metric,kind,year,start_year,end_year,target,change,unit,value,"
        "articles,agree,conflict,sources")
    needs("pyarrow")
    python(f"""
import json, pyarrow, pyarrow.parquet as pq
rows = [json.loads(line) for line in open({str(corpus / "records.jsonl")!r}, encoding="utf-8")]
pq.write_table(pyarrow.Table.from_pylist(rows), {str(corpus / "records.parquet")!r})
""")
    done = run_cli("facts", corpus / "records.parquet", "-q", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout == outputs[0]
    # extracting the texts again gives the same facts as reading their records back
    again = run_cli("facts", REPO / "samples", corpus / "digest.txt", "-q", "--format", "csv")
    assert again.stdout.splitlines()[0] == outputs[0].splitlines()[0]
    assert len(again.stdout.splitlines()) == len(outputs[0].splitlines())


def test_json_facts_carry_sources_and_conflicts(tmp_path):
    (tmp_path / "digest.txt").write_text(DIGEST, encoding="utf-8")
    done = run_cli("facts", tmp_path / "digest.txt", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    facts = {f["region_code"]: f for f in jsonl(done.stdout.decode()) if f["year"] == 2024}
    assert [s["title"] for s in facts["410000"]["sources"]] == [
        "河南城镇化率达59.22%", "河南省新型城镇化稳步推进", "Henan's urbanization rate hits new high"]
    assert facts["430000"]["conflict"] == [61.2, 62.1] and facts["430000"]["agree"] is False
    # the first headline's 59.22% has no year: it joins the 2024 fact its article states
    assert b"3 facts from 8 records, 1 with conflicting values" in done.stderr


def test_the_workbook_has_facts_conflicts_and_sources(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    (tmp_path / "digest.txt").write_text(DIGEST, encoding="utf-8")
    done = run_cli("facts", tmp_path / "digest.txt", "-q", "-o", tmp_path / "facts.xlsx")
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(tmp_path / "facts.xlsx")
    assert book.sheetnames == ["facts", "conflicts", "sources"]
    facts, conflicts, sources = (book[name] for name in book.sheetnames)
    assert facts.max_row == 1 + 3 and conflicts.max_row == 1 + 1 and sources.max_row == 1 + 3 + 2 + 2
    header = [c.value for c in facts[1]]
    assert header[:4] == ["region_code", "region_zh", "region_en", "metric"]
    for sheet in (facts, conflicts, sources):
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    value = facts.cell(row=2, column=header.index("value") + 1)
    assert isinstance(value.value, float) and "#,##0" in value.number_format
    year = facts.cell(row=2, column=header.index("year") + 1)
    assert year.value == 2024 and year.number_format == "0"
    assert facts.cell(row=2, column=header.index("agree") + 1).value is True
    assert facts.column_dimensions["C"].width >= len("Henan")
    assert [c.value for c in conflicts[2]][:2] == ["430000", "湖南省"]


def test_the_pivot_is_region_by_year_with_conflicts_flagged(tmp_path):
    (tmp_path / "digest.txt").write_text(DIGEST + "到2030年，河南省常住人口城镇化率力争达到65%。\n", encoding="utf-8")
    done = run_cli("facts", tmp_path / "digest.txt", "-q", "--pivot", "urbanization_rate", "--format", "csv")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert lines[0].startswith("region_code,region_zh,region_en,2024") and lines[0].endswith(",conflicts")
    assert "410000,河南省,Henan,59.22" in lines[1]
    assert lines[3].startswith("430000,湖南省,Hunan,61.2,") and lines[3].endswith(",2024: 61.2 / 62.1")
    shown = run_cli("facts", tmp_path / "digest.txt", "-q", "--pivot", "urbanization_rate", "--format", "table")
    text = shown.stdout.decode()
    assert "61.2 !" in text and "! the sources disagree" in text and "59.22 !" not in text


def test_the_pivot_marks_targets_in_their_own_columns():
    from extractor.facts import pivot

    found = facts_of([row(59.22, doc="a"), row(65, year=2030, doc="b", target=True), row(61, year=2025, doc="c")])
    names, rows = pivot(found, "urbanization_rate").table()
    assert names == ["region_code", "region_zh", "region_en", "2024", "2025", "2030 target", "conflicts"]
    assert [rows[0][n] for n in names[3:]] == [59.22, 61, 65, None]


def test_the_pivot_exports_as_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    (tmp_path / "digest.txt").write_text(DIGEST, encoding="utf-8")
    done = run_cli("facts", tmp_path / "digest.txt", "-q", "--pivot", "urbanization_rate", "-o", tmp_path / "p.xlsx")
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx")["pivot"]
    assert [c.value for c in sheet[1]] == ["region_code", "region_zh", "region_en", "2024", "conflicts"]
    assert [c.value for c in sheet[2]] == ["410000", "河南省", "Henan", 59.22, None]


@pytest.fixture(scope="module")
def chart_input(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chart")
    text = DIGEST + "到2030年，河南省常住人口城镇化率力争达到65%。2020年河南省常住人口城镇化率为55.43%。\n"
    (folder / "digest.txt").write_text(text, encoding="utf-8")
    return folder


def test_the_chart_svg_shows_one_series_per_region_and_the_conflicts(chart_input):
    needs("matplotlib")
    out = chart_input / "chart.svg"
    done = run_cli("facts", chart_input / "digest.txt", "--chart", "urbanization_rate", "-o", out)
    assert done.returncode == 0, done.stderr
    assert b"wrote" in done.stderr and b"3 regions" in done.stderr
    root = ET.parse(out).getroot()
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert {"series-410000", "series-420000", "series-430000", "conflict-430000-2024"} <= ids
    assert "conflict-410000-2024" not in ids
    labels = "".join(root.itertext()) + out.read_text(encoding="utf-8")
    assert "Henan" in labels and "Hubei" in labels and "Hunan" in labels
    again = chart_input / "again.svg"
    assert run_cli("facts", chart_input / "digest.txt", "--chart", "urbanization_rate", "-o", again, "-q").returncode == 0
    assert again.read_bytes() == out.read_bytes()  # the same facts draw the same file


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a well-formed PNG: signature, every chunk's CRC, IHDR first, IEND last."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, kinds = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        assert struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind + body)
        kinds.append(kind)
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        pos += 12 + length
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
    return size


def test_the_chart_png_opens(chart_input):
    needs("matplotlib")
    out = chart_input / "chart.png"
    done = run_cli("facts", chart_input / "digest.txt", "--chart", "urbanization_rate", "-o", out, "-q")
    assert done.returncode == 0, done.stderr
    width, height = png_size(out.read_bytes())
    assert width > 400 and height > 200
    pixels = zlib.decompress(b"".join(chunk for chunk in _idat(out.read_bytes())))
    assert len(set(pixels)) > 10  # drawn, not blank


def _idat(data: bytes):
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            yield data[pos + 8:pos + 8 + length]
        pos += 12 + length


def test_the_chart_needs_the_plot_extra(chart_input, tmp_path):
    blocker = tmp_path / "blocked" / "matplotlib"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('matplotlib is not installed')\n")
    env = cli_env()
    env["PYTHONPATH"] = f"{blocker.parent}:{env['PYTHONPATH']}"
    done = subprocess.run([sys.executable, "-m", "extractor", "facts", str(chart_input / "digest.txt"), "-q",
                           "--chart", "urbanization_rate", "-o", str(tmp_path / "c.svg")],
                          capture_output=True, env=env, timeout=300)
    assert done.returncode == 1
    assert done.stderr.decode().strip().splitlines() == [
        "policy-extract: error: charts need matplotlib: pip install 'policy-extract[plot]'"]
    assert not (tmp_path / "c.svg").exists()


@pytest.mark.parametrize("args, message", [
    (["--chart", "urbanization_rate"], "--chart writes a file"),
    (["--chart", "urbanization_rate", "-o", "c.pdf"], "a chart is written as .svg or .png"),
    (["--pivot", "gdp", "--chart", "gdp", "-o", "c.svg"], "use one of --pivot and --chart"),
    (["--pivot", "no_such_metric"], "unknown metric"),
])
def test_usage_errors(chart_input, args, message):
    done = run_cli("facts", chart_input / "digest.txt", *args, cwd=chart_input)
    assert done.returncode in (1, 2) and message in done.stderr.decode()


def test_a_bad_records_file_is_one_line_and_the_rest_is_read(tmp_path):
    (tmp_path / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    (tmp_path / "good.jsonl").write_text(json.dumps(row(59.22)) + "\n", encoding="utf-8")
    done = run_cli("facts", tmp_path / "bad.jsonl", tmp_path / "good.jsonl", "-q", "--format", "jsonl")
    assert done.returncode == 1
    assert done.stderr.decode().startswith(f"policy-extract: error: {tmp_path / 'bad.jsonl'}: not a records file")
    assert [f["value"] for f in jsonl(done.stdout.decode())] == [59.22]


def test_metric_keeps_those_facts_and_a_kind_name_brings_plain_figures(tmp_path):
    (tmp_path / "a.txt").write_text("2024年，河南省常住人口城镇化率为59.22%，新建12条道路。\n", encoding="utf-8")
    named = jsonl(run_cli("facts", tmp_path / "a.txt", "-q", "--metric", "urbanization_rate").stdout.decode())
    plain = jsonl(run_cli("facts", tmp_path / "a.txt", "-q", "--metric", "count").stdout.decode())
    assert [(f["metric"], f["value"]) for f in named] == [("urbanization_rate", 59.22)]
    assert [(f["metric"], f["value"], f["unit"]) for f in plain] == [("count", 12, "条")]
    wrong = run_cli("facts", tmp_path / "a.txt", "--metric", "no_such")
    assert wrong.returncode == 2 and b"unknown metric 'no_such'" in wrong.stderr
