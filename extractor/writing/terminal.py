"""What a person sees on a terminal: the records table and the highlighted text of `show`,
rendered with rich. The only module outside the command line that uses rich, and only
when a terminal is written to (rich is imported inside the functions).

The table is one per input file, under the file's name. Values are never cut: on a narrow
terminal the less important columns go first (subject, then span, kind, region and text),
and what stays wraps; the marks column shows the qualifier (> ≈ <), a target (→2030) and
a change (Δ), with a key under the table.
"""

from __future__ import annotations

from typing import IO, Optional

from ..logs import visible
from .show import COLOURS, OTHER_COLOUR, clusters, label
from .writer import Writer, format_number, marks, show_value

#: Off a terminal rich would squeeze a table into 80 columns; give it room instead.
_TABLE_WIDTH_OFF_TERMINAL = 200

#: Columns in order of appearance, with the order in which they are dropped when the terminal
#: is too narrow (higher drops first; 0 never drops).
_COLUMNS = (
    ("kind", 3), ("metric", 0), ("value", 0), ("unit", 0), ("±", 0), ("year", 0),
    ("region", 2), ("subject", 5), ("text", 1), ("span", 4),
)
_NO_WRAP = frozenset({"kind", "metric", "value", "±", "year", "span", "unit"})
#: The width a wrapping column needs at least to stay readable (CJK characters count two).
_WRAPPED_MIN = 12


def console(**options):
    """A rich Console on which a closed pipe raises BrokenPipeError, as the standard streams
    do (rich's own handling exits with status 1, which fails `... | head` under pipefail)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError()

    return _Console(**options)


class TableWriter(Writer):
    """A rich table per input file, for a person at a terminal (not a stable format)."""

    def __init__(self, name: str, console):
        super().__init__(name)
        self.console = console

    def _write(self, rows: list[dict]) -> None:
        if not rows:
            return
        self.console.print(records_table(rows, self.console))
        key = marks_key(rows)
        if key:
            self.console.print(key, style="dim", soft_wrap=True)


def records_table(rows: list[dict], target_console):
    """The table of one input's rows, with as many columns as fit the console's width."""
    from rich.cells import cell_len

    cells = [_cells(row) for row in rows]
    widest = {name: max(cell_len(name), *(cell_len(c[name]) for c in cells)) for name, _ in _COLUMNS}
    need = {name: widest[name] if name in _NO_WRAP else min(widest[name], _WRAPPED_MIN) for name in widest}
    dropping = sorted((rank, name) for name, rank in _COLUMNS if rank)
    names = [name for name, _ in _COLUMNS]
    def too_wide() -> bool:
        return sum(need[n] for n in names) + 2 * len(names) > target_console.width

    while dropping and too_wide():
        names.remove(dropping.pop()[1])
    wrapping = set(name for name in names if name not in _NO_WRAP)
    if too_wide():  # a very narrow terminal: the metric's name wraps rather than a value is cut
        wrapping.add("metric")
        need["metric"] = min(widest["metric"], _WRAPPED_MIN)
    return _table(visible(rows[0].get("doc") or ""), names, cells, need, wrapping)


def marks_key(rows: list[dict]) -> str:
    """'> over · →2030 target for 2030 · Δ change': the marks used in `rows`, once each."""
    seen = dict.fromkeys((symbol if not symbol.startswith("→") else "→", meaning.split(" for ")[0])
                         for row in rows for symbol, meaning in marks(row))
    return "  ".join(f"{symbol} {meaning}" for symbol, meaning in seen)


def _cells(row: dict) -> dict:
    """The cells of one row as shown: control characters made visible (`visible`)."""
    cells = {
        "kind": row.get("kind") or "",
        "metric": row.get("metric") or "",
        "value": show_value(row),
        "unit": row.get("unit") or "",
        "±": " ".join(symbol for symbol, _ in marks(row)),
        "year": "" if row.get("year") is None else str(row["year"]),
        "region": row.get("region") or "",
        "subject": row.get("subject") or "",
        "text": row.get("text") or "",
        "span": f"{row.get('start')}-{row.get('end')}",
    }
    return {name: visible(cell) for name, cell in cells.items()}


def _table(title: Optional[str], names: list[str], cells: list[dict], need: dict, wrapping: set):
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for name in names:
        wraps = name in wrapping
        table.add_column(name, justify="right" if name in ("value", "year", "span") else "left",
                         no_wrap=not wraps, overflow="fold" if wraps else "ellipsis",
                         min_width=need[name])
    for row in cells:
        table.add_row(*(row[name] for name in names))
    return table


def table_writer(stdout: Optional[IO[str]], stream: IO[str]) -> Writer:
    # Given no file, rich looks sys.stdout up on every write.
    return TableWriter("<stdout>", console(file=stdout, width=None if stream.isatty() else _TABLE_WIDTH_OFF_TERMINAL))


def to_rich(text: str, rows: list[dict]):
    """The text as a rich Text: each figure in its kind's colour, labels after it, dimmed.
    Control characters of the article (an OSC title-set, a clear-screen) are shown, not obeyed."""
    from rich.text import Text

    out = Text()
    pos = 0
    for start, end, group in clusters(rows):
        out.append(visible(text[pos:start]))
        out.append(visible(text[start:end]), style=COLOURS.get(rows[group[0]]["kind"], OTHER_COLOUR)[0])
        out.append(visible("⟨" + "; ".join(label(rows[i]) for i in group) + "⟩"), style="dim italic")
        pos = max(pos, end)
    out.append(visible(text[pos:]))
    return out


def print_columns(columns, rows: list[dict], *, title: Optional[str] = None, note: Optional[str] = None,
                  stdout: Optional[IO[str]] = None) -> None:
    """Rows of any `columns` (fact rows, a pivot) as a rich table; numbers right-aligned."""
    import sys

    from rich.table import Table

    stream = stdout if stdout is not None else sys.stdout
    out = console(file=stream, width=None if stream.isatty() else _TABLE_WIDTH_OFF_TERMINAL)
    table = Table(title=title, title_justify="left")
    numeric = {c for c in columns if any(isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool)
                                          for r in rows)}
    for column in columns:
        table.add_column(column, justify="right" if column in numeric else "left")
    for row in rows:
        table.add_row(*(_cell(row.get(c), plain=c in _PLAIN) for c in columns))
    out.print(table)
    if note:
        out.print(note)


_PLAIN = frozenset({"year", "start_year", "end_year", "article", "articles"})


def _cell(value, plain: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)) and not plain:
        return format_number(value)
    return str(value)
