"""Scoring against gold: the contract's matching rules as a table of cases, then the report."""

from __future__ import annotations

import json

import pytest

from extractor.errors import InputError
from extractor.evaluate import Gold, format_errors, format_report, load_gold, match, restrict, score


def rec(start, end, value=59.22, kind="percentage", metric=None, doc="a.txt", **extra):
    return {"doc": doc, "kind": kind, "metric": metric or kind, "value": value, "start": start, "end": end,
            "text": "x" * (end - start), **extra}


def period(start, end, start_year, end_year, doc="a.txt"):
    return {"doc": doc, "kind": "period", "metric": "plan_period", "value": None, "start_year": start_year,
            "end_year": end_year, "start": start, "end": end, "text": "十四五"}


# (id, predictions, gold, expected pairs (prediction index, gold index))
MATCHING = [
    ("exact", [rec(0, 6)], [rec(0, 6)], [(0, 0)]),
    ("spans overlap partly", [rec(0, 4)], [rec(2, 6)], [(0, 0)]),
    ("spans only touch", [rec(0, 3)], [rec(3, 6)], []),
    ("value within 1e-6", [rec(0, 6, value=100.00005)], [rec(0, 6, value=100.0)], [(0, 0)]),
    ("value beyond 1e-6", [rec(0, 6, value=100.001)], [rec(0, 6, value=100.0)], []),
    ("zero equals zero", [rec(0, 6, value=0)], [rec(0, 6, value=0.0)], [(0, 0)]),
    ("kind differs", [rec(0, 6, kind="count")], [rec(0, 6)], []),
    ("period years agree", [period(0, 3, 2021, 2025)], [period(0, 3, 2021, 2025)], [(0, 0)]),
    ("period years differ", [period(0, 3, 2021, 2035)], [period(0, 3, 2021, 2025)], []),
    ("target period, open start", [period(0, 3, None, 2035)], [period(0, 5, None, 2035)], [(0, 0)]),
    ("one prediction, one gold line", [rec(0, 10)], [rec(0, 5), rec(5, 10)], [(0, 0)]),
    ("one gold line, one prediction", [rec(0, 5), rec(3, 8)], [rec(0, 8)], [(0, 0)]),
    (
        "same metric is paired first",
        [rec(0, 6, metric="percentage"), rec(0, 6, metric="urbanization_rate")],
        [rec(0, 6, metric="urbanization_rate")],
        [(1, 0)],
    ),
    ("larger overlap is paired first", [rec(0, 2), rec(0, 6)], [rec(0, 6)], [(1, 0)]),
    (
        "required gold before optional",
        [rec(0, 6)],
        [rec(0, 6, optional=True), rec(2, 6)],
        [(0, 1)],
    ),
]


@pytest.mark.parametrize("predictions, gold, pairs", [case[1:] for case in MATCHING], ids=[c[0] for c in MATCHING])
def test_matching(predictions, gold, pairs):
    assert match(predictions, gold) == pairs
    assert score(predictions, gold).overall.tp == len(pairs)


def test_docs_are_compared_by_file_name():
    assert score([rec(0, 6, doc="samples/a.txt")], [rec(0, 6, doc="a.txt")]).overall.tp == 1
    assert score([rec(0, 6, doc="C:\\gold\\a.txt")], [rec(0, 6, doc="a.txt")]).overall.tp == 1


def test_doc_names_must_agree():
    scores = score([rec(0, 6, doc="b.txt")], [rec(0, 6, doc="a.txt")])
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (0, 1, 1)


def test_optional_gold_is_left_out_of_precision_and_recall():
    predictions = [rec(0, 6), rec(10, 12, value=3, kind="count")]
    gold = [rec(0, 6), rec(10, 12, value=3, kind="count", optional=True), rec(20, 22, value=5, kind="count", optional=True)]
    tally = score(predictions, gold).overall
    assert (tally.tp, tally.fp, tally.fn) == (1, 0, 0)
    assert tally.precision == tally.recall == tally.f1 == 1.0


def test_precision_recall_f1():
    predictions = [rec(0, 6), rec(10, 16, value=1.0), rec(30, 33, value=7, kind="count")]
    gold = [rec(0, 6), rec(10, 16, value=1.0), rec(20, 26, value=2.0), rec(40, 44, value=9, kind="count")]
    tally = score(predictions, gold).overall
    assert (tally.tp, tally.fp, tally.fn) == (2, 1, 2)
    assert tally.precision == pytest.approx(2 / 3)
    assert tally.recall == pytest.approx(2 / 4)
    assert tally.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_undefined_ratios_are_none():
    empty = score([], []).overall
    assert empty.precision is None and empty.recall is None and empty.f1 is None
    only_gold = score([], [rec(0, 6)]).overall
    assert only_gold.precision is None and only_gold.recall == 0.0 and only_gold.f1 == 0.0


def test_per_kind_and_per_metric_rows():
    predictions = [
        rec(0, 6, metric="percentage"),  # matches gold urbanization_rate, but names the wrong metric
        rec(10, 13, value=20, kind="count", metric="pilot_counties"),  # false positive
    ]
    gold = [rec(0, 6, metric="urbanization_rate"), rec(20, 26, value=5.0, metric="gdp_growth")]
    scores = score(predictions, gold)
    assert scores.by_kind["percentage"].tp == 1 and scores.by_kind["percentage"].fn == 1
    assert scores.by_kind["count"].fp == 1
    # The kind row counts the match; the metric rows count a miss of the gold metric and a
    # false positive of the predicted one.
    assert (scores.by_metric["urbanization_rate"].tp, scores.by_metric["urbanization_rate"].fn) == (0, 1)
    assert scores.by_metric["percentage"].fp == 1
    assert scores.by_metric["gdp_growth"].fn == 1
    assert scores.by_metric["pilot_counties"].fp == 1


def test_a_match_with_the_right_metric_counts_under_it():
    scores = score([rec(0, 6, metric="urbanization_rate")], [rec(0, 6, metric="urbanization_rate")])
    assert (scores.by_metric["urbanization_rate"].tp, scores.by_metric["urbanization_rate"].fp) == (1, 0)


def test_year_accuracy_counts_null_as_a_year():
    predictions = [rec(0, 6, year=2024), rec(10, 16, year=None), rec(20, 26, year=2020), rec(30, 36, year=2024)]
    gold = [rec(0, 6, year=2024), rec(10, 16, year=None), rec(20, 26, year=None), rec(30, 36, year=2024, optional=True)]
    scores = score(predictions, gold)
    assert (scores.year_hits, scores.year_total) == (2, 3)


def test_metric_accuracy_is_over_named_gold_metrics():
    predictions = [rec(0, 6, metric="urbanization_rate"), rec(10, 16, metric="percentage"), rec(20, 26)]
    gold = [rec(0, 6, metric="urbanization_rate"), rec(10, 16, metric="gdp_growth"), rec(20, 26)]
    scores = score(predictions, gold)
    assert (scores.metric_hits, scores.metric_total) == (1, 2)
    assert scores.metric_accuracy == 0.5


def test_load_gold_from_files_and_directories(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.gold.jsonl").write_text(json.dumps(rec(0, 6)) + "\n\n", encoding="utf-8")
    (tmp_path / "sub" / "quiet.gold.jsonl").write_text("", encoding="utf-8")  # a text with no figure
    (tmp_path / "notes.jsonl").write_text("not gold", encoding="utf-8")
    gold = load_gold([tmp_path])
    assert len(gold.lines) == 1
    assert gold.covers("a.txt") and gold.covers("x/quiet.txt") and gold.covers("quiet.html")
    assert not gold.covers("other.txt")
    single = tmp_path / "all.jsonl"
    single.write_text("\ufeff" + json.dumps(rec(0, 6, doc="z.txt")) + "\n", encoding="utf-8")
    assert load_gold([single]).covers("z.txt")


@pytest.mark.parametrize(
    "line, problem",
    [
        ("{not json", "line 2: not JSON"),
        ('{"doc": "a.txt", "kind": "count", "start": 0}', "line 2: missing 'end'"),
        ('{"doc": "a.txt", "kind": "count", "start": 0, "end": 2, "value": "3"}', "line 2: value must be a number"),
        ("[1, 2]", "line 2: not a JSON object"),
    ],
)
def test_malformed_gold_names_file_and_line(tmp_path, line, problem):
    path = tmp_path / "bad.gold.jsonl"
    path.write_text(json.dumps(rec(0, 6)) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_gold([path])
    assert caught.value.path == str(path) and problem in caught.value.reason


def test_gold_directory_without_gold_files(tmp_path):
    with pytest.raises(InputError, match="no \\*.gold.jsonl"):
        load_gold([tmp_path])


def test_restrict_scores_only_what_both_sides_cover():
    gold = Gold(lines=[rec(0, 6, doc="a.txt"), rec(0, 6, doc="b.txt")], docs={"a.txt", "b.txt"})
    predictions = [rec(0, 6, doc="in/a.txt"), rec(0, 6, doc="in/c.txt")]
    kept, gold_lines, notes = restrict(predictions, gold, ["in/a.txt", "in/c.txt"])
    assert kept == predictions[:1]
    assert gold_lines == gold.lines[:1]
    assert notes == [
        "c.txt: no gold; its 1 predictions are not scored",
        "b.txt: not among the inputs; its 1 gold lines are not scored",
    ]


def test_report_and_errors():
    predictions = [rec(0, 6, metric="urbanization_rate", year=2024), rec(30, 33, value=7, kind="count")]
    gold = [rec(0, 6, metric="urbanization_rate", year=2024), period(10, 13, 2021, 2025)]
    scores = score(predictions, gold)
    report = format_report(scores).splitlines()
    assert report[0].split() == ["gold", "pred", "match", "precision", "recall", "f1"]
    assert report[1].split() == ["all", "2", "2", "1", "0.500", "0.500", "0.500"]
    assert "kind period" in format_report(scores) and "metric urbanization_rate" in format_report(scores)
    assert "year accuracy    1.000  (1 of 1 matched)" in report
    errors = format_errors(scores).splitlines()
    assert errors[0] == "missed (1):"
    assert errors[1].split() == ["a.txt", "period", "plan_period", "2021–2025", "[10:13]", "十四五"]
    assert errors[2] == "false positives (1):"
    assert errors[3].split() == ["a.txt", "count", "count", "7", "[30:33]", "xxx"]
