"""What the speed work relies on, checked for correctness (speed itself is measured by
bench/run.py, never by timed tests): segments, merged scans and bisect lookups give exactly
what one piece, one pattern and a linear walk give."""

from __future__ import annotations

import time
from pathlib import Path

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor.engine as engine
from extractor.engine import _in_any, extract_articles, segment_bounds
from extractor.finding.scan import scan
from extractor.meaning.spans import inside, overlaps
from extractor.pack.compiled import NUMBER_PATTERN, NUMBER_STARTS, compiled
from extractor.pack.rules import default_rules

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
# Every sample in one text: digests, Chinese and English articles, GB18030 bytes read as
# UTF-8 with replacement characters.
TEXT = "\n\n".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(SAMPLES.glob("*.txt")))


def rows_with_segments(monkeypatch, size: int) -> list[dict]:
    monkeypatch.setattr(engine, "SEGMENT_CHARS", size)
    return extract_articles(TEXT, default_rules())[1]


WHOLE = None


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(min_value=2_500, max_value=len(TEXT) // 2))
def test_records_are_the_same_whatever_the_segment_size(monkeypatch, size):
    global WHOLE
    if WHOLE is None:
        WHOLE = rows_with_segments(monkeypatch, 10 * len(TEXT))
    bounds = segment_bounds(TEXT, size)
    assert len(bounds) > 1 and all(TEXT[end - 1] == "\n" for _, end in bounds[:-1])
    assert rows_with_segments(monkeypatch, size) == WHOLE


def test_segments_cover_the_text_without_a_line_break():
    text = "城镇化率达到59.22%。" * 5_000
    bounds = segment_bounds(text, 1_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(text[end - 1] == "。" and end - start <= 1_000 for start, end in bounds[:-1])


WORDS = ["one", "two hundred", "twenty-five", "a million", "an hour", "half", "the", "other", "often",
         "A", "an", "AN", "Million", "ONE", "Thirty", "someone", "tenth", "forty", "for", "x", "_", "\t",
         "5", "3.2", "2021", "million", "bn", "十四五", "三", "百分之六十", "万", "逾", "亿", "半年", "到",
         "from", "between", "by", "to", "and", "14th", "Five-Year Plan", "—", "-", "年", " ", "\n", "，", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_merged_passes_match_the_single_pattern(text):
    from extractor.finding.periods import _PERIOD_STARTS, PERIOD_BODY, PERIOD_PASSES

    c = compiled(default_rules())
    single = regex.compile(rf"(?:{'|'.join(NUMBER_STARTS)})(?:{NUMBER_PATTERN})", regex.VERBOSE)
    assert [m.span() for m in scan(c.number_passes, text, 5)] == [m.span() for m in single.finditer(text)]
    periods = regex.compile(f"(?:{'|'.join(_PERIOD_STARTS)}){PERIOD_BODY}", regex.VERBOSE)
    assert [m.span() for m in scan(PERIOD_PASSES, text, 5)] == [m.span() for m in periods.finditer(text)]


def test_a_pass_is_run_again_after_a_match_of_another():
    """"by 2025-2030": the English pass takes "by 2025", so the span 2025-2030 the other
    pass found first is dropped and that pass runs again from 2025's end."""
    from extractor.finding.periods import PERIOD_PASSES

    text = "by 2025-2030年 and 2021—2025年"
    assert [m.group() for m in scan(PERIOD_PASSES, text, 5)] == ["by 2025", "2021—2025年"]


spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 20)), max_size=30).map(
    lambda pairs: [(s, s + n) for s, n in sorted(pairs)])


def disjoint(pairs):
    out = []
    for s, e in pairs:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


@given(spans.map(disjoint), st.integers(0, 220), st.integers(0, 20))
def test_bisect_lookups_agree_with_a_walk(pairs, start, length):
    end = start + length
    assert _in_any(start, pairs) == any(s <= start < e for s, e in pairs)
    assert inside(start, end, pairs) == any(s <= start and end <= e for s, e in pairs)
    assert overlaps(start, end, pairs) == any(s < end and start < e for s, e in pairs)


def test_the_summary_says_when_workers_waited():
    from extractor.cli.running import Tally, cpu_seconds

    idle = Tally(started=time.monotonic() - 10, workers=2, cpu_started=cpu_seconds())
    assert "2 workers waited" in idle.waited(10.0) and "CPU" in idle.waited(10.0)
    busy = Tally(started=time.monotonic() - 10, workers=2, cpu_started=cpu_seconds() - 20)
    assert busy.waited(10.0) == ""


def test_word_scans_take_empty_text():
    from extractor.finding.periods import PERIOD_PASSES

    c = compiled(default_rules())
    assert list(scan(c.number_passes, "", 5)) == list(scan(PERIOD_PASSES, "", 5)) == []
