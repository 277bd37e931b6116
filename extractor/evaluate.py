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

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Iterable, Optional, Sequence

from .errors import InputError

REL_TOLERANCE = 1e-6
GOLD_SUFFIX = ".gold.jsonl"


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


@dataclass
class Gold:
    """Gold lines, and the documents the gold speaks for (even those with no line)."""

    lines: list[dict] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)

    def covers(self, doc: str) -> bool:
        name = doc_name(doc)
        return name in self.docs or PurePath(name).stem in self.docs


def doc_name(doc: str) -> str:
    """Documents are compared by file name: samples/a.txt and a.txt are the same."""
    return PurePath(doc.replace("\\", "/")).name


def load_gold(paths: Sequence[Path]) -> Gold:
    """Read gold files; a directory means every *.gold.jsonl under it.

    A file X.gold.jsonl speaks for document X.* even when it is empty (a text with no
    quantities). Raises InputError naming the file and line of anything malformed.
    """
    gold = Gold()
    for path in paths:
        files = sorted(path.rglob(f"*{GOLD_SUFFIX}")) if path.is_dir() else [path]
        if not files:
            raise InputError(str(path), f"no *{GOLD_SUFFIX} files in this directory")
        for file in files:
            if file.name.endswith(GOLD_SUFFIX):
                gold.docs.add(file.name[: -len(GOLD_SUFFIX)])
            for line in _read_lines(file):
                gold.lines.append(line)
                gold.docs.add(doc_name(line["doc"]))
    return gold


def _read_lines(file: Path) -> Iterable[dict]:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(file), f"cannot read gold file: {exc}") from None
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(str(file), f"line {number}: not JSON ({exc.msg})") from None
        problem = _gold_problem(line)
        if problem:
            raise InputError(str(file), f"line {number}: {problem}")
        yield line


def _gold_problem(line) -> Optional[str]:
    if not isinstance(line, dict):
        return "not a JSON object"
    for key in ("doc", "kind", "start", "end"):
        if key not in line:
            return f"missing {key!r}"
    if not isinstance(line["start"], int) or not isinstance(line["end"], int):
        return "start and end must be integers"
    value = line.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return "value must be a number or null"
    year = line.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        return "year must be an integer or null"
    for key in ("target", "change"):
        if key in line and not isinstance(line[key], bool):
            return f"{key} must be true or false"
    if line.get("region") is not None and not isinstance(line["region"], str):
        return "region must be a string or null"
    alt = line.get("region_alt", [])
    if not isinstance(alt, list) or not all(isinstance(name, str) for name in alt):
        return "region_alt must be a list of strings"
    return None


def restrict(predictions: Iterable[dict], gold: Gold, inputs: Iterable[str]) -> tuple[list[dict], list[dict], list[str]]:
    """Keep what can be scored: predictions of documents the gold covers, gold of documents run.

    Returns the kept predictions and gold lines and one note per document left out, so a
    run over a folder with unannotated files, or a subset of the gold, scores fairly.
    """
    ran = {doc_name(doc) for doc in inputs}
    kept_p, dropped_p = [], defaultdict(int)
    for p in predictions:
        if gold.covers(p["doc"]):
            kept_p.append(p)
        else:
            dropped_p[doc_name(p["doc"])] += 1
    kept_g, dropped_g = [], defaultdict(int)
    for g in gold.lines:
        if doc_name(g["doc"]) in ran:
            kept_g.append(g)
        else:
            dropped_g[doc_name(g["doc"])] += 1
    notes = [f"{doc}: no gold; its {n} predictions are not scored" for doc, n in sorted(dropped_p.items())]
    notes += [f"{doc}: not among the inputs; its {n} gold lines are not scored" for doc, n in sorted(dropped_g.items())]
    return kept_p, kept_g, notes


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


def format_report(scores: Scores) -> str:
    """A plain-text table (overall, per kind, per metric), then a short block of the field scores."""
    rows = [("all", scores.overall)]
    rows += [(f"kind {k}", t) for k, t in sorted(scores.by_kind.items())]
    rows += [(f"metric {m}", t) for m, t in sorted(scores.by_metric.items())]
    width = max(len(name) for name, _ in rows)
    lines = [f"{'':<{width}}  {'gold':>5} {'pred':>5} {'match':>5}  {'precision':>9} {'recall':>6} {'f1':>6}"]
    for name, t in rows:
        lines.append(
            f"{name:<{width}}  {t.gold:>5} {t.predicted:>5} {t.tp:>5}  "
            f"{_ratio(t.precision):>9} {_ratio(t.recall):>6} {_ratio(t.f1):>6}"
        )
    lines.append("")
    lines.append(f"year accuracy    {_ratio(scores.year_accuracy)}  ({scores.year_hits} of {scores.year_total} matched)")
    lines.append(
        f"metric accuracy  {_ratio(scores.metric_accuracy)}  "
        f"({scores.metric_hits} of {scores.metric_total} matched with a named metric)"
    )
    lines.append("")
    lines.extend(_field_block(scores))
    return "\n".join(lines)


def _field_block(scores: Scores) -> list[str]:
    """Named metric, target, change, region and year exactness: one line each, then a per-kind grid."""
    named_p, named_r = scores.named_precision, scores.named_recall
    year, region = scores.fields["year"], scores.fields["region"]
    lines = [
        f"named metric     precision {_ratio(named_p.accuracy)} ({named_p.right} of {named_p.total})  "
        f"recall {_ratio(named_r.accuracy)} ({named_r.right} of {named_r.total})"
    ]
    for name in ("target", "change"):
        overall = scores.fields[name].overall
        lines.append(
            f"{name:<16} accuracy {_ratio(overall.accuracy)} ({overall.right} of {overall.total})  "
            f"F1 {_ratio(overall.f1)} (tp {overall.tp}, fp {overall.fp}, fn {overall.fn})"
        )
    lines.append(
        f"region accuracy  {_ratio(region.overall.accuracy)} "
        f"({region.overall.right} of {region.overall.total} matched with a gold region)"
    )
    lines.append(
        f"year exact       {_ratio(year.overall.accuracy)} "
        f"({year.overall.right} of {year.overall.total} matched, periods aside)"
    )
    kinds = sorted(set(year.by_kind) | set(region.by_kind))
    if kinds:
        widths = [max(len(kind), 5) for kind in kinds]
        lines.append("per kind         " + " ".join(f"{kind:>{w}}" for kind, w in zip(kinds, widths)))
        for label, score_ in (("region", region), ("year exact", year)):
            cells = [_ratio(score_.by_kind[kind].accuracy) if kind in score_.by_kind else "-" for kind in kinds]
            lines.append(f"  {label:<15}" + " ".join(f"{cell:>{w}}" for cell, w in zip(cells, widths)))
    return lines


def report_json(scores: Scores, notes: Sequence[str] = (), errors: bool = False) -> dict:
    """Every score as one JSON-ready object with stable keys (README, section eval).

    Ratios are null when undefined (nothing to count). `errors` adds the missed gold lines,
    the false positives and the wrong fields of matched figures.
    """
    report = {
        "overall": _tally_json(scores.overall),
        "by_kind": {kind: _tally_json(t) for kind, t in sorted(scores.by_kind.items())},
        "by_metric": {metric: _tally_json(t) for metric, t in sorted(scores.by_metric.items())},
        "year_accuracy": {"accuracy": scores.year_accuracy, "right": scores.year_hits, "total": scores.year_total},
        "metric_accuracy": {
            "accuracy": scores.metric_accuracy, "right": scores.metric_hits, "total": scores.metric_total,
        },
        "named_metric": {
            "precision": _agreement_json(scores.named_precision, binary=False),
            "recall": _agreement_json(scores.named_recall, binary=False),
        },
    }
    for name, key, binary in (("target", "target", True), ("change", "change", True),
                              ("region", "region", False), ("year", "year_exact", False)):
        field_score = scores.fields[name]
        report[key] = {
            **_agreement_json(field_score.overall, binary),
            "by_kind": {kind: _agreement_json(a, binary) for kind, a in sorted(field_score.by_kind.items())},
        }
    report["notes"] = list(notes)
    if errors:
        report["errors"] = {
            "missed": [_line_json(g) for g in sorted(scores.misses, key=_position)],
            "false_positives": [_line_json(p) for p in sorted(scores.false_positives, key=_position)],
            "wrong": sorted(scores.wrong, key=_wrong_order),
        }
    return report


def _tally_json(t: Tally) -> dict:
    return {"gold": t.gold, "predicted": t.predicted, "matched": t.tp,
            "precision": t.precision, "recall": t.recall, "f1": t.f1}


def _agreement_json(a: Agreement, binary: bool) -> dict:
    """Accuracy with its counts; for a true/false field also F1 and its confusion counts."""
    out = {"accuracy": a.accuracy, "right": a.right, "total": a.total}
    if binary:
        out.update(f1=a.f1, tp=a.tp, fp=a.fp, fn=a.fn)
    return out


def _line_json(line: dict) -> dict:
    keys = ("doc", "kind", "metric", "value", "unit", "start_year", "end_year", "start", "end", "text")
    return {key: doc_name(line["doc"]) if key == "doc" else line.get(key) for key in keys}


def format_errors(scores: Scores) -> str:
    """Every miss and false positive (doc, kind, metric, value, span, text), then every wrong
    field of a matched figure (doc, span, text, field: gold vs predicted)."""
    lines = [f"missed ({len(scores.misses)}):"]
    lines += [_describe(g) for g in sorted(scores.misses, key=_position)]
    lines.append(f"false positives ({len(scores.false_positives)}):")
    lines += [_describe(p) for p in sorted(scores.false_positives, key=_position)]
    lines.append(f"wrong fields of matched figures ({len(scores.wrong)}; field: gold vs predicted):")
    lines += [_describe_wrong(w) for w in sorted(scores.wrong, key=_wrong_order)]
    return "\n".join(lines)


_FIELD_ORDER = {"metric": 0, "year": 1, "region": 2, "target": 3, "change": 4}


def _wrong_order(wrong: dict) -> tuple:
    return (wrong["doc"], wrong["start"], wrong["end"], _FIELD_ORDER[wrong["field"]])


def _describe_wrong(wrong: dict) -> str:
    expected = wrong["gold"]
    if isinstance(expected, list):  # a region and its other spellings
        shown = _show(expected[0]) + (f" (or {', '.join(expected[1:])})" if expected[1:] else "")
    else:
        shown = _show(expected)
    return (
        f"  {wrong['doc']}  [{wrong['start']}:{wrong['end']}]  {wrong['text']}  "
        f"{wrong['field']}: {shown} vs {_show(wrong['predicted'])}"
    )


def _show(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _position(line: dict) -> tuple:
    return (doc_name(line["doc"]), line["start"], line["end"])


def _describe(line: dict) -> str:
    if line.get("kind") == "period":
        value = f"{line.get('start_year') or '…'}–{line.get('end_year') or '…'}"
    else:
        value = json.dumps(line.get("value"))
    return (
        f"  {doc_name(line['doc'])}  {line.get('kind')}  {line.get('metric') or line.get('kind')}  {value}  "
        f"[{line['start']}:{line['end']}]  {line.get('text', '')}"
    )


def _ratio(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.3f}"
