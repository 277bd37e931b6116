"""The bundled corpus: its make-up, the grounding of every gold line, and the scores.

samples/ holds articles written for this project with exhaustive gold annotations
(docs/ANNOTATION.md). The extraction must score F1 >= 0.97 overall and >= 0.93 for every
kind on them, and name the metric of >= 95% of the gold figures that carry one.
"""

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.api import extract_document
from extractor.cli import cli
from extractor.contract import FIELDS, KINDS
from extractor.evaluate import score
from extractor.reading.decoding import read_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ARTICLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
METRICS = ("urbanization_rate", "gdp", "gdp_growth", "pilot_counties", "urban_population", "plan_period")


def gold_of(article: Path) -> list[dict]:
    path = article.with_name(article.name.rsplit(".", 1)[0] + ".gold.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


GOLD = {article.name: gold_of(article) for article in ARTICLES}


def test_corpus_make_up():
    names = [a.name for a in ARTICLES]
    assert len(names) >= 40
    assert sum(n.startswith("zh-") for n in names) >= 25
    assert sum(n.startswith("zht-") for n in names) >= 5
    assert sum(n.startswith("en-") for n in names) >= 5
    assert sum(n.startswith("digest-") for n in names) >= 3
    assert sum(n.endswith(".html") for n in names) >= 2
    assert sum(read_text(a).encoding == "gb18030" for a in ARTICLES) >= 2
    lines = [g for gold in GOLD.values() for g in gold]
    assert len(lines) >= 700
    kinds = Counter(g["kind"] for g in lines)
    metrics = Counter(g["metric"] for g in lines)
    assert all(kinds[k] >= 20 for k in KINDS), kinds
    assert all(metrics[m] >= 20 for m in METRICS), metrics


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_gold_lines_are_grounded(article):
    text = read_text(article).text
    assert 300 <= len(text) <= 3000
    for line in GOLD[article.name]:
        assert line["doc"] == article.name
        assert text[line["start"]:line["end"]] == line["text"], line


@pytest.fixture(scope="module")
def scores():
    predictions = [r.model_dump(mode="json") for a in ARTICLES for r in extract_document(a).records]
    return score(predictions, [g for gold in GOLD.values() for g in gold])


def test_overall_f1(scores):
    assert scores.overall.f1 >= 0.97


@pytest.mark.parametrize("kind", KINDS)
def test_f1_per_kind(scores, kind):
    assert scores.by_kind[kind].f1 >= 0.93


def test_named_metrics_are_right(scores):
    assert scores.metric_total >= 300
    assert scores.metric_hits / scores.metric_total >= 0.95


def test_years_are_right(scores):
    assert scores.year_hits / scores.year_total >= 0.95


def test_eval_command_over_samples():
    result = CliRunner().invoke(cli, ["eval", "--gold", str(SAMPLES), "--min-f1", "0.97", "--quiet", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert "urbanization_rate" in result.output


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_engine_rows_are_valid_records(article):
    """The command line writes the engine's rows without pydantic: each must be exactly the
    dump of the record the library validates from it, with the contract's fields in order."""
    from extractor.engine import extract_articles
    from extractor.pack.rules import default_rules
    from extractor.records import make_record

    _, rows = extract_articles(read_text(article).text, default_rules(), doc=article.name)
    assert rows
    for row in rows:
        assert tuple(row) == FIELDS
        assert make_record(row).model_dump(mode="json") == row
