"""Writers: every format read back with its own reader, types and column order checked,
and output files that are either complete or absent."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import openpyxl
import pytest

from extractor.records import FIELDS, make_record
from extractor.writing.export import (
    FORMATS,
    XLSX_CELL_MAX,
    OutputError,
    fit_cell,
    format_for_path,
    open_writer,
    write_file,
)

SENTENCE = "2024年末，全省常住人口城镇化率达到59.22%，比上年提高0.9个百分点。"
ROWS = [
    make_record(dict(
        kind="percentage", doc="a.txt", metric="urbanization_rate", value=59.22, unit="%", year=2024,
        text="59.22%", start=19, end=25, sentence=SENTENCE,
    )).model_dump(mode="json"),
    make_record(dict(
        kind="money", doc="a.txt", metric="gdp", value=5400000000000, unit="CNY", qualifier="over",
        text="=5.4万亿元", start=0, end=7, sentence="=SUM(A1:A2) 地区生产总值超过5.4万亿元",
    )).model_dump(mode="json"),
    make_record(dict(
        kind="period", doc="b.txt", metric="plan_period", start_year=2021, end_year=2025,
        text="十四五", start=3, end=6, sentence="“十四五”时期",
    )).model_dump(mode="json"),
]


def write(fmt: str, batches, **options) -> str:
    out = io.StringIO()
    with open_writer(fmt, stdout=out, **options) as writer:
        for rows in batches:
            writer.write(rows)
    return out.getvalue()


def test_formats_and_suffixes():
    assert FORMATS == ("table", "json", "jsonl", "csv", "tsv", "xlsx", "parquet")
    assert [format_for_path(p) for p in ("a.CSV", "b.tsv", "c.json", "d.jsonl", "e.ndjson", "f.xlsx", "g.parquet",
                                         "g.txt")] == ["csv", "tsv", "json", "jsonl", "jsonl", "xlsx", "parquet", None]


def test_jsonl_one_object_a_line_chinese_kept():
    text = write("jsonl", [ROWS[:2], [], ROWS[2:]])
    assert "城镇化率" in text and "\\u" not in text
    assert [json.loads(line) for line in text.splitlines()] == ROWS
    assert list(json.loads(text.splitlines()[0])) == list(FIELDS)


def test_json_is_one_streamed_array():
    text = write("json", [ROWS[:1], [], ROWS[1:]])
    assert json.loads(text) == ROWS
    assert text.startswith("[{") and text.count("\n") == len(ROWS)


def test_json_without_records_is_an_empty_array():
    assert write("json", [[], []]) == "[]\n"


def test_json_puts_newer_fields_after_the_contract():
    row = dict(ROWS[0], confidence=0.9)
    assert list(json.loads(write("jsonl", [[row]]))) == [*FIELDS, "confidence"]


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_delimited_read_back(fmt, delimiter):
    text = write(fmt, [ROWS])
    table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert table[0] == list(FIELDS)
    assert len(table) == 1 + len(ROWS)
    first = dict(zip(FIELDS, table[1]))
    assert float(first["value"]) == 59.22 and int(first["year"]) == 2024
    assert first["sentence"] == SENTENCE  # Chinese and commas survive quoting
    assert int(dict(zip(FIELDS, table[2]))["value"]) == 5400000000000
    period = dict(zip(FIELDS, table[3]))
    assert period["value"] == "" and period["start_year"] == "2021"


def test_raw_csv_text_is_written_verbatim():
    # Scripts that rely on text == input[start:end] ask for --raw-csv; spreadsheets use the default.
    row = dict(zip(FIELDS, list(csv.reader(io.StringIO(write("csv", [ROWS], raw=True))))[2]))
    assert row["text"] == "=5.4万亿元"
    assert row["sentence"] == "=SUM(A1:A2) 地区生产总值超过5.4万亿元"


# Issue 17, class 14: formula injection (OWASP, "CSV Injection").
INJECTIONS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def injected_row(value: str) -> dict:
    return make_record(dict(kind="percentage", doc=value, title=value, source=value, metric="percentage",
                            value=-0.5, unit="pp", subject=value, region=value, text=value, start=0, end=1,
                            sentence=value)).model_dump(mode="json")


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
@pytest.mark.parametrize("value", INJECTIONS)
def test_free_text_cells_cannot_start_a_formula(fmt, delimiter, value):
    [header, cells] = list(csv.reader(io.StringIO(write(fmt, [[injected_row(value)]])), delimiter=delimiter))
    row = dict(zip(header, cells))
    for field in ("doc", "title", "source", "subject", "region", "sentence"):
        assert row[field] == "'" + value, field
    # the figure's own text: only = and @ start a formula there (-0.5个百分点 is a value)
    assert row["text"] == ("'" + value if value[0] in "=@" else value)
    assert row["value"] == "-0.5"  # numbers stay numbers


@pytest.mark.parametrize("value", INJECTIONS)
def test_raw_csv_and_json_keep_the_exact_text(value):
    row = injected_row(value)
    [_, cells] = list(csv.reader(io.StringIO(write("csv", [[row]], raw=True))))
    assert cells[FIELDS.index("sentence")] == value and cells[FIELDS.index("text")] == value
    assert json.loads(write("jsonl", [[row]]))["sentence"] == value
    assert json.loads(write("json", [[row]]))[0]["doc"] == value


def test_ordinary_cells_are_left_alone():
    [_, cells] = list(csv.reader(io.StringIO(write("csv", [ROWS[:1]]))))
    assert cells[FIELDS.index("sentence")] == SENTENCE and cells[FIELDS.index("doc")] == "a.txt"


# Issue 17, class 16: one record per line whatever reader splits the lines.
@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_json_lines_escape_every_line_break(fmt):
    breaks = "a\u2028b\u2029c\x85d\x0be\x0cf\x1cg\x1dh\x1ei\rj"
    row = injected_row(breaks)
    text = write(fmt, [[row, row]])
    lines = text.splitlines()
    assert len(lines) == 2  # one line per record, in JSON Lines and in the streamed array
    records = [json.loads(line) for line in lines] if fmt == "jsonl" else json.loads(text)
    assert [r["sentence"] for r in records] == [breaks, breaks]  # exact once parsed


def test_csv_without_headers_and_with_bom():
    text = write("csv", [ROWS[:1]], headers=False, bom=True)
    assert text.startswith("\ufeff")
    assert next(csv.reader(io.StringIO(text[1:])))[0] == "a.txt"


def test_csv_header_even_when_nothing_was_found():
    assert write("csv", [[]]).strip() == ",".join(FIELDS)


def test_csv_file_with_bom_opens_in_excel_encoding(tmp_path):
    out = tmp_path / "out.csv"
    with open_writer("csv", str(out), bom=True) as writer:
        writer.write(ROWS)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh)) == list(FIELDS)


def read_xlsx(path: Path):
    sheet = openpyxl.load_workbook(path).active
    return [[cell for cell in row] for row in sheet.iter_rows()]


def test_xlsx_numbers_are_numbers_and_text_is_never_a_formula(tmp_path):
    out = tmp_path / "out.xlsx"
    with open_writer("xlsx", str(out)) as writer:
        writer.write(ROWS[:2])
        writer.write(ROWS[2:])
    rows = read_xlsx(out)
    assert [cell.value for cell in rows[0]] == list(FIELDS)
    col = {name: i for i, name in enumerate(FIELDS)}
    rate, gdp, period = rows[1], rows[2], rows[3]
    assert rate[col["value"]].value == 59.22 and rate[col["value"]].data_type == "n"
    assert rate[col["year"]].value == 2024 and rate[col["start"]].data_type == "n"
    assert gdp[col["value"]].value == 5400000000000
    assert gdp[col["text"]].value == "=5.4万亿元" and gdp[col["text"]].data_type == "s"
    assert gdp[col["sentence"]].data_type == "s"
    assert period[col["value"]].value is None and period[col["end_year"]].value == 2025


def test_xlsx_without_headers(tmp_path):
    out = tmp_path / "out.xlsx"
    with open_writer("xlsx", str(out), headers=False) as writer:
        writer.write(ROWS[:1])
    assert read_xlsx(out)[0][0].value == "a.txt"


def test_xlsx_to_a_binary_stdout():
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with open_writer("xlsx", stdout=out) as writer:
        writer.write(ROWS)
    data = out.buffer.getvalue()
    assert data.startswith(b"PK\x03\x04")
    assert openpyxl.load_workbook(io.BytesIO(data)).active.max_row == 1 + len(ROWS)


def test_long_text_is_cut_to_what_a_cell_holds():
    assert fit_cell("短") == "短"
    cut = fit_cell("城" * 40000)
    assert len(cut) == XLSX_CELL_MAX
    astral = fit_cell("𠀀" * 20000)  # two UTF-16 units each: never split in half
    assert len(astral) == XLSX_CELL_MAX // 2 and "\ufffd" not in astral


def test_table_renders_for_a_person():
    text = write("table", [ROWS])
    assert "urbanization_rate" in text and "59.22" in text and "2021–2025" in text and "5,400,000,000,000" in text


def test_output_file_appears_only_when_complete(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    with pytest.raises(KeyboardInterrupt):
        with open_writer("jsonl", str(out)) as writer:
            writer.write(ROWS)
            assert out.read_text() == "old\n"  # records go to a temporary file
            raise KeyboardInterrupt
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # no temporary file left
    with open_writer("jsonl", str(out)) as writer:
        writer.write(ROWS)
    assert len(out.read_text().splitlines()) == len(ROWS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_failed_run_leaves_no_file(tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    with pytest.raises(RuntimeError):
        with open_writer(fmt, str(out)) as writer:
            writer.write(ROWS)
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_new_output_file_gets_normal_permissions(tmp_path):
    out = tmp_path / "out.csv"
    with open_writer("csv", str(out)) as writer:
        writer.write(ROWS)
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize("fmt", ["jsonl", "xlsx"])
def test_missing_output_directory_is_a_clear_error(tmp_path, fmt):
    with pytest.raises(OutputError, match="does not exist"):
        with open_writer(fmt, str(tmp_path / "nope" / f"out.{fmt}")):
            pass
    assert list(tmp_path.iterdir()) == []


def test_output_that_is_a_directory(tmp_path):
    with pytest.raises(OutputError, match="is a directory"):
        with open_writer("csv", str(tmp_path)):
            pass


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "xlsx"])
def test_disk_full_is_a_clear_error(fmt):
    with pytest.raises(OutputError, match="/dev/full: no space left on device"):
        with open_writer(fmt, "/dev/full") as writer:
            writer.write(ROWS)
    assert Path("/dev/full").is_char_device()  # written in place, never replaced


def test_write_file_is_atomic(tmp_path):
    out = tmp_path / "page.html"
    write_file(str(out), "<p>城镇化率</p>")
    assert out.read_text(encoding="utf-8") == "<p>城镇化率</p>"
    with pytest.raises(OutputError):
        write_file(str(tmp_path / "missing" / "page.html"), "x")


# --- XLSX that opens ready to use (issue 15) ------------------------------------------------------


def test_xlsx_opens_ready_to_use(tmp_path):
    out = tmp_path / "out.xlsx"
    dated = [dict(ROWS[0], published="2021-02-25T09:30:00", target=True, title="城镇化" * 40),
             dict(ROWS[1], published="2024-03-05"), dict(ROWS[2], published="2024-03-05T10:00:00+08:00")]
    with open_writer("xlsx", str(out)) as writer:
        writer.write(dated[:2])
        writer.file_done("a.txt", 2)
        writer.write(dated[2:])
        writer.file_done("b.txt", 1)
        writer.file_done("c.png", 0, "c.png: binary file (PNG image), not text")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["records", "files"]
    sheet = book["records"]
    col = {name: i for i, name in enumerate(FIELDS)}
    letter = {name: openpyxl.utils.get_column_letter(i + 1) for name, i in col.items()}
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{letter['sentence']}4"
    rate, gdp, period = list(sheet.iter_rows(min_row=2))
    money = gdp[col["value"]]
    assert money.value == 5400000000000 and money.number_format == "#,##0"  # 5,400,000,000,000, no 5.4E+12
    assert rate[col["value"]].number_format == "#,##0.0#########"
    assert rate[col["year"]].number_format == "0"  # 2024, not 2,024
    published = rate[col["published"]]
    assert published.is_date and published.value.isoformat() == "2021-02-25T09:30:00"
    assert gdp[col["published"]].is_date and gdp[col["published"]].number_format == "yyyy-mm-dd"
    assert period[col["published"]].value.isoformat() == "2024-03-05T10:00:00"  # the time as written
    assert rate[col["target"]].value is True and rate[col["change"]].value is False
    spans = [(d.min, d.max, d.width) for d in sheet.column_dimensions.values()]  # openpyxl keys a run by its first
    widths = {name: next(w for lo, hi, w in spans if lo <= col[name] + 1 <= hi) for name in ("value", "kind", "title",
                                                                                             "sentence")}
    assert widths["value"] >= len("5,400,000,000,000") and widths["kind"] < widths["value"]
    assert widths["title"] <= 31 and widths["sentence"] <= 61  # capped, though the text is longer
    files = [[cell.value for cell in row] for row in book["files"].iter_rows()]
    assert files == [["file", "records", "error"], ["a.txt", 2, None], ["b.txt", 1, None],
                     ["c.png", 0, "binary file (PNG image), not text"]]
    assert book["files"].freeze_panes == "A2"


def test_xlsx_from_the_command_line_lists_every_input(tmp_path):
    from cli_support import run_cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"%PDF-1.4 ...")
    out = tmp_path / "out.xlsx"
    result = run_cli(folder, tmp_path / "missing.txt", "-o", out, "--quiet")
    assert result.returncode == 1
    files = [[cell.value for cell in row] for row in openpyxl.load_workbook(out)["files"].iter_rows(min_row=2)]
    assert files == [[str(tmp_path / "missing.txt"), 0, "no such file or directory"],
                     [str(folder / "a.txt"), 2, None],
                     [str(folder / "b.txt"), 0, "binary file (PDF document), not text"]]
