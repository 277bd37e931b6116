"""Every command through Click's CliRunner, plus real subprocesses for stdin, a folder,
`-o out.xlsx`, `--jobs`, a closed pipe and a non-UTF-8 locale."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import openpyxl
import pytest
from cli_support import (
    GREEN_METRIC_WITH_EXAMPLE,
    SENTENCE,
    SENTENCE_2,
    cli_env,
    has_value,
    jsonl,
    run_cli,
)
from click.testing import CliRunner

from extractor import __version__
from extractor.cli import cli
from extractor.cli.console import ensure_utf8
from extractor.cli.options import FORMAT_NAMES
from extractor.records import FIELDS, KINDS


def invoke(*args, input=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    return path


# --- help, version, start-up cost -----------------------------------------------------------


@pytest.mark.parametrize(
    "args", [[], ["extract"], ["facts"], ["show"], ["eval"], ["rules"], ["rules", "list"], ["rules", "check"], ["schema"]]
)
def test_every_command_has_help(args):
    result = invoke(*args, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: policy-extract")


def test_version():
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"policy-extract {__version__}\n")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["extract", "--help"]])
def test_help_and_version_load_nothing_heavy(args):
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "extractor", *args], capture_output=True, env=cli_env()
    )
    assert proc.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines() if "|" in line}
    heavy = {"jieba", "pydantic", "rich", "regex", "xlsxwriter", "selectolax", "charset_normalizer",
             "extractor.engine", "extractor.pack.rules", "extractor.records", "extractor.api"}
    assert not imported & heavy


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_extracting_with_cached_rules_never_imports_pydantic(tmp_path, fmt):
    """pydantic is half of a cold start: the command line writes the engine's rows as they
    are, and the validated rule pack comes from the cache after the first run."""
    article = tmp_path / "a.txt"
    article.write_text("2024年，全省常住人口城镇化率达到59.22%，培育20个新型城镇化试点县。", encoding="utf-8")
    env = cli_env(POLICY_EXTRACT_CACHE_DIR=str(tmp_path / "cache"))
    runs = [subprocess.run([sys.executable, "-X", "importtime", "-m", "extractor", "extract", str(article),
                            "--format", fmt], capture_output=True, env=env) for _ in range(2)]
    first, second = ({line.rsplit("|", 1)[-1].strip() for line in run.stderr.decode().splitlines() if "|" in line}
                     for run in runs)
    assert [run.returncode for run in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout and "59.22" in runs[1].stdout.decode()
    assert "pydantic" in first and "extractor.records" not in first  # the first run validates the rules
    assert not {"pydantic", "pydantic_core", "extractor.records", "extractor.api"} & second


def test_cli_constants_match_the_library():
    from extractor.records import RECORD_CLASSES
    from extractor.writing.export import FORMATS

    assert tuple(RECORD_CLASSES) == KINDS
    assert FORMAT_NAMES == FORMATS


# --- extract: inputs, formats, defaults -------------------------------------------------------


def test_extract_a_file_as_json_lines(article):
    result = invoke("extract", article)
    assert result.exit_code == 0
    rows = jsonl(result.stdout)
    assert has_value(rows, 59.22)
    assert all(list(row)[: len(FIELDS)] == list(FIELDS) for row in rows)
    assert {row["doc"] for row in rows} == {str(article)}
    for row in rows:
        assert SENTENCE[row["start"]: row["end"]] == row["text"]


def test_extract_is_the_default_command(article):
    assert invoke(article).stdout == invoke("extract", article).stdout
    assert invoke("--format", "csv", article).stdout == invoke("extract", "--format", "csv", article).stdout


def test_standard_input(article):
    result = invoke(input=SENTENCE.encode("gb18030"))
    assert result.exit_code == 0
    rows = jsonl(result.stdout)
    assert has_value(rows, 59.22) and {row["doc"] for row in rows} == {"-"}
    assert invoke("-", input=SENTENCE).stdout == result.stdout


def test_summary_line_and_quiet(article):
    result = invoke(article)
    assert result.stderr.startswith("policy-extract: 1 files, ") and ", 0 failed, " in result.stderr
    assert invoke("--quiet", article).stderr == ""


def test_no_figures_is_success(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("加快新型城镇化建设，推动城市高质量发展。\n", encoding="utf-8")
    result = invoke(path)
    assert (result.exit_code, result.stdout) == (0, "")
    assert invoke("--format", "json", path).stdout == "[]\n"


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv(article, fmt, delimiter):
    result = invoke("--format", fmt, article)
    table = list(csv.reader(io.StringIO(result.stdout), delimiter=delimiter))
    assert table[0] == list(FIELDS)
    assert any(float(row[FIELDS.index("value")]) == 59.22 for row in table[1:])
    bare = invoke("--format", fmt, "--no-headers", "--bom", article).stdout
    assert bare.startswith("\ufeff") and bare[1:] == result.stdout.split("\n", 1)[1]


def test_json_array(article):
    assert has_value(json.loads(invoke("-f", "json", article).stdout), 59.22)


def test_table_when_asked(article):
    result = invoke("--format", "table", article)
    assert result.exit_code == 0 and "59.22" in result.stdout and "kind" in result.stdout


def test_output_format_from_suffix(article, tmp_path):
    for name in ("out.csv", "out.json", "out.jsonl", "out.tsv", "out.xlsx"):
        assert invoke(article, "-o", tmp_path / name).exit_code == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("doc,article,")
    assert has_value(json.loads((tmp_path / "out.json").read_text(encoding="utf-8")), 59.22)
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8").startswith("doc\tarticle\t")
    assert (tmp_path / "out.xlsx").read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    "options, message",
    [
        (["-o", "out.txt"], "cannot tell the format"),
        (["--format", "table", "-o", "out.csv"], "table format is for terminals"),
        (["--format", "json", "--bom"], "--bom applies to csv and tsv"),
        (["--format", "jsonl", "--no-headers"], "--no-headers applies to"),
        (["--format", "yaml"], "Invalid value"),
        (["--kind", "weight"], "Invalid value"),
        (["--metric", "nope"], "unknown metric 'nope'"),
        (["--encoding", "klingon"], "unknown encoding"),
        (["--jobs", "-1"], "Invalid value"),
        (["--rules", "no/such/dir"], "does not exist"),
    ],
)
def test_usage_errors_exit_2(article, tmp_path, options, message):
    result = invoke(*options, article)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_kind_and_metric_filters(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE + "“十四五”时期，全省新增城镇人口287万人。\n", encoding="utf-8")
    everything = jsonl(invoke(path).stdout)
    assert {row["kind"] for row in everything} >= {"percentage", "period"}
    only = jsonl(invoke("--kind", "period", "--kind", "population", path).stdout)
    assert only and {row["kind"] for row in only} <= {"period", "population"}
    rates = jsonl(invoke("--metric", "urbanization_rate", path).stdout)
    assert has_value(rates, 59.22) and {row["metric"] for row in rates} == {"urbanization_rate"}
    assert jsonl(invoke("--metric", "count", "--kind", "money", path).stdout) == []


def test_encoding_override(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SENTENCE.encode("gb18030"))
    assert has_value(jsonl(invoke("--encoding", "gb18030", path).stdout), 59.22)
    result = invoke("--encoding", "utf-8", path)
    assert result.exit_code == 1 and "cannot decode" in result.stderr


def test_inputs_come_out_in_sorted_path_order_once(tmp_path):
    (tmp_path / "b.txt").write_text(SENTENCE_2, encoding="utf-8")
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    rows = jsonl(invoke(tmp_path / "b.txt", tmp_path / "a.txt", tmp_path / "b.txt").stdout)
    docs = [row["doc"] for row in rows]
    assert docs == sorted(docs) and set(docs) == {str(tmp_path / "a.txt"), str(tmp_path / "b.txt")}


def test_doc_is_the_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SENTENCE, encoding="utf-8")
    assert {row["doc"] for row in jsonl(invoke("./in/a.txt").stdout)} == {"./in/a.txt"}
    assert {row["doc"] for row in jsonl(invoke("in/").stdout)} == {"in/a.txt"}


def test_glob_selects_files_in_a_directory(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "b.log").write_text(SENTENCE_2, encoding="utf-8")
    default = {row["doc"] for row in jsonl(invoke(tmp_path).stdout)}
    assert default == {str(tmp_path / "a.txt")}
    chosen = {row["doc"] for row in jsonl(invoke("--glob", "*.LOG", tmp_path).stdout)}
    assert chosen == {str(tmp_path / "b.log")}


def test_rule_pack_errors_exit_2(article, tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "broken.toml").write_text("[metric\nname = 1\n", encoding="utf-8")
    result = invoke("--rules", pack, article)
    assert result.exit_code == 2
    assert "broken.toml" in result.stderr and result.stderr.startswith("policy-extract: error: ")
    assert result.stdout == ""


def test_verbose_logging_is_accepted(article):
    assert invoke("-vv", article).exit_code == 0


# --- show ------------------------------------------------------------------------------------------


def test_show_highlights_in_the_terminal(article):
    result = invoke("show", article)
    assert result.exit_code == 0
    assert "59.22%" in result.stdout and "urbanization_rate" in result.stdout
    assert "records:" in result.stdout


def test_show_html_page(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("<b>&</b> " + SENTENCE, encoding="utf-8")
    page = tmp_path / "a.html"
    result = invoke("show", path, "--html", page)
    assert result.exit_code == 0 and result.stdout == ""
    assert f"wrote {page}" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html and "<b>&</b>" not in html
    assert '<mark class="k-percentage" data-r="0"' in html and "59.22%<sup>59.22 %</sup></mark>" in html
    assert '<table id="records">' in html and "urbanization_rate" in html
    assert " src=" not in html and "http" not in html  # self-contained: inline style and script only


def test_show_errors(tmp_path):
    result = invoke("show", tmp_path / "missing.txt")
    assert result.exit_code == 1
    assert result.stderr == f"policy-extract: error: {tmp_path / 'missing.txt'}: no such file or directory\n"
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    result = invoke("show", tmp_path / "a.txt", "--html", tmp_path / "no" / "a.html")
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_show_standard_input():
    assert "59.22%" in invoke("show", "-", input=SENTENCE).stdout


# --- eval ------------------------------------------------------------------------------------------


def gold_line(text, piece, **fields):
    start = text.index(piece)
    return json.dumps({"doc": "article.txt", "text": piece, "start": start, "end": start + len(piece), **fields},
                      ensure_ascii=False)


@pytest.fixture
def gold(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    lines = [
        gold_line(SENTENCE, "59.22%", kind="percentage", metric="urbanization_rate", value=59.22, unit="%", year=2024),
        gold_line(SENTENCE, "0.9个百分点", kind="percentage", metric="urbanization_rate", value=0.9, unit="pp",
                  optional=True),
    ]
    (folder / "article.gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_eval_scores_and_passes_min_f1(article, gold):
    result = invoke("eval", "--gold", gold, article, "--min-f1", "0.99")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].split()[:4] == ["all", "1", "1", "1"]
    assert any(line.split()[:2] == ["metric", "urbanization_rate"] for line in lines)
    assert "year accuracy" in result.stdout and "metric accuracy" in result.stdout


def test_eval_show_errors_and_failing_min_f1(article, gold):
    with open(gold / "article.gold.jsonl", "a", encoding="utf-8") as fh:
        fh.write(gold_line(SENTENCE, "全省", kind="count", metric="count", value=12345) + "\n")
    result = invoke("eval", "--gold", gold, "--show-errors", "--min-f1", "0.99", article)
    assert result.exit_code == 1
    assert "missed (1):" in result.stdout and "12345" in result.stdout
    assert "is below --min-f1 0.99" in result.stderr


def test_eval_show_errors_lists_wrong_fields_of_matched_figures(article, tmp_path):
    gold = tmp_path / "article.gold.jsonl"
    gold.write_text(gold_line(SENTENCE, "59.22%", kind="percentage", metric="urbanization_rate", value=59.22,
                              year=2023, target=False) + "\n", encoding="utf-8")
    result = invoke("eval", "--gold", gold, "--show-errors", article)
    assert result.exit_code == 0, result.output
    assert "year exact       0.000 (0 of 1 matched, periods aside)" in result.stdout
    assert "target           accuracy 1.000 (1 of 1)" in result.stdout
    start = SENTENCE.index("59.22%")
    assert f"  article.txt  [{start}:{start + 6}]  59.22%  year: 2023 vs 2024" in result.stdout.splitlines()


def test_eval_json(article, gold, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(SENTENCE_2, encoding="utf-8")
    result = invoke("eval", "--gold", gold, "--json", "--quiet", article, other)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["overall"]["matched"] == 1 and report["by_metric"]["urbanization_rate"]["f1"] == 1.0
    assert {"named_metric", "target", "change", "region", "year_exact"} <= set(report)
    assert report["year_exact"] == {"accuracy": 1.0, "right": 1, "total": 1,
                                    "by_kind": {"percentage": {"accuracy": 1.0, "right": 1, "total": 1}}}
    assert [note.split(":")[0] for note in report["notes"]] == ["other.txt"] and "errors" not in report
    with_errors = json.loads(invoke("eval", "--gold", gold, "--json", "--show-errors", article).stdout)
    assert with_errors["errors"] == {"missed": [], "false_positives": [], "wrong": []}


def test_eval_notes_unscored_documents(article, gold, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(SENTENCE_2, encoding="utf-8")
    result = invoke("eval", "--gold", gold, article, other)
    assert result.exit_code == 0
    assert "other.txt: no gold" in result.stderr


def test_eval_bad_gold(article, tmp_path):
    bad = tmp_path / "bad.gold.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = invoke("eval", "--gold", bad, article)
    assert result.exit_code == 1 and f"{bad}: line 1: not JSON" in result.stderr
    assert invoke("eval", article).exit_code == 2  # --gold is required


# --- rules and schema -----------------------------------------------------------------------------


def test_rules_list():
    result = invoke("rules", "list")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["metric", "kinds", "keywords", "examples", "file", "description"]
    names = [row.split()[0] for row in rows]
    from test_rules import CATALOG_V2

    assert CATALOG_V2 <= set(names) and "fiscal_revenue_growth" in names
    assert names == sorted(names)
    assert all(len(row.split()) > 5 for row in rows)  # every metric has its description


METRIC_TOML = GREEN_METRIC_WITH_EXAMPLE


def test_rules_check_passes_and_lists_with_a_user_pack(tmp_path):
    (tmp_path / "green.toml").write_text(METRIC_TOML.replace("VALUE", "43.5"), encoding="utf-8")
    result = invoke("rules", "check", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 1 rule files, 1 examples")
    assert "green_coverage" in invoke("rules", "list", "--rules", tmp_path).stdout
    rows = jsonl(invoke("--rules", tmp_path, "--metric", "green_coverage", input="建成区绿化覆盖率达到43.5%。").stdout)
    assert has_value(rows, 43.5)


def test_rules_check_names_failing_examples(tmp_path):
    (tmp_path / "green.toml").write_text(METRIC_TOML.replace("VALUE", "99.0"), encoding="utf-8")
    result = invoke("rules", "check", tmp_path)
    assert result.exit_code == 1
    assert "green.toml: examples -> 0" in result.stdout
    assert "1 of 1 examples failed" in result.stderr


@pytest.mark.parametrize(
    "content, where",
    [
        ("[metric\n", "malformed TOML"),
        (METRIC_TOML.replace("VALUE", "1").replace('["percentage"]', '["weight"]'), "metric -> kinds -> 0"),
        (METRIC_TOML.replace("VALUE", "1").replace("green_coverage", "urbanization_rate"), "duplicated metric"),
        ('[[unit]]\nkind = "count"\nforms = ["个"]\nfollow = "(unclosed"\n', "invalid regex"),
    ],
    ids=["toml", "unknown-kind", "duplicate-metric", "bad-regex"],
)
def test_rules_check_rejects_invalid_packs_with_exit_2(tmp_path, content, where):
    (tmp_path / "mine.toml").write_text(content, encoding="utf-8")
    result = invoke("rules", "check", tmp_path)
    assert result.exit_code == 2
    assert "mine.toml" in result.stderr and where in result.stderr
    assert "Traceback" not in result.output


def test_schema():
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert set(schema["discriminator"]["mapping"]) == set(KINDS)
    assert list(schema["$defs"]["Percentage"]["properties"]) == list(FIELDS)


# --- stdout encoding -----------------------------------------------------------------------------


def test_ensure_utf8_reencodes_a_gbk_stream():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk")
    ensure_utf8(stream)
    stream.write("城镇化率 ✓ 𠀀")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "城镇化率 ✓ 𠀀"


# --- real subprocesses ------------------------------------------------------------------------------


def test_subprocess_standard_input():
    proc = run_cli(input=SENTENCE.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    rows = jsonl(proc.stdout.decode("utf-8"))
    assert has_value(rows, 59.22) and rows[0]["doc"] == "-"
    assert b"Traceback" not in proc.stderr


def make_folder(root):
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (root / "sub" / "b.md").write_text(SENTENCE_2, encoding="utf-8")
    (root / "sub" / "c.html").write_bytes(
        f'<html><head><meta charset="gb2312"></head><body><p>{SENTENCE}</p></body></html>'.encode("gb18030")
    )
    (root / "notes.csv").write_text("1,2,3\n", encoding="utf-8")
    return root


def test_subprocess_folder(tmp_path):
    folder = make_folder(tmp_path / "in")
    proc = run_cli(folder)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = jsonl(proc.stdout.decode())
    docs = list(dict.fromkeys(row["doc"] for row in rows))
    assert docs == [str(folder / "a.txt"), str(folder / "sub" / "b.md"), str(folder / "sub" / "c.html")]
    assert has_value([r for r in rows if r["doc"].endswith("c.html")], 59.22)
    assert "3 files" in proc.stderr.decode()


def test_subprocess_xlsx_output(tmp_path):
    folder = make_folder(tmp_path / "in")
    out = tmp_path / "out.xlsx"
    proc = run_cli(folder, "-o", out)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(FIELDS)
    value, text = FIELDS.index("value"), FIELDS.index("text")
    assert any(row[value] == 59.22 and isinstance(row[value], float) for row in rows[1:])
    assert all(isinstance(row[text], str) for row in rows[1:])
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_subprocess_jobs_keep_the_order(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02d}.txt").write_text((SENTENCE, SENTENCE_2)[i % 2] * (1 + i % 3), encoding="utf-8")
    one = run_cli("--quiet", folder)
    three = run_cli("--quiet", "--jobs", "3", folder)
    assert one.returncode == three.returncode == 0, three.stderr.decode()
    assert one.stdout == three.stdout and one.stdout


def test_subprocess_closed_pipe_ends_quietly(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):
        (folder / f"{i:03d}.txt").write_text(SENTENCE * 40, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", folder], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env()
    )
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_subprocess_writes_utf8_whatever_the_locale(article):
    proc = run_cli("--format", "csv", article, PYTHONIOENCODING="gbk", LC_ALL="C")
    assert proc.returncode == 0, proc.stderr.decode()
    assert "城镇化率" in proc.stdout.decode("utf-8")


def test_schema_lists_the_catalog():
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    catalog = schema["x-metrics"]
    assert catalog["hukou_urbanization_rate"]["kinds"] == ["percentage"]
    assert catalog["retail_sales_growth"]["kinds"] == ["percentage"] and catalog["gdp"]["description"]
    assert "target" in json.dumps(schema) and "region_code" in json.dumps(schema)


def test_target_filter(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("2024年城镇化率为59%。到2030年，城镇化率力争达到70%。", encoding="utf-8")
    goals = jsonl(invoke("extract", str(path), "--target", "--kind", "percentage", "-f", "jsonl").stdout)
    reached = jsonl(invoke("extract", str(path), "--no-target", "--kind", "percentage", "-f", "jsonl").stdout)
    assert [(r["value"], r["target"]) for r in goals] == [(70, True)]
    assert [(r["value"], r["target"]) for r in reached] == [(59, False)]


@pytest.mark.parametrize("name", ["hukou_urbanization_rate", "fiscal_revenue_growth", "migrant_settlement"])
def test_metric_option_takes_every_catalog_name(tmp_path, name):
    path = tmp_path / "a.txt"
    path.write_text("户籍人口城镇化率为52.3%。一般公共预算收入增长4.5%。推动约2000万人在省内就近实现城镇化。", encoding="utf-8")
    result = invoke("extract", str(path), "--metric", name, "-f", "jsonl")
    assert result.exit_code == 0, result.output
    assert [r["metric"] for r in jsonl(result.stdout)] == [name]


# --- pipes, typos and --jobs 0 (issue 15) ---------------------------------------------------------


@pytest.fixture(scope="module")
def long_folder(tmp_path_factory):
    """Inputs whose output overflows a pipe's buffer, so `| head` really closes it early."""
    folder = tmp_path_factory.mktemp("long")
    for i in range(4):
        (folder / f"{i}.txt").write_text(SENTENCE * 400, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "table"], ["-f", "json"], ["-f", "jsonl"], ["-f", "csv"], ["-f", "tsv"], ["-f", "xlsx"],
        ["show"], ["eval", "--gold", "GOLD", "--show-errors"], ["rules", "list"], ["schema"],
    ],
)
def test_head_ends_every_command_quietly(long_folder, tmp_path, args):
    gold = tmp_path / "g.gold.jsonl"
    gold.write_text("", encoding="utf-8")
    args = [str(gold) if a == "GOLD" else a for a in args]
    target = [] if args[0] in ("rules", "schema") else [str(long_folder / "0.txt" if args[0] == "show" else long_folder)]
    command = " ".join([sys.executable, "-m", "extractor", *args, *target, "--quiet" * (args[0] == "eval")])
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {command} | head -c 100 > /dev/null"],
                            capture_output=True, env=cli_env(), timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr


@pytest.mark.parametrize("typo, suggestion", [("shwo", "show"), ("rule", "rules"), ("evl", "eval"),
                                              ("extarct", "extract"), ("schem", "schema")])
def test_a_mistyped_command_is_a_usage_error_that_suggests_the_closest(tmp_path, typo, suggestion):
    (tmp_path / "nj.txt").write_text(SENTENCE, encoding="utf-8")
    result = run_cli(typo, "nj.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert f"Did you mean '{suggestion}'?" in result.stderr.decode()


def test_a_file_named_like_a_word_is_still_read(tmp_path):
    (tmp_path / "shwo").write_text(SENTENCE, encoding="utf-8")
    result = run_cli("shwo", "-f", "jsonl", cwd=tmp_path)
    assert result.returncode == 0 and has_value(jsonl(result.stdout.decode()), 59.22)
    missing = run_cli("notes.txt", cwd=tmp_path)  # a path, not a command: the usual missing-file error
    assert missing.returncode == 1 and b"notes.txt: no such file or directory" in missing.stderr


def test_jobs_0_means_one_worker_per_core(tmp_path, monkeypatch):
    import os

    from extractor.cli.options import one_per_core

    assert one_per_core(None, None, 0) == (os.cpu_count() or 1) and one_per_core(None, None, 3) == 3
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(SENTENCE, encoding="utf-8")
    result = run_cli("--jobs", "0", "--quiet", "-f", "jsonl", tmp_path)
    assert result.returncode == 0 and len(jsonl(result.stdout.decode())) == 6
