"""The bundled corpus: its make-up, the grounding of every gold line, and the scores.

samples/ holds articles written for this project with exhaustive gold annotations in
contract v2 (docs/ANNOTATION.md): metric, target, change, year and region on every line.
The thresholds below are what the extraction reaches today, a little under the measured
values, so that a regression fails CI; README ("Accuracy") gives the measured numbers and
the issues' goals where they are higher.
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
#: The named metrics of contract v2 (CONTRACT.md, "Named metrics"), growth rates aside.
CATALOG_V2 = (
    "urbanization_rate", "hukou_urbanization_rate", "urban_population", "migrant_settlement",
    "resident_population", "gdp", "gdp_growth", "gdp_per_capita", "fiscal_revenue", "fixed_asset_investment",
    "retail_sales", "disposable_income", "urban_disposable_income", "rural_disposable_income", "new_urban_jobs",
    "urban_unemployment_rate", "pilot_counties", "metropolitan_areas", "rail_length", "commute_time", "plan_period",
)


def gold_of(article: Path) -> list[dict]:
    path = article.with_name(article.name.rsplit(".", 1)[0] + ".gold.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


GOLD = {article.name: gold_of(article) for article in ARTICLES}


def test_corpus_make_up():
    names = [a.name for a in ARTICLES]
    assert len(names) >= 72  # 44 of v1, 16 in the styles of reports, bulletins and plans, 12 of real-text classes
    assert sum(n.startswith("zh-") for n in names) >= 40
    assert sum(n.startswith("zht-") for n in names) >= 7
    assert sum(n.startswith("en-") for n in names) >= 9
    assert sum(n.startswith("digest-") for n in names) >= 3
    assert sum(n.endswith(".html") for n in names) >= 2
    assert sum(read_text(a).encoding == "gb18030" for a in ARTICLES) >= 2
    lines = [g for gold in GOLD.values() for g in gold]
    assert len(lines) >= 700
    required = [g for g in lines if not g.get("optional")]
    kinds = Counter(g["kind"] for g in lines)
    metrics = Counter(g["metric"] for g in required)
    assert all(kinds[k] >= 20 for k in KINDS), kinds
    assert all(metrics[m] >= 8 for m in CATALOG_V2), {m: metrics[m] for m in CATALOG_V2}
    assert sum(g["target"] for g in required) >= 120 and sum(g["change"] for g in required) >= 120


def test_gold_lines_are_contract_v2():
    for article, lines in GOLD.items():
        for line in lines:
            assert isinstance(line["target"], bool) and isinstance(line["change"], bool), (article, line)
            assert "region" in line and isinstance(line.get("region_alt", []), list), (article, line)
            if line["kind"] == "period":
                assert not line["target"] and not line["change"], (article, line)


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


#: Floors under today's scores (the eval example in README shows the measured values).
FLOORS = {"f1": 0.98, "kind_f1": 0.97, "named_precision": 0.95, "named_recall": 0.95, "target_f1": 0.95,
          "change_f1": 0.95, "year_exact": 0.97, "region": 0.95}


def test_overall_f1(scores):
    assert scores.overall.f1 >= FLOORS["f1"]


@pytest.mark.parametrize("kind", KINDS)
def test_f1_per_kind(scores, kind):
    assert scores.by_kind[kind].f1 >= FLOORS["kind_f1"]


def test_named_metrics_are_right(scores):
    assert scores.named_recall.total >= 1200
    assert scores.named_precision.accuracy >= FLOORS["named_precision"]
    assert scores.named_recall.accuracy >= FLOORS["named_recall"]


def test_targets_and_changes_are_right(scores):
    assert scores.fields["target"].overall.tp >= 300 and scores.fields["change"].overall.tp >= 300
    assert scores.fields["target"].overall.f1 >= FLOORS["target_f1"]
    assert scores.fields["change"].overall.f1 >= FLOORS["change_f1"]


def test_years_and_regions_are_right(scores):
    assert scores.fields["year"].overall.accuracy >= FLOORS["year_exact"]
    assert scores.fields["region"].overall.accuracy >= FLOORS["region"]


def test_eval_command_over_samples():
    result = CliRunner().invoke(cli, ["eval", "--gold", str(SAMPLES), "--min-f1", str(FLOORS["f1"]), "--quiet",
                                      str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert "urbanization_rate" in result.output


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_engine_rows_are_valid_records(article):
    """The command line writes the engine's rows without pydantic: each must be exactly the
    dump of the record the library validates from it, with the contract's fields in order."""
    from extractor.engine import extract_articles
    from extractor.pack.rules import default_rules
    from extractor.records import make_record, make_records

    _, rows = extract_articles(read_text(article).text, default_rules(), doc=article.name)
    assert rows
    for row in rows:
        assert tuple(row) == FIELDS
        assert make_record(row).model_dump(mode="json") == row
    records = make_records(rows)  # what extract() returns: all rows validated in one call
    assert [type(r) for r in records] == [type(make_record(row)) for row in rows]
    assert [r.model_dump(mode="json") for r in records] == rows
