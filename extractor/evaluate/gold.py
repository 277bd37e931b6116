"""Gold files: reading and checking them, and keeping what both gold and run cover.

A gold file is JSON Lines in the record fields (output contract, "Gold files"); a malformed
line is reported with its file and line number, never skipped.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Iterable, Optional, Sequence

from ..errors import InputError

GOLD_SUFFIX = ".gold.jsonl"


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
