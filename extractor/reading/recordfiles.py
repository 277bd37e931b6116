"""Records files that `extract` wrote (.jsonl, .json, .csv, .tsv, .parquet), read back as rows.

So that a corpus is extracted once and summarised many times (`policy-extract facts
figures.csv`). CSV and TSV hold text only: the contract's numeric and boolean fields are
turned back into numbers and booleans, an empty cell into null. Parquet needs pyarrow
(imported only for a .parquet file). A file that is not a records file raises InputError
naming it and the reason.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ..errors import InputError

SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet")
_INTS = ("article", "year", "start_year", "end_year", "start", "end")
_BOOLS = ("target", "change")


def is_records_file(path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def read_records(path: Path) -> list[dict]:
    """The rows of a records file; each needs at least `kind` (else InputError)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            rows = _parquet(path)
        elif suffix in (".csv", ".tsv"):
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = [_typed(row) for row in csv.DictReader(fh, dialect="excel-tab" if suffix == ".tsv" else "excel")]
        else:
            text = path.read_text(encoding="utf-8-sig")
            rows = json.loads(text) if suffix == ".json" else [
                json.loads(line) for line in text.splitlines() if line.strip()]
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    except (UnicodeDecodeError, ValueError, csv.Error) as exc:  # ValueError: bad JSON or a bad number
        raise InputError(str(path), f"not a records file: {exc}") from None
    if not isinstance(rows, list) or any(not isinstance(r, dict) or "kind" not in r for r in rows):
        raise InputError(str(path), "not a records file (every row needs the record fields, `kind` at least)")
    return rows


def _parquet(path: Path) -> list[dict]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(str(path), "reading Parquet needs pyarrow: pip install pyarrow") from None
    try:
        rows = pq.read_table(path).to_pylist()
    except Exception as exc:  # pyarrow raises its own ArrowInvalid and OSError kinds
        raise InputError(str(path), f"not a Parquet records file: {exc}") from None
    for row in rows:  # a column of ints and floats is stored as doubles: 60.0 was written 60
        value = row.get("value")
        if isinstance(value, float) and value.is_integer():
            row["value"] = int(value)
    return rows


def _typed(row: dict) -> dict:
    out = {k: (None if v == "" else v) for k, v in row.items() if k is not None}
    for name in _INTS:
        if out.get(name) is not None:
            out[name] = int(out[name])
    for name in _BOOLS:
        if out.get(name) is not None:
            out[name] = out[name].strip().lower() in ("true", "1", "yes")
    if out.get("value") is not None:
        number = float(out["value"])
        out["value"] = int(number) if number.is_integer() and "." not in out["value"] else number
    return out
