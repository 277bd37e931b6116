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
class Scores:
    overall: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_metric: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    year_hits: int = 0
    year_total: int = 0
    metric_hits: int = 0
    metric_total: int = 0
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)

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


def _judge(scores: Scores, prediction: dict, gold: dict) -> None:
    """Year and metric accuracy of one matched required pair."""
    scores.year_total += 1
    scores.year_hits += prediction.get("year") == gold.get("year")
    metric = gold.get("metric") or gold["kind"]
    if metric != gold["kind"]:
        scores.metric_total += 1
        scores.metric_hits += prediction.get("metric") == metric


def format_report(scores: Scores) -> str:
    """A plain-text table: overall, per kind and per metric; then year and metric accuracy."""
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
    return "\n".join(lines)


def format_errors(scores: Scores) -> str:
    """Every miss and false positive: doc, kind, metric, value, span and text."""
    lines = [f"missed ({len(scores.misses)}):"]
    lines += [_describe(g) for g in sorted(scores.misses, key=_position)]
    lines.append(f"false positives ({len(scores.false_positives)}):")
    lines += [_describe(p) for p in sorted(scores.false_positives, key=_position)]
    return "\n".join(lines)


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
