"""Shared helpers of the CLI tests: sample texts and running `python -m extractor` for real."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: The contract's canonical sentence: one urbanization rate of 59.22% (and a change in pp).
SENTENCE = "2024年末，全省常住人口城镇化率达到59.22%，比上年提高0.9个百分点。\n"
#: A second sentence, to tell files apart in a batch.
SENTENCE_2 = "到2025年，全市常住人口城镇化率达到65%。\n"
#: A user's metric rule file (green coverage); its example expects the value VALUE.
GREEN_METRIC = """
[metric]
name = "green_coverage"
kinds = ["percentage"]
[metric.keywords]
zh = ["绿化覆盖率"]
"""
GREEN_METRIC_WITH_EXAMPLE = GREEN_METRIC + """
[[examples]]
text = "建成区绿化覆盖率达到43.5%。"
expect = [{kind = "percentage", metric = "green_coverage", value = VALUE}]
"""


def cli_env(**extra: str) -> dict:
    """The environment of a subprocess: the checkout importable even when not installed."""
    env = {**os.environ, **extra}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    env.pop("NO_COLOR", None)
    return env


def run_cli(*args: str, input: bytes | None = None, cwd=None, timeout: float = 300, **env: str):
    """Run `python -m extractor ARGS` and return the CompletedProcess (bytes stdout/stderr)."""
    return subprocess.run(
        [sys.executable, "-m", "extractor", *map(str, args)],
        input=input,
        capture_output=True,
        cwd=cwd,
        env=cli_env(**env),
        timeout=timeout,
    )


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def has_value(rows: list[dict], value: float, kind: str = "percentage") -> bool:
    """True when some record of `kind` has `value` (the contract's relative tolerance)."""
    return any(
        row["kind"] == kind and row["value"] is not None and abs(row["value"] - value) <= 1e-6 * abs(value)
        for row in rows
    )
