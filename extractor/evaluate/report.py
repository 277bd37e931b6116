"""What `eval` prints: the score table with its block of field scores, the error list, and
the same scores as one JSON object with stable keys (README, section eval)."""

from __future__ import annotations

import json
from typing import Optional, Sequence

from .gold import doc_name
from .scoring import Agreement, Scores, Tally


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
    named = (
        f"named metric     precision {_ratio(named_p.accuracy)} ({named_p.right} of {named_p.total})  "
        f"recall {_ratio(named_r.accuracy)} ({named_r.right} of {named_r.total})"
    )
    lines = [named]
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
