"""Scoring against gold: the contract's matching rules as a table of cases, then the report."""

from __future__ import annotations

import json

import pytest

from extractor.errors import InputError
from extractor.evaluate import (
    Gold,
    format_errors,
    format_report,
    load_gold,
    match,
    region_agrees,
    report_json,
    restrict,
    score,
)


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
        ('{"doc": "a.txt", "kind": "count", "start": 0, "end": 2, "year": "2024"}', "line 2: year must be an integer"),
        ('{"doc": "a.txt", "kind": "count", "start": 0, "end": 2, "target": 1}', "line 2: target must be true or false"),
        ('{"doc": "a.txt", "kind": "count", "start": 0, "end": 2, "change": null}', "line 2: change must be true or false"),
        ('{"doc": "a.txt", "kind": "count", "start": 0, "end": 2, "region": ["河南"]}', "line 2: region must be a string"),
        ('{"doc": "a.txt", "kind": "count", "start": 0, "end": 2, "region_alt": "河南省"}', "line 2: region_alt must be a list"),
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


# --- contract v2 scores: named metric, target, change, region, year exactness ---------------------

# (id, predictions, gold, (precision right, total), (recall right, total))
NAMED_METRIC = [
    ("named and right", [rec(0, 6, metric="urbanization_rate")], [rec(0, 6, metric="urbanization_rate")], (1, 1), (1, 1)),
    ("named and wrong", [rec(0, 6, metric="gdp_growth")], [rec(0, 6, metric="urbanization_rate")], (0, 1), (0, 1)),
    ("named where gold is not", [rec(0, 6, metric="urbanization_rate")], [rec(0, 6)], (0, 1), (0, 0)),
    ("unnamed where gold is named", [rec(0, 6)], [rec(0, 6, metric="urbanization_rate")], (0, 0), (0, 1)),
    ("neither named", [rec(0, 6)], [rec(0, 6)], (0, 0), (0, 0)),
    ("named gold missed", [], [rec(0, 6, metric="urbanization_rate")], (0, 0), (0, 1)),
    ("named false positive", [rec(0, 6, metric="urbanization_rate")], [], (0, 0), (0, 0)),
    (
        "optional gold is left out",
        [rec(0, 6, metric="gdp_growth")],
        [rec(0, 6, metric="urbanization_rate", optional=True), rec(9, 12, metric="gdp_growth", optional=True)],
        (0, 0),
        (0, 0),
    ),
    (
        "mixed",
        [rec(0, 6, metric="urbanization_rate"), rec(10, 16, metric="gdp_growth"), rec(20, 26)],
        [rec(0, 6, metric="urbanization_rate"), rec(10, 16), rec(20, 26, metric="gdp_growth"), rec(30, 36, metric="gdp_growth")],
        (1, 2),
        (1, 3),
    ),
]


@pytest.mark.parametrize("predictions, gold, precision, recall", [c[1:] for c in NAMED_METRIC], ids=[c[0] for c in NAMED_METRIC])
def test_named_metric_precision_and_recall(predictions, gold, precision, recall):
    scores = score(predictions, gold)
    assert (scores.named_precision.right, scores.named_precision.total) == precision
    assert (scores.named_recall.right, scores.named_recall.total) == recall


# (id, predicted values, gold values (None: the gold leaves the field out), (right, total, tp, fp, fn))
BINARY = [
    ("all right", [True, False, False], [True, False, False], (3, 3, 1, 0, 0)),
    ("a target missed", [False, False], [True, False], (1, 2, 0, 0, 1)),
    ("a false target", [True, True], [True, False], (1, 2, 1, 1, 0)),
    ("no positives at all", [False, False], [False, False], (2, 2, 0, 0, 0)),
    ("gold leaves it out", [True, False], [None, None], (0, 0, 0, 0, 0)),
    ("some gold leaves it out", [True, True], [None, True], (1, 1, 1, 0, 0)),
    ("absent in the prediction is not false", [None], [False], (0, 1, 0, 0, 0)),
]


@pytest.mark.parametrize("name", ["target", "change"])
@pytest.mark.parametrize("predicted, gold_values, expected", [c[1:] for c in BINARY], ids=[c[0] for c in BINARY])
def test_target_and_change_accuracy_and_f1(name, predicted, gold_values, expected):
    def lines(values):
        return [rec(10 * i, 10 * i + 6, **({} if v is None else {name: v})) for i, v in enumerate(values)]

    agreement = score(lines(predicted), lines(gold_values)).fields[name].overall
    right, total, tp, fp, fn = expected
    assert (agreement.right, agreement.total, agreement.tp, agreement.fp, agreement.fn) == expected
    assert agreement.accuracy == (right / total if total else None)
    assert agreement.f1 == (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None)


def test_target_and_change_are_scored_apart():
    predictions = [rec(0, 6, target=True, change=False)]
    gold = [rec(0, 6, target=True, change=True)]
    scores = score(predictions, gold)
    assert scores.fields["target"].overall.accuracy == 1.0 and scores.fields["change"].overall.accuracy == 0.0
    assert scores.fields["target"].overall.f1 == 1.0 and scores.fields["change"].overall.f1 == 0.0


# (id, predicted region, gold region, gold region_alt, right)
REGION = [
    ("same", "河南省", "河南省", [], True),
    ("other spelling", "河南", "河南省", ["河南", "Henan"], True),
    ("not among the spellings", "河北", "河南省", ["河南"], False),
    ("trimmed", " 河南省\u3000", "河南省", [], True),
    ("ASCII case", "HENAN province", "Henan Province", [], True),
    ("ASCII case of a spelling", "china", "全国", ["China"], True),
    ("full-width letters keep their case", "ＨＥＮＡＮ", "ｈｅｎａｎ", [], False),
    ("both null", None, None, [], True),
    ("blank is null", "  ", None, [], True),
    ("gold null, predicted a place", "河南", None, [], False),
    ("gold a place, predicted null", None, "河南", ["河南省"], False),
]


@pytest.mark.parametrize("predicted, region, alt, right", [c[1:] for c in REGION], ids=[c[0] for c in REGION])
def test_region_accuracy(predicted, region, alt, right):
    gold = rec(0, 6, region=region, region_alt=alt)
    assert region_agrees(predicted, gold) is right
    agreement = score([rec(0, 6, region=predicted)], [gold]).fields["region"].overall
    assert (agreement.right, agreement.total) == (int(right), 1)


def test_region_is_scored_only_where_the_gold_has_it():
    predictions = [rec(0, 6, region="河南"), rec(10, 16, region="河南")]
    gold = [rec(0, 6, region="河南"), rec(10, 16)]  # the second gold line has no region key
    agreement = score(predictions, gold).fields["region"].overall
    assert (agreement.right, agreement.total) == (1, 1)


# (id, prediction, gold, (right, total))
YEAR_EXACT = [
    ("same year", rec(0, 6, year=2024), rec(0, 6, year=2024), (1, 1)),
    ("other year", rec(0, 6, year=2023), rec(0, 6, year=2024), (0, 1)),
    ("null is a year", rec(0, 6, year=None), rec(0, 6, year=None), (1, 1)),
    ("null where gold has one", rec(0, 6, year=None), rec(0, 6, year=2024), (0, 1)),
    ("a year where gold has null", rec(0, 6, year=2024), rec(0, 6, year=None), (0, 1)),
    ("gold without a year key", rec(0, 6, year=2024), rec(0, 6), (0, 0)),
    ("periods aside", {**period(0, 3, 2021, 2025), "year": 2021}, {**period(0, 3, 2021, 2025), "year": None}, (0, 0)),
    ("optional gold aside", rec(0, 6, year=2023), rec(0, 6, year=2024, optional=True), (0, 0)),
]


@pytest.mark.parametrize("prediction, gold, expected", [c[1:] for c in YEAR_EXACT], ids=[c[0] for c in YEAR_EXACT])
def test_year_exactness(prediction, gold, expected):
    agreement = score([prediction], [gold]).fields["year"].overall
    assert (agreement.right, agreement.total) == expected


def test_region_and_year_per_kind():
    predictions = [
        rec(0, 6, year=2024, region="河南"),
        rec(10, 13, value=5, kind="count", year=2020, region="河北"),
        rec(20, 23, value=7, kind="count", year=2024, region="河南"),
    ]
    gold = [
        rec(0, 6, year=2024, region="河南"),
        rec(10, 13, value=5, kind="count", year=2024, region="河南"),
        rec(20, 23, value=7, kind="count", year=2024, region="河南"),
    ]
    scores = score(predictions, gold)
    year, region = scores.fields["year"], scores.fields["region"]
    assert (year.overall.right, year.overall.total) == (region.overall.right, region.overall.total) == (2, 3)
    assert year.by_kind["percentage"].accuracy == region.by_kind["percentage"].accuracy == 1.0
    assert year.by_kind["count"].accuracy == region.by_kind["count"].accuracy == 0.5


def test_wrong_fields_of_matched_figures_are_listed():
    predictions = [rec(0, 6, metric="percentage", year=2023, region="河北", target=False, change=True)]
    gold = [rec(0, 6, metric="urbanization_rate", year=2024, region="河南", region_alt=["河南省"], target=True,
                change=True)]
    scores = score(predictions, gold)
    assert [(w["field"], w["gold"], w["predicted"]) for w in scores.wrong] == [
        ("metric", "urbanization_rate", "percentage"),
        ("target", True, False),
        ("region", ["河南", "河南省"], "河北"),
        ("year", 2024, 2023),
    ]
    errors = format_errors(scores).splitlines()
    assert errors[-5] == "wrong fields of matched figures (4; field: gold vs predicted):"
    assert errors[-4:] == [
        "  a.txt  [0:6]  xxxxxx  metric: urbanization_rate vs percentage",
        "  a.txt  [0:6]  xxxxxx  year: 2024 vs 2023",
        "  a.txt  [0:6]  xxxxxx  region: 河南 (or 河南省) vs 河北",
        "  a.txt  [0:6]  xxxxxx  target: true vs false",
    ]
    right = score(gold, gold)
    assert right.wrong == [] and format_errors(right).splitlines()[-1].startswith("wrong fields of matched figures (0")


def v2_case():
    predictions = [
        rec(0, 6, metric="urbanization_rate", year=2024, region="Henan", target=True, change=False),
        rec(10, 16, metric="gdp_growth", year=2023, region=None, target=False, change=True),
        rec(20, 23, value=5, kind="count", year=None, region="河南", target=False, change=False),
    ]
    gold = [
        rec(0, 6, metric="urbanization_rate", year=2024, region="河南", region_alt=["Henan"], target=True, change=False),
        rec(10, 16, metric="gdp_growth", year=2024, region=None, target=False, change=False),
        rec(20, 23, value=5, kind="count", year=None, region="河南", target=False, change=False),
        period(30, 33, 2021, 2025),
    ]
    return score(predictions, gold)


def test_report_block_of_v2_scores():
    report = format_report(v2_case()).splitlines()
    assert "named metric     precision 1.000 (2 of 2)  recall 0.667 (2 of 3)" in report
    assert "target           accuracy 1.000 (3 of 3)  F1 1.000 (tp 1, fp 0, fn 0)" in report
    assert "change           accuracy 0.667 (2 of 3)  F1 0.000 (tp 0, fp 1, fn 0)" in report
    assert "region accuracy  1.000 (3 of 3 matched with a gold region)" in report
    assert "year exact       0.667 (2 of 3 matched, periods aside)" in report
    grid = report[report.index(next(line for line in report if line.startswith("per kind"))):]
    assert [line.split() for line in grid] == [
        ["per", "kind", "count", "percentage"],
        ["region", "1.000", "1.000"],
        ["year", "exact", "1.000", "0.500"],
    ]


def test_report_json_has_every_score_under_stable_keys():
    report = report_json(v2_case(), notes=["b.txt: no gold"])
    assert list(report) == [
        "overall", "by_kind", "by_metric", "year_accuracy", "metric_accuracy", "named_metric",
        "target", "change", "region", "year_exact", "notes",
    ]
    assert report["overall"] == {"gold": 4, "predicted": 3, "matched": 3, "precision": 1.0, "recall": 0.75,
                                 "f1": pytest.approx(6 / 7)}
    assert report["named_metric"]["recall"] == {"accuracy": pytest.approx(2 / 3), "right": 2, "total": 3}
    assert report["change"] == {
        "accuracy": pytest.approx(2 / 3), "right": 2, "total": 3, "f1": 0.0, "tp": 0, "fp": 1, "fn": 0,
        "by_kind": {
            "count": {"accuracy": 1.0, "right": 1, "total": 1, "f1": None, "tp": 0, "fp": 0, "fn": 0},
            "percentage": {"accuracy": 0.5, "right": 1, "total": 2, "f1": 0.0, "tp": 0, "fp": 1, "fn": 0},
        },
    }
    assert report["year_exact"]["by_kind"]["percentage"] == {"accuracy": 0.5, "right": 1, "total": 2}
    assert report["region"]["accuracy"] == 1.0 and "f1" not in report["region"]
    assert report["notes"] == ["b.txt: no gold"]
    json.dumps(report)  # JSON-ready as it is
    errors = report_json(v2_case(), errors=True)["errors"]
    assert [g["text"] for g in errors["missed"]] == ["十四五"] and errors["false_positives"] == []
    assert [(w["field"], w["gold"], w["predicted"]) for w in errors["wrong"]] == [("year", 2024, 2023), ("change", False, True)]


def test_table_keeps_its_columns_with_wide_growth_metric_names():
    predictions = [rec(0, 6, metric="rural_disposable_income_growth"), rec(10, 16, metric="gdp_growth")]
    gold = [rec(0, 6, metric="rural_disposable_income_growth"), rec(10, 16, metric="gdp_growth")]
    report = format_report(score(predictions, gold)).splitlines()
    table = report[: report.index("")]
    assert "metric rural_disposable_income_growth" in "\n".join(table)
    assert len({len(line) for line in table}) == 1  # every row ends under the f1 column
    assert {line.index("1.000") + 5 for line in table[1:]} == {table[0].index("precision") + 9}
