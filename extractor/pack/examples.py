"""Running a rule pack's own examples and negatives: every rule file carries the sentences it
must (and must not) turn into records, and `rules check` and the tests run them here.

It lives apart from the loader because it needs the whole pipeline (api.extract), which
itself needs the loader: kept together they would import each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..api import extract
from .rules import Expected, RulePack


@dataclass(frozen=True)
class ExampleFailure:
    file: str
    entry: str
    message: str


def _differences(expected: Expected, record) -> list[str]:
    problems = []
    for field, want in expected.given().items():
        got = getattr(record, field)
        if field == "value":
            same = got is not None and abs(float(got) - want) <= 1e-6 * max(1.0, abs(want))
        else:
            same = got == want
        if not same:
            problems.append(f"{field}: expected {want!r}, got {got!r}")
    return problems


def check_examples(pack: RulePack, only_dir: Optional[Path] = None) -> list[ExampleFailure]:
    """Run every example and negative of the pack (or only those of files under `only_dir`)."""
    failures: list[ExampleFailure] = []
    for label, rule_file in pack.files.items():
        if only_dir is not None and not Path(label).resolve().is_relative_to(Path(only_dir).resolve()):
            continue
        for i, example in enumerate(rule_file.examples):
            entry = f"examples -> {i}"
            records = extract(example.text, rules=pack)
            if len(records) != len(example.expect):
                found = ", ".join(f"{r.kind} {r.value} {r.text!r}" for r in records) or "nothing"
                failures.append(ExampleFailure(
                    file=label, entry=entry,
                    message=f"{example.text!r}: expected {len(example.expect)} records, found {len(records)}: {found}"))
                continue
            for j, (want, record) in enumerate(zip(example.expect, records)):
                problems = _differences(want, record)
                if problems:
                    failures.append(ExampleFailure(
                        file=label, entry=f"{entry} -> expect -> {j}",
                        message=f"{example.text!r} {record.text!r}: " + "; ".join(problems)))
        for i, negative in enumerate(rule_file.negatives):
            records = extract(negative.text, rules=pack)
            if negative.metric is not None:
                records = [r for r in records if r.metric == negative.metric]
            if records:
                found = ", ".join(f"{r.kind}/{r.metric} {r.value} {r.text!r}" for r in records)
                failures.append(ExampleFailure(
                    file=label, entry=f"negatives -> {i}",
                    message=f"{negative.text!r} must give no {negative.metric or 'record'}, found: {found}"))
    return failures
