"""Record writers for every output format, and output files that are never half-written.

Records arrive one input file at a time (`Writer.write(rows)`, rows being the contract's
dicts), so a batch streams: JSON Lines is flushed after each file, the JSON array is written
element by element (as sqlite-utils' output_rows does, `[]` when empty), CSV/TSV row by
row, XLSX with xlsxwriter's constant_memory mode. Columns of CSV/TSV/XLSX are
`contract.FIELDS`, in that order, unless a writer is given other columns (the fact rows of
`facts` are not records).

An output file is written to a temporary file beside it and moved into place with
os.replace only when the run finishes; on any error or interruption the temporary file is
removed and an existing file at that path is left as it was. Devices and pipes (/dev/full,
/dev/stdout) cannot be replaced, so they are written directly.

Spreadsheets: numbers are written as numbers and text with xlsxwriter's typed
`write_string`, so a cell that starts with '=' stays text. CSV and TSV follow OWASP's rule
against formula injection (see `neutralise`) unless `raw` is asked for; `--bom` adds the
UTF-8 BOM that Excel needs to read them. JSON and JSON Lines are exact, but for the line
separators that JSON allows raw and `str.splitlines` splits on, which are escaped.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Optional, Sequence

from ..contract import FIELDS
from ..reading.inputs import os_reason
from .writer import OutputError, Writer, format_number, ordered

FORMATS = ("table", "json", "jsonl", "csv", "tsv", "xlsx", "parquet")
SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".xlsx": "xlsx",
                  ".parquet": "parquet"}

#: Longest text an XLSX cell holds, in UTF-16 code units.
XLSX_CELL_MAX = 32767
#: Rows of one worksheet, header included; further records go on a next sheet.
XLSX_ROWS_MAX = 1_048_576


def format_for_path(path: str) -> Optional[str]:
    """The format an output file name asks for by its suffix (out.csv -> csv), if any."""
    return SUFFIX_FORMATS.get(Path(path).suffix.lower())


#: Characters JSON may carry raw that a reader's splitlines() would take for line ends.
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def to_json(row: dict, columns: Sequence[str] = FIELDS) -> str:
    """One record as one line of JSON: Chinese as is, every line-breaking character escaped
    (json.dumps escapes the C0 ones itself), so any reader sees one record per line. (Most
    lines hold none: three searches in C, not a translation of every character.)"""
    line = json.dumps(ordered(row, columns), ensure_ascii=False)
    if "\x85" in line or "\u2028" in line or "\u2029" in line:
        return line.translate(_LINE_BREAKS)
    return line


#: Free-text columns, where a leading = + - @ tab or CR can make a spreadsheet run a formula.
FREE_TEXT = ("doc", "title", "source", "subject", "region", "sentence")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(field: str, value):
    """A CSV/TSV cell that a spreadsheet cannot take for a formula (OWASP, CSV injection).

    Free-text cells starting with = + - @ tab or CR get a leading apostrophe. The `text`
    column is a figure's exact slice, where -0.5个百分点 is a value, not a formula: only a
    leading = or @ is neutralised there. Numbers and other columns are left as they are.
    """
    if not isinstance(value, str) or not value:
        return value
    if field in FREE_TEXT and value.startswith(_FORMULA_STARTS):
        return "'" + value
    if field == "text" and value.startswith(("=", "@")):
        return "'" + value
    return value


class JsonLinesWriter(Writer):
    """One JSON object per line, Chinese kept as is, flushed after every input file."""

    def __init__(self, name: str, stream: IO[str], *, columns: Sequence[str] = FIELDS):
        super().__init__(name)
        self.stream = stream
        self.columns = columns

    def _write(self, rows: list[dict]) -> None:
        for row in rows:
            self.stream.write(to_json(row, self.columns) + "\n")
        self.stream.flush()


class JsonArrayWriter(Writer):
    """A JSON array streamed one element a line; `[]` when there are no records."""

    def __init__(self, name: str, stream: IO[str], *, columns: Sequence[str] = FIELDS):
        super().__init__(name)
        self.stream = stream
        self.columns = columns
        self.started = False

    def _write(self, rows: list[dict]) -> None:
        for row in rows:
            self.stream.write(",\n " if self.started else "[")
            self.stream.write(to_json(row, self.columns))
            self.started = True
        self.stream.flush()

    def _close(self) -> None:
        self.stream.write("]\n" if self.started else "[]\n")
        self.stream.flush()


class DelimitedWriter(Writer):
    """CSV (excel dialect) or TSV (excel-tab): a header of the columns (FIELDS), then one row a
    record; cells neutralised against formula injection unless `raw`."""

    def __init__(self, name: str, stream: IO[str], *, tab: bool = False, headers: bool = True, bom: bool = False,
                 raw: bool = False, columns: Sequence[str] = FIELDS):
        super().__init__(name)
        self.stream = stream
        self.raw = raw
        self.columns = columns
        self.csv = csv.writer(stream, dialect="excel-tab" if tab else "excel")
        with self._reporting():
            if bom:
                stream.write("\ufeff")
            if headers:
                self.csv.writerow(columns)

    def _write(self, rows: list[dict]) -> None:
        if self.raw:
            cells = [["" if row.get(f) is None else row.get(f) for f in self.columns] for row in rows]
        else:
            cells = [["" if row.get(f) is None else neutralise(f, row.get(f)) for f in self.columns] for row in rows]
        self.csv.writerows(cells)
        self.stream.flush()


class XlsxWriter(Writer):
    """A workbook that opens ready to use: a "records" sheet (more when one is full) and a
    "files" sheet listing every input with its record count and error.

    Cells are typed: numbers with thousands separators and no exponent (5,400,000,000,000),
    years and offsets as plain integers, target/change as booleans, `published` as a real
    date-time; the header is frozen with an autofilter, and columns are as wide as their
    content (capped at XLSX_WIDTH_MAX characters, CJK counting two).
    """

    def __init__(self, name: str, path: Path, scratch: Path, *, headers: bool = True,
                 columns: Sequence[str] = FIELDS):
        import xlsxwriter

        super().__init__(name)
        self.headers = headers
        self.columns = columns
        self.book = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "tmpdir": str(scratch),
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.bold = self.book.add_format({"bold": True, "bottom": 1})
        self.formats = {
            "integer": self.book.add_format({"num_format": "#,##0"}),
            "decimal": self.book.add_format({"num_format": "#,##0.0#########"}),
            "plain": self.book.add_format({"num_format": "0"}),
            "datetime": self.book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "date": self.book.add_format({"num_format": "yyyy-mm-dd"}),
            # Excel shows a boolean cell as TRUE/FALSE whatever its format; LibreOffice needs one.
            "boolean": self.book.add_format({"num_format": '"TRUE";"TRUE";"FALSE"', "align": "center"}),
        }
        self.files: list[tuple[str, int, Optional[str]]] = []
        self.sheet = None
        self.row = 0
        self.widths: list[int] = []
        self._new_sheet()

    def file_done(self, name: str, records: int, error: Optional[str] = None) -> None:
        if error and error.startswith(f"{name}: "):
            error = error[len(name) + 2:]
        self.files.append((name, records, error))

    def _new_sheet(self) -> None:
        if self.sheet is not None:
            self._finish_sheet()
        number = len(self.book.worksheets()) + 1
        self.sheet = self.book.add_worksheet("records" if number == 1 else f"records{number}")
        self.row = 0
        self.widths = [_cell_width(name) + 2 for name in self.columns]
        if self.headers:
            self.sheet.freeze_panes(1, 0)
            for col, name in enumerate(self.columns):
                self.sheet.write_string(0, col, name, self.bold)
            self.row = 1

    def _write(self, rows: list[dict]) -> None:
        for row in rows:
            if self.row >= XLSX_ROWS_MAX:
                self._new_sheet()
            for col, name in enumerate(self.columns):
                value = row.get(name)
                if value is None:
                    continue
                shown = self._cell(col, name, value)
                if 2 * len(shown) > self.widths[col]:
                    self.widths[col] = max(self.widths[col], _cell_width(shown) + 1)
            self.row += 1

    def _cell(self, col: int, name: str, value) -> str:
        """Write one cell; the text it shows (for the column's width)."""
        if isinstance(value, bool):
            self.sheet.write_boolean(self.row, col, value, self.formats["boolean"])
            return "FALSE"
        if isinstance(value, (int, float)):
            if name in _PLAIN_NUMBERS:
                self.sheet.write_number(self.row, col, value, self.formats["plain"])
                return str(value)
            integral = isinstance(value, int) or float(value).is_integer()
            self.sheet.write_number(self.row, col, value, self.formats["integer" if integral else "decimal"])
            return format_number(value)
        if name == "published":
            moment = _datetime(value)
            if moment is not None:
                has_time = "T" in value
                self.sheet.write_datetime(self.row, col, moment, self.formats["datetime" if has_time else "date"])
                return "2024-01-01 00:00" if has_time else "2024-01-01"
        text = fit_cell(str(value))
        self.sheet.write_string(self.row, col, text)
        return text[:XLSX_WIDTH_MAX * 2]

    def _finish_sheet(self) -> None:
        for col, width in enumerate(self.widths):
            self.sheet.set_column(col, col, min(width, _WIDTH_CAPS.get(self.columns[col], XLSX_WIDTH_MAX)))
        if self.headers and self.row > 1:
            self.sheet.autofilter(0, 0, self.row - 1, len(self.columns) - 1)

    def _files_sheet(self) -> None:
        sheet = self.book.add_worksheet("files")
        header = ("file", "records", "error")
        widths = [_cell_width(h) + 2 for h in header]
        for col, name in enumerate(header):
            sheet.write_string(0, col, name, self.bold)
        for row, (name, records, error) in enumerate(self.files, 1):
            sheet.write_string(row, 0, fit_cell(name))
            sheet.write_number(row, 1, records, self.formats["integer"])
            if error:
                sheet.write_string(row, 2, fit_cell(error))
            for col, shown in enumerate((name, format_number(records), error or "")):
                widths[col] = max(widths[col], _cell_width(shown[:XLSX_WIDTH_MAX * 2]) + 1)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(width, XLSX_WIDTH_MAX))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(1, len(self.files)), len(header) - 1)

    def _close(self) -> None:
        from xlsxwriter.exceptions import FileCreateError

        self._finish_sheet()
        self._files_sheet()
        try:
            self.book.close()
        except FileCreateError as exc:  # xlsxwriter wraps the OSError of writing the file
            cause = exc.args[0] if exc.args else exc
            raise OutputError(f"{self.name}: {os_reason(cause) if isinstance(cause, OSError) else cause}") from None


#: Columns whose numbers are years or offsets: no thousands separator (2,024 reads wrong).
_PLAIN_NUMBERS = frozenset({"article", "year", "start_year", "end_year", "start", "end"})
#: The widest a column gets, in characters (Excel's unit); longer text is still all there.
XLSX_WIDTH_MAX = 60
#: Narrower caps for the columns of long free text, so the figures stay on the first screen.
_WIDTH_CAPS = {"title": 30, "source": 20, "subject": 24, "text": 24, "doc": 40}


def _cell_width(text: str) -> int:
    """Display width of `text` in a spreadsheet: East Asian wide characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _datetime(value: str):
    """A naive datetime of an ISO 8601 string (its time zone dropped: Excel has none), or None."""
    import datetime

    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=None)


def fit_cell(text: str) -> str:
    """`text` cut to what one XLSX cell holds (32,767 UTF-16 units), whole characters only."""
    if len(text) <= XLSX_CELL_MAX // 2:
        return text
    units = text.encode("utf-16-le")[: 2 * XLSX_CELL_MAX]
    return units.decode("utf-16-le", errors="ignore")


@contextmanager
def open_writer(
    fmt: str, output: Optional[str] = None, *, bom: bool = False, headers: bool = True, stdout: Optional[IO[str]] = None,
    raw: bool = False,
    columns: Sequence[str] = FIELDS,
) -> Iterator[Writer]:
    """A writer for `fmt` on `output` (a path; None or "-" for `stdout`, default sys.stdout),
    of rows with `columns` (the record fields by default; "table" is for records only).

    The output is complete only when the `with` block ends normally; if it raises (an
    error, KeyboardInterrupt, SystemExit) a file output is removed and nothing is replaced.
    A workbook is assembled in a scratch directory and copied out at the end, so a full
    disk shows up as one OutputError.
    """
    stream = stdout if stdout is not None else sys.stdout
    to_stdout = output is None or output == "-"
    name = "<stdout>" if to_stdout else str(output)
    if not to_stdout:
        check_output(name)
    if fmt == "parquet":
        if to_stdout:
            raise OutputError("Parquet is written to a file: use -o FILE.parquet")
        from .parquet import ParquetWriter

        with _destination(Path(name)) as path:
            writer = ParquetWriter(name, path)
            yield writer
            writer.close()
        return
    if fmt == "xlsx":
        with tempfile.TemporaryDirectory(prefix="policy-extract-") as scratch:
            book = Path(scratch) / "records.xlsx"
            writer = XlsxWriter(name, book, Path(scratch), headers=headers, columns=columns)
            yield writer
            writer.close()
            if to_stdout:
                stream.flush()
                _copy(book, stream.buffer, name)
            else:
                with _destination(Path(name)) as path, _opened(path, name, "wb") as fh:
                    _copy(book, fh, name)
        return
    if to_stdout:
        if fmt == "table":
            from .terminal import table_writer

            writer: Writer = table_writer(stdout, stream)
        else:
            writer = _text_writer(fmt, name, stream, bom=bom, headers=headers, raw=raw, columns=columns)
        yield writer
        writer.close()
        return
    with _destination(Path(name)) as path, _opened(path, name, "w") as fh:
        writer = _text_writer(fmt, name, fh, bom=bom, headers=headers, raw=raw, columns=columns)
        yield writer
        writer.close()


def write_file(output: str, text: str) -> None:
    """Write `text` to the file `output` as UTF-8, replacing it only once it is complete."""
    check_output(output)
    with _destination(Path(output)) as path, _opened(path, output, "w") as fh:
        try:
            fh.write(text)
        except OSError as exc:
            raise OutputError(f"{output}: {os_reason(exc)}") from None


@contextmanager
def _opened(path: Path, name: str, mode: str) -> Iterator[IO]:
    """`path` opened for writing (text as UTF-8), errors of opening and closing as OutputError."""
    try:
        fh = open(path, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""}))
    except OSError as exc:
        raise OutputError(f"{name}: {os_reason(exc)}") from None
    try:
        yield fh
    finally:
        try:
            fh.close()
        except OSError as exc:
            raise OutputError(f"{name}: {os_reason(exc)}") from None


def _copy(book: Path, target: IO[bytes], name: str) -> None:
    try:
        with open(book, "rb") as fh:
            shutil.copyfileobj(fh, target)
        target.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"{name}: {os_reason(exc)}") from None


def _text_writer(fmt: str, name: str, stream: IO[str], *, bom: bool, headers: bool, raw: bool = False,
                 columns: Sequence[str] = FIELDS) -> Writer:
    if fmt == "jsonl":
        return JsonLinesWriter(name, stream, columns=columns)
    if fmt == "json":
        return JsonArrayWriter(name, stream, columns=columns)
    if fmt in ("csv", "tsv"):
        return DelimitedWriter(name, stream, tab=fmt == "tsv", headers=headers, bom=bom, raw=raw, columns=columns)
    raise ValueError(f"no {fmt!r} writer for a file")


def check_output(output: str) -> None:
    """Refuse an output path that cannot be written, before any input is read."""
    target = Path(output)
    if target.is_dir():
        raise OutputError(f"{output}: is a directory")
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"{output}: directory {str(parent)!r} does not exist")


@contextmanager
def _destination(target: Path) -> Iterator[Path]:
    """The path to write: a temporary file beside `target`, moved onto it on success.

    A device or pipe (/dev/full, /dev/stdout) is yielded itself: replacing it would swap
    the device node for a regular file.
    """
    check_output(str(target))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{target}: {os_reason(exc)}") from None
    if mode is not None and not stat.S_ISREG(mode):
        yield target
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"{target}: {os_reason(exc)}") from None
    try:
        yield Path(tmp)
        os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise OutputError(f"{target}: {os_reason(exc)}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
