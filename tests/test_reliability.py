"""Hostile folders, hand-written rule packs and real terminals (issue 17): one test group per
numbered class of the issue. The promise: one bad input never crashes a run, hangs it or
loses the good inputs' output; a user's mistake gets one clear line, never a traceback.

Time-bounded cases run in a subprocess under a timeout and assert that it completed; speed
itself is measured by bench/run.py, not here.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import SENTENCE, cli_env, has_value, jsonl, run_cli
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import extract, load_rules
from extractor.cli import cli

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file names, FIFOs and signals")


def invoke(*args, input=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def errors_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("policy-extract: error: ")]


def run_python(code: str, timeout: float, **env: str) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter with the checkout importable; fails the test if it
    has not finished within `timeout` seconds."""
    try:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(**env),
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"did not finish within {timeout} s")


# --- 1. file names that are not UTF-8 ------------------------------------------------------------

GBK_NAME = "城镇.txt".encode("gbk")  # b'\xb3\xc7\xd5\xf2.txt': not UTF-8


@posix_only
@pytest.mark.parametrize("suffix", ["csv", "tsv", "xlsx", "json", "jsonl"])
def test_a_gbk_file_name_survives_every_export(tmp_path, suffix):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), GBK_NAME), "w", encoding="utf-8") as handle:
        handle.write(SENTENCE)
    (folder / "b.txt").write_text(SENTENCE, encoding="utf-8")
    out = tmp_path / f"out.{suffix}"
    result = run_cli(folder, "-o", out, PYTHONIOENCODING="utf-8:strict", LC_ALL="C.UTF-8")
    assert result.returncode == 0, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    expected = str(folder) + "/\\xb3\\xc7\\xd5\\xf2.txt"
    if suffix == "xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(out).active
        docs = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    elif suffix in ("csv", "tsv"):
        import csv

        rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="," if suffix == "csv" else "\t"))
        docs = [row[0] for row in rows[1:]]
    elif suffix == "json":
        docs = [row["doc"] for row in json.loads(out.read_text(encoding="utf-8"))]
    else:
        out.read_bytes().decode("utf-8")  # strictly valid UTF-8: no raw bytes of the name
        docs = [row["doc"] for row in jsonl(out.read_text(encoding="utf-8"))]
    assert expected in docs and str(folder / "b.txt") in docs


@posix_only
def test_a_gbk_file_name_on_a_strict_utf8_stdout_and_in_error_lines(tmp_path):
    good = os.path.join(os.fsencode(tmp_path), GBK_NAME)
    with open(good, "w", encoding="utf-8") as handle:
        handle.write(SENTENCE)
    missing = os.path.join(os.fsencode(tmp_path), b"\xb9\xfa.txt")
    result = subprocess.run([sys.executable, "-m", "extractor", good, missing], capture_output=True,
                            env=cli_env(PYTHONIOENCODING="utf-8:strict"), timeout=120)
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in stderr
    assert {row["doc"] for row in jsonl(stdout)} == {str(tmp_path) + "/\\xb3\\xc7\\xd5\\xf2.txt"}
    assert errors_of(stderr) == [f"policy-extract: error: {tmp_path}/\\xb9\\xfa.txt: no such file or directory"]


# --- 2. number-dense text ---------------------------------------------------------------------------

# Each about a megabyte of UTF-8, as written by a script: the shapes of issue 17 (commas, a
# table dump, zero-width characters) and their kin (a list, bars, Chinese numerals, a labelled
# table whose numbers have words within reach); code run in the child, `text` its result.
DENSE_SHAPES = {
    "commas": ('"1," * 500_000', 0),
    "table": ('"".join(f"{i}\\t{i * 37 % 1000}.{i % 100}\\t{i * 13}\\t{(i * 7) % 100}%\\n" for i in range(40000))',
              40_000),  # the percentages are figures
    "zero-width": ('"1\\u200b2" * 250_000', 0),
    "between": ('"between 1 and 2 " * 60_000', None),
    "list": ('"、".join(str(i) for i in range(1, 160_000))', 0),
    "bars": ('"".join(f"{2000 + i % 25} | {i * 37 % 100000:,} | {i % 1000}.{i % 7} | {i * 13 % 9999}\\n" '
             'for i in range(36_000))', 0),
    "chinese numerals": ('"，".join("一二三四五六七八九十百千万亿零两"[i % 16:i % 16 + 1 + i % 7] for i in range(140_000))',
                         None),
    "labelled table": ('"".join(f"{name} | {i * 7919 % 99999:,} | {i % 97}.{i % 10} | {i % 999}\\t{1990 + i % 40}\\n" '
                       'for i, name in enumerate(["北京市", "GDP", "常住人口", "Total", "项目"] * 5_000))', None),
}


@pytest.mark.parametrize("shape", DENSE_SHAPES)
def test_number_dense_text_runs_in_linear_time(shape):
    """'1,' * 500,000 (1 MB) took over four minutes: every number scanned the rest of the text
    for "between X and Y"; then 9 µs of Python per number, most of it for numbers that can
    never be figures. Each shape, a megabyte, finishes well within the timeout (a few
    seconds here); quadratic time would not."""
    build, expected = DENSE_SHAPES[shape]
    code = f"""
from extractor import extract
text = {build}
assert len(text.encode("utf-8")) > 600_000
records = extract(text)
assert all(text[r.start:r.end] == r.text for r in records)
print(len(records))
"""
    result = run_python(code, timeout=120)
    assert result.returncode == 0, result.stderr
    if expected is not None:
        assert int(result.stdout) == expected


# --- 3. deep folder trees -------------------------------------------------------------------------

def deep_folder(root: Path, name: str, levels: int = 1000) -> Path:
    """root/name/name/... `levels` deep, made one level at a time (pathlib's own
    mkdir(parents=True) recurses)."""
    path = str(root)
    for _ in range(levels):
        path = os.path.join(path, name)
        os.mkdir(path)
    return Path(path)


@pytest.fixture
def deep():
    """`deep(name)` makes a folder 1,000 levels deep and returns (top, deepest). It lives
    outside pytest's tmp_path, whose clean-up (shutil.rmtree) recurses and would fail on it,
    and is removed one level at a time afterwards."""
    import tempfile

    made: list[tuple[Path, Path]] = []

    def make(name: str) -> tuple[Path, Path]:
        top = Path(tempfile.mkdtemp(prefix="policy-extract-deep-"))
        made.append((top, deep_folder(top, name)))
        return made[-1]

    yield make
    for top, deepest in made:
        for path in [deepest, *deepest.parents]:
            for child in path.iterdir():
                child.unlink()
            path.rmdir()
            if path == top:
                break


def test_a_folder_tree_a_thousand_levels_deep(deep):
    tmp_path, deepest = deep("d")
    (deepest / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SENTENCE, encoding="utf-8")
    result = invoke(tmp_path)
    assert result.exit_code == 0, result.stderr
    docs = list(dict.fromkeys(row["doc"] for row in jsonl(result.stdout)))
    assert docs == [str(tmp_path / "b.txt"), str(deepest / "a.txt")]  # sorted by path parts


def test_a_rule_folder_a_thousand_levels_deep(deep):
    tmp_path, deepest = deep("r")
    (deepest / "mine.toml").write_text('[[unit]]\nkind = "count"\nforms = ["棵"]\n', encoding="utf-8")
    pack = load_rules([tmp_path])
    assert any(label.endswith("mine.toml") for label in pack.files)


# --- 4. -o naming an input ------------------------------------------------------------------------

def test_output_naming_an_input_is_refused_before_reading(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(SENTENCE, encoding="utf-8")
    result = invoke(path, "-o", path)
    assert result.exit_code == 2
    [line] = errors_of(result.stderr)
    assert f"{path}: is also an input" in line
    assert path.read_text(encoding="utf-8") == SENTENCE  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]


def test_output_that_a_folder_run_would_read_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    out = tmp_path / "out.txt"
    result = invoke(tmp_path, "-f", "jsonl", "-o", out)
    assert result.exit_code == 2 and "would be read as an input" in errors_of(result.stderr)[0]
    assert not out.exists()
    elsewhere = invoke(tmp_path, "-o", tmp_path / "out.jsonl")  # not matched by --glob: fine
    assert elsewhere.exit_code == 0 and (tmp_path / "out.jsonl").exists()


# --- 5. closed stdout, Ctrl-C while importing -------------------------------------------------------

@posix_only
def test_closed_stdout_ends_quietly(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    command = f'"{sys.executable}" -m extractor "{path}" >&-'
    result = subprocess.run(command, shell=True, capture_output=True, env=cli_env(), timeout=120)
    assert result.returncode == 0
    assert result.stderr.decode().splitlines() == ["policy-extract: 1 files, 2 records, 0 failed, 0.0 s"] or \
        result.stderr.decode().startswith("policy-extract: 1 files, 2 records, 0 failed")
    out = tmp_path / "out.csv"
    with_output = subprocess.run(f'"{sys.executable}" -m extractor "{path}" -o "{out}" -q >&-', shell=True,
                                 capture_output=True, env=cli_env(), timeout=120)
    assert with_output.returncode == 0 and "59.22" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("module", ["click", "extractor.cli.group", "extractor.reading.inputs"])
def test_ctrl_c_while_importing_ends_quietly(tmp_path, module):
    """Ctrl-C in the first tenth of a second lands in an import: the KeyboardInterrupt is
    raised here from the import of `module`, as the signal would raise it."""
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    code = f"""
import sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise KeyboardInterrupt
sys.meta_path.insert(0, Interrupt())
sys.argv = ["policy-extract", {str(path)!r}]
from extractor.__main__ import main
main()
"""
    result = run_python(code, timeout=60)
    assert result.returncode == 130 and result.stderr == "" and result.stdout == ""


# --- 6. SIGHUP --------------------------------------------------------------------------------------

@posix_only
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sighup_mid_batch_leaves_no_part_file(tmp_path, jobs):
    from test_bad_input import finish, start_stuck_batch, wait_for

    proc, out = start_stuck_batch(tmp_path, "--jobs", jobs)
    wait_for(lambda: list(tmp_path.glob(".out.jsonl.*")), proc)
    time.sleep(0.3)
    proc.send_signal(signal.SIGHUP)
    returncode, stderr = finish(proc)
    assert returncode == 129, stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no out.jsonl, no .part file


# --- 7. FIFOs and devices in folders ------------------------------------------------------------------

@posix_only
def test_fifos_and_devices_in_a_folder_are_skipped(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    result = run_cli(tmp_path, timeout=60)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert {row["doc"] for row in jsonl(result.stdout.decode())} == {str(tmp_path / "a.txt")}
    assert errors_of(stderr) == [
        f"policy-extract: error: {tmp_path / 'fifo.txt'}: not a regular file (a FIFO); skipped",
        f"policy-extract: error: {tmp_path / 'zero.txt'}: not a regular file (a character device); skipped",
    ]


@posix_only
def test_fifos_and_devices_in_a_rule_folder_are_skipped(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "mine.toml").write_text('[[unit]]\nkind = "count"\nforms = ["棵"]\n', encoding="utf-8")
    os.mkfifo(pack / "fifo.toml")
    (pack / "zero.toml").symlink_to("/dev/zero")
    result = run_cli("--rules", pack, "-", input="种了5棵树".encode(), timeout=60)
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert has_value(jsonl(result.stdout.decode()), 5, kind="count")
    assert "fifo.toml: not a regular file; skipped" in stderr and "zero.toml: not a regular file; skipped" in stderr


# --- 8. user patterns under the time limit ------------------------------------------------------------

def test_a_backtracking_rule_pattern_times_out_once_and_extraction_goes_on(tmp_path):
    (tmp_path / "slow.toml").write_text('[[unit]]\nkind = "count"\nforms = ["棵"]\nfollow = "(?:a|aa)+$"\n',
                                        encoding="utf-8")
    code = f"""
import extractor.pack.compiled as compiled
compiled.REGEX_TIMEOUT = 0.5
from pathlib import Path
from extractor import extract, load_rules
pack = load_rules([Path({str(tmp_path)!r})])
text = "种了5棵" + "a" * 60 + "!，又种了6棵" + "a" * 60 + "!，城镇化率59.22%。"
print([r.text for r in extract(text, rules=pack)])
"""
    result = run_python(code, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['59.22%']"
    warnings = [line for line in result.stderr.splitlines() if "timed out" in line]
    assert len(warnings) == 1 and f"[{tmp_path / 'slow.toml'} -> unit -> 0 -> follow]" in warnings[0]


def test_a_backtracking_target_year_pattern_times_out_once(tmp_path):
    (tmp_path / "slow.toml").write_text(
        "[targets]\nfuture_years = ['(?:a|aa)+!(?P<year>20[0-9]{2})']\n", encoding="utf-8")
    code = f"""
import extractor.pack.compiled as compiled
compiled.REGEX_TIMEOUT = 0.5
from pathlib import Path
from extractor import extract, load_rules
pack = load_rules([Path({str(tmp_path)!r})])
text = "a" * 60 + "。到2035年，城镇化率达到75%。"
print([(r.text, r.target) for r in extract(text, rules=pack)])
"""
    result = run_python(code, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "('75%', True)" in result.stdout  # the built-in year phrases still work
    warnings = [line for line in result.stderr.splitlines() if "timed out" in line]
    assert len(warnings) == 1 and f"[{tmp_path / 'slow.toml'} -> targets -> future_years]" in warnings[0]


def test_a_rule_pattern_failing_at_run_time_is_blamed_on_the_rule(tmp_path, caplog):
    from extractor.pack.compiled import RulePattern

    class Failing:
        def match(self, *args, **kwargs):
            raise MemoryError("out of memory")

    pattern = RulePattern("a", "mine.toml -> unit -> 0 -> follow")
    pattern.pattern = Failing()  # fails whenever it runs
    assert pattern.match("a", 0) is None and pattern.match("a", 0) is None
    [message] = [m for m in caplog.messages if "mine.toml -> unit -> 0 -> follow" in m]
    assert "failed" in message


# --- 9. deeply nested HTML ------------------------------------------------------------------------------

def test_deeply_nested_html_is_bounded(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "城镇化率达到59.22%。<script>x='99%'</script>",
                    encoding="utf-8")
    result = run_cli(page, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    rows = jsonl(result.stdout.decode())
    assert [row["text"] for row in rows] == ["59.22%"]


def test_stripping_and_parsing_give_the_same_text():
    from extractor.reading.htmltext import _stripped, html_to_text

    page = ("<html><head><title>标 题</title><style>p {}</style></head><body><p>城镇化率&nbsp;59.22%<p>"
            "增长<b>5.2%</b><ul><li>一</li><li>二</li></ul><br/>末</body></html>")
    assert _stripped(page) == html_to_text(page)


@posix_only
def test_deeply_nested_html_stays_interruptible(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<div>" * 400_000 + "59.22%", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "extractor", page, "-q"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=cli_env())
    time.sleep(1.5)
    proc.send_signal(signal.SIGTERM)
    try:
        _, stderr = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("SIGTERM was ignored")
    assert "Traceback" not in stderr.decode()


# --- 10. zero-width and bidi characters inside numbers ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "城镇化率达到5\u200b9.22%。", "培育2\u200d0个试点县。", "增长1\u200c2.5%。", "人口2\u2060870万人。",
    "新增5\u200e0个。", "城镇化率五\u200b十九点二%。", "GDP 5.\u200b4万亿元。", "达到59\ufeff.22%。",
])
def test_a_number_cut_by_an_invisible_character_gives_no_wrong_value(text):
    for record in extract(text):
        assert text[record.start:record.end] == record.text
        assert not any(ch in text[max(0, record.start - 1):record.end + 1] for ch in "\u200b\u200c\u200d\u200e\u2060\ufeff")


def test_invisible_characters_next_to_a_figure_leave_it_alone():
    records = extract("城镇化率达到\u200b59.22%\u200b，培育\u202a20个\u202c试点县。")
    assert [(r.text, r.value) for r in records] == [("59.22%", 59.22), ("20个", 20)]


# --- 11. truncated GB18030 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("cut", [1, 2, 3])
def test_truncated_gb18030_drops_the_last_character_with_a_warning(tmp_path, cut):
    raw = ("全省常住人口城镇化率达到59.22%，培育20个新型城镇化试点县。" * 10).encode("gb18030") + "䶵".encode("gb18030")
    path = tmp_path / "cut.txt"
    path.write_bytes(raw[:-cut])
    result = invoke(path)
    assert result.exit_code == 0
    assert f"policy-extract: warning: {path}: ends inside a GB18030 character" in result.stderr
    rows = jsonl(result.stdout)
    assert len(rows) == 20 and has_value(rows, 59.22)


def test_a_guess_outside_chinese_unicode_and_western_is_not_accepted(monkeypatch):
    from charset_normalizer import from_bytes  # noqa: F401  (the detector the decoder asks)

    import extractor.reading.decoding as decoding
    from extractor.errors import InputError

    class Guess:
        encoding = "cp874"

    class Results:
        def best(self):
            return Guess()

    monkeypatch.setattr("charset_normalizer.from_bytes", lambda raw: Results())
    raw = bytes(range(0xA1, 0xFF)) * 3 + b"\xff"
    with pytest.raises(InputError, match="looks like cp874.*--encoding cp874"):
        decoding.decode_bytes(raw, "a.txt")


# --- 12. first use from several threads -----------------------------------------------------------------------

def test_first_use_from_eight_threads_at_once():
    code = """
import threading
from extractor import extract
barrier, failures = threading.Barrier(8), []
def work():
    barrier.wait()
    try:
        records = extract("全省常住人口城镇化率达到59.22%，培育20个新型城镇化试点县，千家万户。")
        assert [r.text for r in records] == ["59.22%", "20个"], records
    except BaseException as exc:
        failures.append(repr(exc))
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(failures or "ok")
"""
    for _ in range(3):  # each a fresh process: nothing is loaded yet
        result = run_python(code, timeout=120)
        assert result.stdout.strip() == "ok", result.stdout + result.stderr


# --- 13. rule packs that validate but break extraction ---------------------------------------------------------

@pytest.mark.parametrize("content, where", [
    ('[[unit]]\nkind = "count"\nforms = [""]\n', "unit -> 0 -> forms -> 0"),
    ('[[unit]]\nkind = "count"\nforms = ["棵", " "]\n', "unit -> 0 -> forms -> 1"),
    ('[[qualifier]]\nqualifier = "about"\nbefore = [""]\n', "qualifier -> 0 -> before -> 0"),
    ('[metric]\nname = "trees"\nkinds = ["count"]\n[metric.keywords]\nzh = [""]\n', "metric -> keywords -> zh -> 0"),
    ('[[implied]]\nkind = "count"\nphrases = ["共有(?P<noun>\\\\s*)"]\n', "implied -> 0 -> phrases"),
    ('[[unit]]\nkind = "count"\nforms = ["棵"]\nmax_value = ' + "9" * 5000 + "\n", "malformed TOML"),
    ('[[unit]]\nkind = "count"\nforms = ["棵"]\nmax_value = 99999999999999999999\n', "unit -> 0 -> max_value"),
    ('[[unit]]\nkind = "count"\nforms = ["棵"]\nfactor = "1e999999999"\n', "unit -> 0 -> factor"),
    ('[[unit]]\nkind = "count"\nforms = ["棵"]\nfactor = "' + "9" * 40 + '"\n', "unit -> 0 -> factor"),
    ('[[unit]]\nkind = "count"\nforms = ["棵"]\nfollow = "(?:(?:a{1000}){1000}){1000}"\n', "unit -> 0 -> follow"),
    ('[[unit]]\nkind = "count"\nforms = ["棵"]\nfollow = "a{100000}"\n', "unit -> 0 -> follow"),
    ("[targets]\nfuture_years = ['到(20[0-9]{2})年']\n", "targets -> future_years"),
], ids=["empty-form", "blank-form", "empty-hedge", "empty-keyword", "blank-noun", "5000-digits", "huge-max-value",
        "huge-exponent", "40-digit-factor", "nested-repeats", "huge-repeat", "year-without-group"])
def test_rule_packs_that_would_break_extraction_are_refused(tmp_path, content, where):
    (tmp_path / "mine.toml").write_text(content, encoding="utf-8")
    code = f"""
from pathlib import Path
from extractor import load_rules
from extractor.errors import RuleError
try:
    load_rules([Path({str(tmp_path)!r})])
except RuleError as exc:
    print(exc)
"""
    result = run_python(code, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f"[{tmp_path / 'mine.toml'}" in result.stdout and where in result.stdout, result.stdout


def test_good_factors_and_patterns_still_validate(tmp_path):
    (tmp_path / "mine.toml").write_text(
        '[[unit]]\nkind = "length"\nforms = ["英尺"]\nunit = "km"\nfactor = "0.0003048"\nmax_value = 1000000\n'
        'follow = "(?!高)"\n[[unit]]\nkind = "area"\nforms = ["公顷"]\nunit = "km2"\nfactor = "1/100"\n',
        encoding="utf-8")
    records = extract("修建1000英尺步道，绿地5公顷。", rules=load_rules([tmp_path]))
    assert [(r.kind, round(r.value, 6)) for r in records] == [("length", 0.3048), ("area", 0.05)]


# --- 15. terminal escapes ------------------------------------------------------------------------------------

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"


def test_show_makes_control_characters_visible(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"{ESCAPES}城镇化率达到59.22%\u202e。\n", encoding="utf-8")
    result = run_cli("show", path)
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "\x1b]" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in out and "\\u202e" in out and "59.22%" in out


def test_error_lines_make_control_characters_visible(tmp_path):
    missing = tmp_path / f"x{ESCAPES}.txt"
    result = run_cli(missing)
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "\x1b" not in stderr and "\x07" not in stderr
    assert errors_of(stderr)[0] == (f"policy-extract: error: {tmp_path}/x\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m.txt: "
                                    "no such file or directory")


def test_line_ends_stay_line_ends_on_a_terminal():
    from extractor.logs import visible

    assert visible("一\r\n二\n三\t四") == "一\r\n二\n三\t四"  # CRLF files show as they are
    assert visible("真\r假") == "真\\x0d假"  # a lone CR would overwrite the line


def test_terminal_tables_make_control_characters_visible():
    import io

    from extractor.writing.terminal import table_writer

    out = io.StringIO()
    writer = table_writer(out, out)
    row = {"doc": f"a{ESCAPES}.txt", "kind": "percentage", "metric": "percentage", "value": 1, "unit": "%",
           "subject": f"s{ESCAPES}", "region": None, "text": "1%", "start": 0, "end": 2}
    writer.write([row])
    assert "\x1b" not in out.getvalue() and "\\x1b" in out.getvalue()


# --- 17. user mistakes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib", "undefined", "bz2", "uu", "quopri"])
def test_encodings_that_do_not_read_text_are_usage_errors(tmp_path, codec):
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    for command in ([], ["show"]):
        result = run_cli(*command, "--encoding", codec, path)
        stderr = result.stderr.decode()
        assert result.returncode == 2 and "Traceback" not in stderr, stderr
        assert f"Invalid value for '--encoding': '{codec}'" in stderr


def test_library_encodings_that_do_not_read_text_are_input_errors(tmp_path):
    from extractor import extract_document
    from extractor.errors import InputError

    path = tmp_path / "a.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    with pytest.raises(InputError, match="rot13.*not a text encoding"):
        extract_document(path, encoding="rot13")


def test_an_empty_glob_is_a_usage_error(tmp_path):
    result = run_cli(tmp_path, "--glob", "")
    assert result.returncode == 2 and "Traceback" not in result.stderr.decode()
    assert "Invalid value for '--glob'" in result.stderr.decode()


def test_an_empty_path_is_an_error_not_the_current_directory(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    result = run_cli("", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == b""
    assert errors_of(result.stderr.decode())[0] == 'policy-extract: error: "": empty path (an unset shell variable?); nothing was read'


def test_the_same_file_named_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    result = run_cli("a.txt", "./a.txt", str(tmp_path / "a.txt"), "sub/../a.txt", cwd=tmp_path)
    rows = jsonl(result.stdout.decode())
    assert result.returncode == 0 and [row["doc"] for row in rows] == ["a.txt", "a.txt"]  # its two figures, once


def test_rules_of_the_wrong_type_are_a_type_error():
    with pytest.raises(TypeError, match="rules must be a rule pack from extractor.load_rules"):
        extract(SENTENCE, rules="x")
    with pytest.raises(TypeError):
        extract(SENTENCE, rules=["rules/"])


def test_records_with_lone_surrogates_stay_serialisable():
    text = "\ud800城镇化率59.22%\udfff"
    [record] = extract(text)
    assert text[record.start:record.end] == record.text and record.sentence == text  # exact in Python
    dumped = json.loads(record.model_dump_json())
    assert dumped["sentence"] == "\ufffd城镇化率59.22%\ufffd"
    json.dumps(record.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


# --- the property: any mix of numbers, units and invisible characters ------------------------------------------

PIECES = st.sampled_from([
    "0", "1", "2", "5", "9", ".", ",", "%", "％", "１", "２", "一", "二", "十", "百", "千", "万", "亿", "点", "半",
    "零", "两", "个", "人", "元", "公里", "平方公里", "亩", "小时", "分钟", "年", "个百分点", "百分之", "至", "-",
    "—", "~", "约", "超过", "以上", "城镇化率", "GDP", "试点县", "十四五", "between", " and ", " million", " yuan",
    " ", "\n", "。", "，", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\x00", "\x1b", "\x07", "\x85",
    "\u2028", "\ud800",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=120).map("".join))
def test_any_mix_of_numbers_units_and_invisible_characters(text):
    extract("城镇化率59.22%")  # the rules and the tokenizer are loaded outside the timing
    started = time.perf_counter()
    records = extract(text)
    elapsed = time.perf_counter() - started
    for record in records:
        assert text[record.start:record.end] == record.text
        if record.value is not None:
            assert math.isfinite(record.value)
        for year in (record.year, record.start_year, record.end_year):
            assert year is None or isinstance(year, int)
    assert elapsed <= 1.0 + 0.002 * len(text)  # generous: a few µs per character is usual
