"""Broken and hostile input (issue 6): one bad input never costs the rest of the run or a
half-written output file. Each case asserts the message and exit code the user gets.

| case | stderr | exit |
| --- | --- | --- |
| empty / whitespace-only file | (summary only), no records | 0 |
| PNG bytes named .txt | `<path>: binary file (PNG image), not text` | 1 |
| NUL bytes | `<path>: binary file (contains NUL bytes; ... --encoding utf-16-le), not text` | 1 |
| truncated UTF-8 | warning `<path>: ends inside a UTF-8 character at byte N (truncated?) ...`, records kept | 0 |
| GB18030, UTF-16 with BOM, UTF-8 with BOM | records, offsets into the decoded text | 0 |
| undecodable (not UTF-8, not GB18030, too short to detect) | `<path>: cannot decode: ... --encoding ...` | 1 |
| a folder mixing all of these | every decodable file's records, one line per other file | 1 |
| missing path | `<path>: no such file or directory` | 1 |
| directory with no matching file | `<dir>: no files matching *.txt *.md *.html *.htm *.shtml *.xhtml in this directory` | 1 |
| unreadable file | `<path>: permission denied` | 1 |
| symlink loop | `<link>: symlink loop: ...` | 1 |
| -o in a missing directory | `<out>: directory '<dir>' does not exist`, nothing written | 1 |
| -o /dev/full, or stdout on /dev/full | `/dev/full: no space left on device` | 1 |
| SIGINT / SIGTERM mid-batch | `interrupted after N of M files; <out> was not written` | 130 / 143 |
| rule pack: bad TOML, unknown kind, bad regex, duplicated metric | `[<file> -> <entry>] <reason>` | 2 |
"""

from __future__ import annotations

import codecs
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import GREEN_METRIC, SENTENCE, cli_env, has_value, jsonl, run_cli
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.cli import cli
from extractor.reading.decoding import read_text

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(64)


def invoke(*args, input=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("policy-extract: error: ")]


def grounded(rows: list[dict], path: Path) -> bool:
    text = read_text(path).text
    return all(text[row["start"]: row["end"]] == row["text"] for row in rows)


# --- encodings and content ------------------------------------------------------------------------

GOOD = {
    "gb18030.txt": SENTENCE.encode("gb18030"),
    "utf16.txt": SENTENCE.encode("utf-16"),
    "utf8bom.txt": codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
    "utf8.txt": SENTENCE.encode("utf-8"),
}
BAD = {
    "image.txt": (PNG, "binary file (PNG image), not text"),
    "nul.txt": ("城镇化率".encode() + b"\x00" * 8 + b"59.22%", "binary file (contains NUL bytes"),
    "tw.txt": (SENTENCE.encode("big5", errors="ignore"), "cannot decode: not UTF-8"),
}


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n \n"], ids=["empty", "whitespace"])
def test_empty_and_blank_files_give_no_records_and_succeed(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    result = invoke(path)
    assert (result.exit_code, result.stdout) == (0, "")
    assert error_lines(result) == []
    assert "1 files, 0 records, 0 failed" in result.stderr


@pytest.mark.parametrize("name", sorted(BAD))
def test_undecodable_and_binary_files_give_one_line(tmp_path, name):
    content, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke(path)
    assert result.exit_code == 1 and result.stdout == ""
    [line] = error_lines(result)
    assert line.startswith(f"policy-extract: error: {path}: {reason}")


@pytest.mark.parametrize("name", sorted(GOOD))
def test_encodings_give_grounded_records(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(GOOD[name])
    result = invoke(path)
    assert result.exit_code == 0 and error_lines(result) == []
    rows = jsonl(result.stdout)
    assert has_value(rows, 59.22) and grounded(rows, path)


def test_bom_is_not_counted_in_offsets(tmp_path):
    plain, bom = tmp_path / "plain.txt", tmp_path / "bom.txt"
    plain.write_bytes(GOOD["utf8.txt"])
    bom.write_bytes(GOOD["utf8bom.txt"])
    spans = [[(r["start"], r["end"]) for r in jsonl(invoke(p).stdout)] for p in (plain, bom)]
    assert spans[0] == spans[1]


def test_truncated_utf8_warns_and_keeps_its_records(tmp_path):
    path = tmp_path / "half.txt"
    path.write_bytes(SENTENCE.encode()[:-3])  # cut inside the last "。"
    result = invoke(path)
    assert result.exit_code == 0
    assert f"policy-extract: warning: {path}: ends inside a UTF-8 character" in result.stderr
    rows = jsonl(result.stdout)
    assert has_value(rows, 59.22) and grounded(rows, path)


def test_a_folder_mixing_everything(tmp_path):
    for name, content in GOOD.items():
        (tmp_path / name).write_bytes(content)
    for name, (content, _) in BAD.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = invoke(tmp_path)
    assert result.exit_code == 1
    rows = jsonl(result.stdout)
    docs = {Path(row["doc"]).name for row in rows}
    assert docs == set(GOOD)
    for name in GOOD:
        assert has_value([r for r in rows if r["doc"].endswith(name)], 59.22)
    lines = error_lines(result)
    assert len(lines) == len(BAD)
    for name, (_, reason) in BAD.items():
        assert any(line.startswith(f"policy-extract: error: {tmp_path / name}: {reason}") for line in lines)
    assert f"{len(GOOD) + len(BAD) + 1} files" in result.stderr and f"{len(BAD)} failed" in result.stderr


def test_a_folder_in_a_real_process(tmp_path):
    """Issue 3's done-when: one undecodable and one binary file, every other file's records, exit 1."""
    (tmp_path / "a.txt").write_bytes(GOOD["utf8.txt"])
    (tmp_path / "b.txt").write_bytes(GOOD["gb18030.txt"])
    (tmp_path / "image.txt").write_bytes(PNG)
    (tmp_path / "tw.txt").write_bytes(BAD["tw.txt"][0])
    proc = run_cli(tmp_path)
    assert proc.returncode == 1
    assert {Path(r["doc"]).name for r in jsonl(proc.stdout.decode())} == {"a.txt", "b.txt"}
    stderr = proc.stderr.decode()
    assert stderr.count("policy-extract: error: ") == 2 and "Traceback" not in stderr


# --- file system ---------------------------------------------------------------------------------------


def test_missing_path(tmp_path):
    result = invoke(tmp_path / "nope.txt")
    assert (result.exit_code, result.stdout) == (1, "")
    assert error_lines(result) == [f"policy-extract: error: {tmp_path / 'nope.txt'}: no such file or directory",
                                   "policy-extract: error: no input to read; nothing was written"]


def test_missing_path_next_to_a_good_one(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    result = invoke(tmp_path / "nope.txt", good)
    assert result.exit_code == 1
    assert has_value(jsonl(result.stdout), 59.22)
    assert error_lines(result) == [f"policy-extract: error: {tmp_path / 'nope.txt'}: no such file or directory"]


def test_directory_without_matching_files(tmp_path):
    (tmp_path / "data.csv").write_text("1,2\n")
    result = invoke(tmp_path)
    assert result.exit_code == 1 and result.stdout == ""
    assert error_lines(result)[0] == (
        f"policy-extract: error: {tmp_path}: no files matching *.txt *.md *.html *.htm *.shtml *.xhtml in this directory"
    )


def test_unreadable_file(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "open.txt").write_text(SENTENCE, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("this user can read a file with mode 000 (root)")
        result = invoke(tmp_path)
        assert result.exit_code == 1
        assert error_lines(result) == [f"policy-extract: error: {locked}: permission denied"]
        assert {Path(r["doc"]).name for r in jsonl(result.stdout)} == {"open.txt"}
    finally:
        locked.chmod(0o644)


def test_symlink_loops(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "sub" / "back").symlink_to(tmp_path)  # a directory link to an ancestor
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")  # a link to itself
    result = invoke(tmp_path)
    assert result.exit_code == 1
    assert [r["doc"] for r in jsonl(result.stdout)][0] == str(tmp_path / "sub" / "a.txt")
    lines = error_lines(result)
    assert len(lines) == 2
    assert lines[0].startswith(f"policy-extract: error: {tmp_path / 'self.txt'}: symlink loop")
    assert lines[1].startswith(f"policy-extract: error: {tmp_path / 'sub' / 'back'}: symlink loop")
    direct = invoke(tmp_path / "self.txt")
    assert direct.exit_code == 1 and "symlink loop" in error_lines(direct)[0]


def test_output_in_a_missing_directory(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    target = tmp_path / "missing" / "out.csv"
    result = invoke(good, "-o", target)
    assert (result.exit_code, result.stdout) == (1, "")
    assert error_lines(result) == [f"policy-extract: error: {target}: directory '{target.parent}' does not exist"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")


@needs_dev_full
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_output_to_a_full_disk(tmp_path, fmt):
    good = tmp_path / "a.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    proc = run_cli(good, "-o", "/dev/full", "--format", fmt)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines()[0] == "policy-extract: error: /dev/full: no space left on device"
    assert b"Traceback" not in proc.stderr and b"Exception ignored" not in proc.stderr


@needs_dev_full
def test_stdout_on_a_full_disk(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "extractor", good], stdout=full, stderr=subprocess.PIPE,
                              env=cli_env(), timeout=300)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == ["policy-extract: error: <stdout>: no space left on device"]


# --- interruption -----------------------------------------------------------------------------------


def start_stuck_batch(tmp_path, *options, output=True):
    """A batch whose last input is a FIFO nobody writes to: the run is stuck mid-batch.

    The FIFO is named on the command line (as `<(command)` would be): one found in a folder
    is skipped as not a regular file."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(SENTENCE, encoding="utf-8")
    os.mkfifo(folder / "z.fifo")
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "extractor", folder, folder / "z.fifo", *options, *(["-o", out] if output else [])]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(), start_new_session=True)
    return proc, out


def finish(proc) -> tuple[int, str]:
    """Exit code and stderr of a stuck batch; its whole session is killed if it outlives the test."""
    try:
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None or _session_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
    return proc.returncode, stderr.decode()


def _session_alive(sid: int) -> bool:
    try:
        os.killpg(sid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_for(condition, proc, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None or time.monotonic() > deadline:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            code, stderr = finish(proc)
            pytest.fail(f"the batch did not get under way (exit {code}): {stderr}")
        time.sleep(0.05)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
@pytest.mark.parametrize(
    "sig, code, jobs", [(signal.SIGTERM, 143, "1"), (signal.SIGINT, 130, "1"), (signal.SIGTERM, 143, "2")]
)
def test_interrupted_batch_leaves_no_output_file(tmp_path, sig, code, jobs):
    proc, out = start_stuck_batch(tmp_path, "--jobs", jobs)
    wait_for(lambda: list(tmp_path.glob(".out.jsonl.*")), proc)
    time.sleep(0.3)
    proc.send_signal(sig)
    returncode, stderr = finish(proc)
    assert returncode == code
    assert not _session_alive(proc.pid)  # worker processes are gone too
    assert re.search(rf"policy-extract: error: interrupted after \d of 4 files; {re.escape(str(out))} was not written",
                     stderr), stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no out.jsonl, no temporary file


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_json_lines_on_stdout_are_flushed_after_each_file(tmp_path):
    proc, _ = start_stuck_batch(tmp_path, output=False)
    first = proc.stdout.readline()  # arrives although the run is still going
    still_running = proc.poll() is None
    proc.send_signal(signal.SIGTERM)
    assert finish(proc)[0] == 143
    assert still_running and "59.22" in first.decode()


# --- rule packs -------------------------------------------------------------------------------------

METRIC = GREEN_METRIC


@pytest.mark.parametrize(
    "content, message",
    [
        ("[metric\nname = ", "malformed TOML"),
        (METRIC.replace('["percentage"]', '["weight"]'), "[{file} -> metric -> kinds -> 0]"),
        ('[[unit]]\nkind = "count"\nforms = ["个"]\nfollow = "(unclosed"\n', "[{file} -> unit -> 0 -> follow]"),
        (METRIC.replace("green_coverage", "urbanization_rate"), "duplicated metric name 'urbanization_rate'"),
    ],
    ids=["toml", "unknown-kind", "bad-regex", "duplicate-metric"],
)
@pytest.mark.parametrize("command", ["extract", "rules check"])
def test_bad_rule_packs_exit_2_naming_file_and_entry(tmp_path, content, message, command):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "mine.toml").write_text(content, encoding="utf-8")
    args = ["--rules", pack, "-"] if command == "extract" else ["rules", "check", pack]
    result = invoke(*args, input=SENTENCE)
    assert result.exit_code == 2
    [line] = error_lines(result)
    assert str(pack / "mine.toml") in line and message.format(file=pack / "mine.toml") in line
    assert result.stdout == ""


# --- arbitrary bytes ------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_arbitrary_bytes_never_give_a_traceback(tmp_path, raw):
    path = tmp_path / "any.txt"
    path.write_bytes(raw)
    result = invoke(path)
    assert result.exit_code in (0, 1)
    if result.exit_code == 0:
        assert grounded(jsonl(result.stdout), path)
    else:
        assert len(error_lines(result)) == 1
