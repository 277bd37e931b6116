"""Score predicted records against gold JSON Lines, with the matching rules of the contract.

A prediction matches a gold line when the documents have the same file name, the kinds are
equal, the values agree (relative difference <= 1e-6; for periods start_year and end_year
are equal) and the character spans overlap. Each prediction matches at most one gold line
and each gold line at most one prediction. Pairs are chosen greedily: same metric first,
then required before optional gold, then the largest overlap, so that a prediction is not
spent on a weaker partner when a better one exists.

Precision leaves out predictions matched to optional gold; recall counts required gold only.
Per-kind rows count a matched pair and a miss under the gold line's kind, a false positive
under its own. Per-metric rows count a pair as a hit of its metric only when the prediction
names the same metric; otherwise it is a miss of the gold metric and a false positive of
the predicted one, so a metric's row says how well that metric itself is found. Year accuracy is over matched required gold lines
(null == null counts as right); metric accuracy over matched required gold lines whose
metric is named (metric != kind).

Contract v2 adds scores that say which field to fix, all over matched required pairs:
named-metric precision (named predictions whose gold has the same metric) and recall (named
gold found with its metric, unmatched gold included); accuracy and F1 (true is the positive
class) of `target` and `change` where the gold gives them; region accuracy where the gold
has `region` (its spellings in `region_alt` count too); year exactness over non-period
figures (a period's years are part of its match). Each of the last four is also kept per
kind, and every disagreement is listed so that `--show-errors` can show it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from .gold import doc_name

REL_TOLERANCE = 1e-6


@dataclass
class Tally:
    """Matched, false-positive and missed counts; the ratios are None when undefined."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> Optional[float]:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> Optional[float]:
        if not self.predicted and not self.gold:
            return None
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Agreement:
    """How often a field of matched figures agrees with the gold.

    For a true/false field the confusion counts treat true as the positive class, so F1
    says how well the rarer true cases are found, which accuracy alone hides.
    """

    right: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, right: bool, gold: object = None, predicted: object = None) -> None:
        self.total += 1
        self.right += right
        self.tp += gold is True and predicted is True
        self.fp += gold is not True and predicted is True
        self.fn += gold is True and predicted is not True

    @property
    def accuracy(self) -> Optional[float]:
        return self.right / self.total if self.total else None

    @property
    def f1(self) -> Optional[float]:
        positives = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / positives if positives else None


@dataclass
class FieldScore:
    """An Agreement overall and per kind of the gold line."""

    overall: Agreement = field(default_factory=Agreement)
    by_kind: dict[str, Agreement] = field(default_factory=lambda: defaultdict(Agreement))

    def add(self, kind: str, right: bool, gold: object = None, predicted: object = None) -> None:
        for agreement in (self.overall, self.by_kind[kind]):
            agreement.add(right, gold, predicted)


#: Fields whose agreement is scored on matched figures, in report order.
JUDGED_FIELDS = ("target", "change", "region", "year")


@dataclass
class Scores:
    overall: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_metric: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    year_hits: int = 0
    year_total: int = 0
    metric_hits: int = 0
    metric_total: int = 0
    named_precision: Agreement = field(default_factory=Agreement)
    named_recall: Agreement = field(default_factory=Agreement)
    fields: dict[str, FieldScore] = field(default_factory=lambda: {name: FieldScore() for name in JUDGED_FIELDS})
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)

    @property
    def year_accuracy(self) -> Optional[float]:
        return self.year_hits / self.year_total if self.year_total else None

    @property
    def metric_accuracy(self) -> Optional[float]:
        return self.metric_hits / self.metric_total if self.metric_total else None


def values_agree(prediction: dict, gold: dict) -> bool:
    """Same value within REL_TOLERANCE; for a period, the same start and end years."""
    if gold["kind"] == "period":
        return (prediction.get("start_year"), prediction.get("end_year")) == (gold.get("start_year"), gold.get("end_year"))
    p, g = prediction.get("value"), gold.get("value")
    if p is None or g is None:
        return p is None and g is None
    return abs(p - g) <= REL_TOLERANCE * max(abs(p), abs(g))


def overlap(a: dict, b: dict) -> int:
    """Characters the two spans share (0 when they do not overlap)."""
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match(predictions: Sequence[dict], gold: Sequence[dict]) -> list[tuple[int, int]]:
    """(prediction index, gold index) pairs of one document, chosen greedily (see module doc)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predictions):
            shared = overlap(p, g)
            if shared and p.get("kind") == g["kind"] and values_agree(p, g):
                same_metric = p.get("metric") == g.get("metric", g["kind"])
                candidates.append((not same_metric, bool(g.get("optional")), -shared, gi, pi))
    pairs, used_p, used_g = [], set(), set()
    for *_, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((pi, gi))
    return sorted(pairs)


def score(predictions: Iterable[dict], gold: Iterable[dict]) -> Scores:
    """Scores of `predictions` against `gold`, documents paired by file name."""
    by_doc_p: dict[str, list[dict]] = defaultdict(list)
    by_doc_g: dict[str, list[dict]] = defaultdict(list)
    for p in predictions:
        by_doc_p[doc_name(p["doc"])].append(p)
    for g in gold:
        by_doc_g[doc_name(g["doc"])].append(g)
    scores = Scores()
    for doc in sorted(set(by_doc_p) | set(by_doc_g)):
        preds, golds = by_doc_p[doc], by_doc_g[doc]
        pairs = match(preds, golds)
        matched_p = {pi for pi, _ in pairs}
        matched_g = {gi for _, gi in pairs}
        for pi, gi in pairs:
            g = golds[gi]
            if not g.get("optional"):
                _count(scores, g, "tp", metric=preds[pi].get("metric") == (g.get("metric") or g["kind"]))
                if preds[pi].get("metric") != (g.get("metric") or g["kind"]):
                    _count_metric(scores, preds[pi], "fp")
                _judge(scores, preds[pi], g)
        for gi, g in enumerate(golds):
            if gi not in matched_g and not g.get("optional"):
                _count(scores, g, "fn")
                if _named(g):
                    scores.named_recall.add(False)
                scores.misses.append(g)
        for pi, p in enumerate(preds):
            if pi not in matched_p:
                _count(scores, p, "fp")
                scores.false_positives.append(p)
    return scores


def _count(scores: Scores, line: dict, what: str, metric: bool = True) -> None:
    """Count `line` overall and under its kind; under its metric too, or, for a match whose
    metric is wrong (`metric` False), as a miss of its metric."""
    kind = line.get("kind", "")
    for tally in (scores.overall, scores.by_kind[kind]):
        setattr(tally, what, getattr(tally, what) + 1)
    _count_metric(scores, line, what if metric else "fn")


def _count_metric(scores: Scores, line: dict, what: str) -> None:
    tally = scores.by_metric[line.get("metric") or line.get("kind", "")]
    setattr(tally, what, getattr(tally, what) + 1)


def _named(line: dict) -> bool:
    """A line names a metric when its metric is set and is not just its kind."""
    return (line.get("metric") or line.get("kind")) != line.get("kind")


def _judge(scores: Scores, prediction: dict, gold: dict) -> None:
    """Every per-field score of one matched required pair; each disagreement is kept."""
    kind = gold["kind"]
    scores.year_total += 1
    scores.year_hits += prediction.get("year") == gold.get("year")
    metric = gold.get("metric") or kind
    predicted_metric = prediction.get("metric") or prediction.get("kind")
    if metric != kind:
        scores.metric_total += 1
        scores.metric_hits += predicted_metric == metric
        scores.named_recall.add(predicted_metric == metric)
    if _named(prediction):
        scores.named_precision.add(predicted_metric == metric)
    if predicted_metric != metric:
        _keep_wrong(scores, gold, "metric", metric, predicted_metric)
    for name in ("target", "change"):
        if name in gold:
            right = prediction.get(name) is gold[name]
            scores.fields[name].add(kind, right, gold[name], prediction.get(name))
            if not right:
                _keep_wrong(scores, gold, name, gold[name], prediction.get(name))
    if "region" in gold:
        right = region_agrees(prediction.get("region"), gold)
        scores.fields["region"].add(kind, right)
        if not right:
            spellings = [gold["region"], *gold.get("region_alt", [])]
            _keep_wrong(scores, gold, "region", spellings, prediction.get("region"))
    if kind != "period" and "year" in gold:
        right = prediction.get("year") == gold["year"]
        scores.fields["year"].add(kind, right)
        if not right:
            _keep_wrong(scores, gold, "year", gold["year"], prediction.get("year"))


def _keep_wrong(scores: Scores, gold: dict, name: str, expected: object, predicted: object) -> None:
    scores.wrong.append({
        "doc": doc_name(gold["doc"]), "start": gold["start"], "end": gold["end"], "text": gold.get("text", ""),
        "field": name, "gold": expected, "predicted": predicted,
    })


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _region_key(region: Optional[str]) -> Optional[str]:
    """Regions compare trimmed, ASCII letters case-blind (Henan == henan); blank is null."""
    if region is None:
        return None
    return region.strip().translate(_ASCII_LOWER) or None


def region_agrees(predicted: Optional[str], gold: dict) -> bool:
    """The predicted region is the gold `region` or one of its `region_alt`, or both are null."""
    accepted = {_region_key(name) for name in [gold.get("region"), *gold.get("region_alt", [])]}
    return _region_key(predicted) in accepted
