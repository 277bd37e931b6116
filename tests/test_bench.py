"""Smoke test of the speed benchmark (bench/run.py): it runs, and its JSON has what the table needs.

Only the cheap sections at --quick sizes (a quarter MiB of text, 3 cold starts, a 100-file
batch, 20 vs 200 files for memory), so the whole test takes about 10-15 s. The numbers are
not checked against the targets here: rates depend on the machine and on its load, and
the benchmark itself prints PASS/FAIL. The peers are never needed (they are an optional extra).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench" / "run.py"


@pytest.fixture(scope="module")
def report() -> dict:
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", "--only", "floor,library,jieba,cold,batch,memory"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_meta_describes_the_text(report):
    meta = report["meta"]
    assert meta["quick"] is True
    assert meta["chars"] > 0 and meta["bytes"] >= 0.25 * 1024 * 1024
    assert meta["articles"] >= meta["samples"] > 0


def test_rates_are_positive(report):
    results = report["results"]
    for section in ("floor", "library", "jieba"):
        assert "error" not in results[section], results[section]
        assert results[section]["chars_per_s"] > 0, section
        assert results[section]["chars"] > 0, section
    assert results["library"]["records"] > 0
    assert results["library"]["load_s"] > 0
    assert results["jieba"]["load_s"] > 0
    # The floor only finds numbers; anything that extracts them must be slower.
    assert results["floor"]["chars_per_s"] > results["library"]["chars_per_s"]


def test_cold_start(report):
    cold = report["results"]["cold"]
    assert "error" not in cold, cold
    assert cold["runs"] == 3 and cold["records"] > 0
    assert 1500 <= cold["article_chars"] <= 2500
    for name in ("cli_extract", "jieba_naive", "cli_help", "cli_version", "python_bare"):
        assert cold["median_s"][name] > 0, name
        assert len(cold["all_s"][name]) == 3, name
    assert cold["ratio"] > 0


def test_batch_and_memory(report):
    batch = report["results"]["batch"]
    assert "error" not in batch, batch
    assert batch["files"] == 100 and batch["records"] > 0
    assert batch["jobs1_s"] > 0 and batch["jobs2_s"] > 0 and batch["speedup"] > 0
    assert batch["identical"] is True
    memory = report["results"]["memory"]
    if "skipped" in memory:
        pytest.skip(memory["skipped"])
    assert "error" not in memory, memory
    assert memory["small_peak_rss_bytes"] > 0 and memory["large_peak_rss_bytes"] > 0
    assert memory["ratio"] > 0


def test_targets_are_judged(report):
    names = {t["name"] for t in report["targets"]}
    assert names == {
        "library throughput",
        "library vs jieba.lcut",
        "cold start vs naive jieba",
        "--jobs 2 speed-up",
        "--jobs 1 and 2 outputs identical",
        "memory large/small",
    }
    assert all(isinstance(t["pass"], bool) for t in report["targets"])


@pytest.fixture(scope="module")
def report_16() -> dict:
    """The sections of issue 16 at --quick sizes: english, --seed, --big and --compare HEAD."""
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", "--only", "seed,english,big,compare",
         "--seed", str(REPO / "samples"), "--compare", "HEAD"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_english_big_and_compare(report_16):
    results = report_16["results"]
    english = results["english"]
    assert english["en"]["figures"] > 0 and english["zh"]["figures"] > 0 and english["cost_ratio"] > 0
    assert results["seed"]["chars_per_s"] > 0
    for name, big in results["big"]["inputs"].items():
        # the same text as one file and as many: the same records, but where a cut between
        # files falls inside an article of a digest (its headline is then in the other file)
        assert big["files"] == 50 and big["single"]["records"] > 0, name
        assert abs(big["single"]["records"] - big["folder"]["records"]) <= big["files"], name
        assert big["single"]["peak_rss_bytes"] > 0 and big["speed_ratio"] > 0
    compare = results["compare"]
    assert compare["texts"]["text"]["records"]["ref"] > 0 and compare["texts"]["text"]["ratio"] > 0
    assert set(compare["texts"]) == {"text", "seed"}
