"""What a person sees on a terminal: the records table and the highlighted text of `show`,
rendered with rich. The only module outside the command line that uses rich, and only
when a terminal is written to (rich is imported inside the functions)."""

from __future__ import annotations

from typing import IO, Optional

from .show import COLOURS, OTHER_COLOUR, clusters, label
from .writer import Writer, show_value

#: Off a terminal rich would squeeze a table into 80 columns; give it room instead.
_TABLE_WIDTH_OFF_TERMINAL = 200


class TableWriter(Writer):
    """A rich table per input file, for a person at a terminal (not a stable format)."""

    def __init__(self, name: str, console):
        super().__init__(name)
        self.console = console

    def _write(self, rows: list[dict]) -> None:
        from rich.table import Table

        if not rows:
            return
        table = Table(title=rows[0].get("doc"), title_justify="left")
        for column in ("kind", "metric", "value", "unit", "year", "subject", "region", "text", "span"):
            table.add_column(column, justify="right" if column in ("value", "year", "span") else "left")
        for row in rows:
            table.add_row(
                row.get("kind"),
                row.get("metric"),
                show_value(row),
                row.get("unit") or "",
                "" if row.get("year") is None else str(row["year"]),
                row.get("subject") or "",
                row.get("region") or "",
                row.get("text") or "",
                f"{row.get('start')}-{row.get('end')}",
            )
        self.console.print(table)

def table_writer(stdout: Optional[IO[str]], stream: IO[str]) -> Writer:
    from rich.console import Console

    # Given no file, rich looks sys.stdout up on every write, so a progress bar that
    # redirects stdout keeps the tables above itself.
    return TableWriter("<stdout>", Console(file=stdout, width=None if stream.isatty() else _TABLE_WIDTH_OFF_TERMINAL))

def to_rich(text: str, rows: list[dict]):
    """The text as a rich Text: each figure in its kind's colour, labels after it, dimmed."""
    from rich.text import Text

    out = Text()
    pos = 0
    for start, end, group in clusters(rows):
        out.append(text[pos:start])
        out.append(text[start:end], style=COLOURS.get(rows[group[0]]["kind"], OTHER_COLOUR)[0])
        out.append("⟨" + "; ".join(label(rows[i]) for i in group) + "⟩", style="dim italic")
        pos = max(pos, end)
    out.append(text[pos:])
    return out
