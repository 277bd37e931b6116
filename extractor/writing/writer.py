"""What every output shares: the Writer interface (records arrive one input at a time), the
error that names a failed output, and how values are shown to people.

Its own module so that the formats (export.py), the terminal (terminal.py) and the review
page (show.py) can share it without importing one another.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Optional, Sequence

from ..contract import FIELDS
from ..errors import PolicyExtractError
from ..reading.inputs import os_reason


class OutputError(PolicyExtractError):
    """An output that cannot be written; the message names it and the reason."""


def ordered(row: dict, columns: Sequence[str] = FIELDS) -> dict:
    """`row` with `columns` first (the contract fields, by default), in order, and any others after."""
    out = {name: row.get(name) for name in columns}
    out.update(row)
    return out


class Writer:
    """Writes records, one input's rows at a time; `close` finishes the document."""

    def __init__(self, name: str):
        self.name = name

    def write(self, rows: list[dict]) -> None:
        with self._reporting():
            self._write(rows)

    def close(self) -> None:
        with self._reporting():
            self._close()

    def file_done(self, name: str, records: int, error: Optional[str] = None) -> None:
        """An input is finished (or failed): formats that list their inputs (XLSX) note it."""

    def _write(self, rows: list[dict]) -> None:
        raise NotImplementedError

    def _close(self) -> None:
        pass

    @contextmanager
    def _reporting(self) -> Iterator[None]:
        """Turn an OS error (disk full, ...) into an OutputError naming the output.

        A closed pipe is not an error of the output: BrokenPipeError passes through so the
        CLI can end quietly (`policy-extract ... | head`).
        """
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"{self.name}: {os_reason(exc)}") from None


def show_value(row: dict) -> str:
    if row.get("kind") == "period":
        start, end = row.get("start_year"), row.get("end_year")
        return f"{start or '…'}–{end or '…'}"
    return "" if row.get("value") is None else format_number(row["value"])


def format_number(value) -> str:
    """For people: 5400000000000 -> '5,400,000,000,000', 59.22 -> '59.22', no exponents."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else repr(value)


#: The marks of a figure that is not a plain level (shared by the terminal table and the review page).
QUALIFIER_MARKS = {"over": (">", "over"), "about": ("≈", "about"), "under": ("<", "under")}


def marks(row: dict) -> list[tuple[str, str]]:
    """(symbol, meaning) of what qualifies a figure: its qualifier (> over, ≈ about, < under),
    a target (→ and the year it is for: →2030) and a change against an earlier value (Δ)."""
    out = []
    if row.get("qualifier") in QUALIFIER_MARKS:
        out.append(QUALIFIER_MARKS[row["qualifier"]])
    if row.get("target"):
        year = row.get("year") or row.get("end_year")
        out.append((f"→{year}" if year else "→", f"target for {year}" if year else "target"))
    if row.get("change"):
        out.append(("Δ", "change"))
    return out
