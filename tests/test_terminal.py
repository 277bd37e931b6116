"""The terminal table at real widths: values never cut, the less important columns dropped
first, marks for qualifier, target and change, one table per file under its name; and the
progress bar gone before records print (a real pseudo-terminal)."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys

import pytest
from cli_support import REPO, cli_env

from extractor.writing.terminal import TableWriter, console


def row(**fields) -> dict:
    base = {"doc": "nj.txt", "kind": "money", "metric": "gdp", "value": 5400000000000, "unit": "CNY",
            "qualifier": None, "target": False, "change": False, "year": 2024, "start_year": None, "end_year": None,
            "subject": "南京都市圈地区生产总值", "region": "南京都市圈", "text": "5.4万亿元", "start": 120, "end": 126}
    base.update(fields)
    return base


ROWS = [
    row(qualifier="over"),
    row(kind="percentage", metric="urbanization_rate", value=59.22, unit="%", target=True, year=2030,
        subject="常住人口城镇化率", text="59.22%"),
    row(kind="population", metric="resident_population_growth", value=180000, unit="person", change=True,
        subject="常住人口", text="18万人"),
]


def render(rows, width: int) -> str:
    out = console(width=width, record=True, file=open(os.devnull, "w"), color_system=None)
    TableWriter("<stdout>", out).write(rows)
    return out.export_text()


def header(text: str) -> list[str]:
    return next(line for line in text.splitlines() if "metric" in line).split()


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_values_are_never_cut(width):
    text = render(ROWS, width)
    assert "5,400,000,000,000" in text and "59.22" in text and "180,000" in text
    assert "→2030" in text and "2030" in text.replace("→2030", "")
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= width


def test_less_important_columns_go_first():
    assert header(render(ROWS, 160)) == ["kind", "metric", "value", "unit", "±", "year", "region", "subject", "text",
                                         "span"]
    assert "subject" not in header(render(ROWS, 100))
    narrow = header(render(ROWS, 80))
    assert "subject" not in narrow and "span" not in narrow
    assert {"metric", "value", "unit", "±", "year"} <= set(header(render(ROWS, 60)))  # metric wraps instead


def test_qualifier_target_and_change_are_visible():
    text = render(ROWS, 80)
    lines = text.splitlines()
    assert any("5,400,000,000,000" in line and " > " in line for line in lines)
    assert any("59.22" in line and "→2030" in line for line in lines)
    assert any("180,000" in line and "Δ" in line for line in lines)
    assert "> over" in text and "→ target" in text and "Δ change" in text


def test_one_table_per_file_under_its_name():
    out = console(width=100, record=True, file=open(os.devnull, "w"), color_system=None)
    writer = TableWriter("<stdout>", out)
    writer.write([row(doc="a.txt")])
    writer.write([row(doc="b.txt")])
    text = out.export_text()
    assert text.index("a.txt") < text.index("b.txt")
    assert [line.strip() for line in text.splitlines() if line.strip().endswith(".txt")] == ["a.txt", "b.txt"]


def run_in_pty(args, columns: int = 80, rows: int = 40) -> str:
    """Run the CLI with stdout and stderr on a pseudo-terminal of `columns`; what it wrote."""
    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = cli_env(COLUMNS=str(columns), LINES=str(rows), TERM="xterm")
    proc = subprocess.Popen([sys.executable, "-m", "extractor", *map(str, args)], stdin=subprocess.DEVNULL,
                            stdout=follower, stderr=follower, env=env, cwd=REPO)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def screen(raw: str) -> list[str]:
    """The lines left on a terminal after `raw`: carriage returns, cursor-up and erase-line
    are followed (what rich's progress bar uses to redraw and remove itself)."""
    lines, row = [""], 0
    for token in re.findall(r"\r\n|\n|\r|\x1b\[[0-9;?]*[A-Za-z]|[^\r\n\x1b]+", raw):
        if token in ("\r\n", "\n"):
            row += 1
            if row == len(lines):
                lines.append("")
        elif token == "\r":
            continue  # every redraw here erases the line first (ESC [2K)
        elif token.startswith("\x1b["):
            if token.endswith("A"):
                row = max(0, row - int(token[2:-1] or 1))
            elif token == "\x1b[2K":
                lines[row] = ""
        else:
            lines[row] += token
    return [line.rstrip() for line in lines]


def test_on_a_real_80_column_terminal(tmp_path):
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text("2024年末，全省地区生产总值超过5.4万亿元，城镇化率达到59.22%。\n" * 3,
                                           encoding="utf-8")
    raw = run_in_pty([tmp_path, "-f", "table"], columns=80)
    assert "5,400,000,000,000" in raw and "5,400…" not in raw
    lines = screen(raw)
    assert all(len(line) <= 80 for line in lines), [line for line in lines if len(line) > 80]
    titles = [line.strip() for line in lines if line.strip().endswith(".txt")]
    assert titles == [str(tmp_path / f"{i}.txt") for i in range(6)]
    assert not any("extracting" in line for line in lines)  # no stale progress bar left between tables
