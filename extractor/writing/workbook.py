"""A workbook of several small sheets (facts, conflicts, sources; a pivot), written at once.

The records export (export.py) streams one sheet in constant memory; a summary is small
and wants more than one sheet, each ready to read: a bold frozen header with filters,
columns as wide as their content (CJK characters count double), numbers as numbers with a
thousands separator, years without one, booleans as TRUE / FALSE, and text always as text
(a cell starting with '=' never becomes a formula). Written beside the target and moved
into place only when complete, like every output.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from typing import IO, Optional, Sequence

from .export import _copy, _destination, _opened, check_output, fit_cell
from .writer import OutputError

#: Columns holding years or small integers: shown without a thousands separator.
PLAIN_INTEGERS = frozenset({"year", "start_year", "end_year", "article", "articles", "start", "end"})
MAX_WIDTH = 60


def display_width(text: str) -> int:
    """Columns `text` takes in a spreadsheet: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_workbook(output: Optional[str], sheets: Sequence[tuple[str, Sequence[str], list[dict]]], *,
                   headers: bool = True, stdout: Optional[IO] = None) -> None:
    """Write `sheets` ((name, columns, rows) each) to the XLSX file `output` (None or "-": stdout)."""
    import sys

    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    to_stdout = output is None or output == "-"
    name = "<stdout>" if to_stdout else str(output)
    if not to_stdout:
        check_output(name)
    with tempfile.TemporaryDirectory(prefix="policy-extract-") as scratch:
        path = Path(scratch) / "book.xlsx"
        book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                               "strings_to_urls": False, "tmpdir": scratch})
        formats = {
            "header": book.add_format({"bold": True, "bottom": 1}),
            "number": book.add_format({"num_format": "#,##0.############"}),
            "integer": book.add_format({"num_format": "0"}),
        }
        for title, columns, rows in sheets:
            _sheet(book.add_worksheet(title), columns, rows, formats, headers)
        try:
            book.close()
        except FileCreateError as exc:
            raise OutputError(f"{name}: {exc}") from None
        if to_stdout:
            stream = stdout if stdout is not None else sys.stdout
            stream.flush()
            _copy(path, stream.buffer, name)
            return
        with _destination(Path(name)) as target, _opened(target, name, "wb") as fh:
            _copy(path, fh, name)


def _sheet(sheet, columns: Sequence[str], rows: list[dict], formats: dict, headers: bool) -> None:
    widths = [display_width(c) if headers else 4 for c in columns]
    top = 0
    if headers:
        for col, column in enumerate(columns):
            sheet.write_string(0, col, column, formats["header"])
        top = 1
    for r, row in enumerate(rows, start=top):
        for col, column in enumerate(columns):
            value = row.get(column)
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, col, value)
                shown = "FALSE"
            elif isinstance(value, (int, float)):
                plain = column in PLAIN_INTEGERS
                sheet.write_number(r, col, value, formats["integer" if column in PLAIN_INTEGERS else "number"])
                shown = str(value) if plain else f"{value:,}"
            else:
                shown = fit_cell(str(value))
                sheet.write_string(r, col, shown)
            widths[col] = max(widths[col], display_width(shown))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(width, MAX_WIDTH) + 2)
    if headers:
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
