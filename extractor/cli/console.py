"""What the command line writes to stderr: error and warning lines and the progress bar.

Standard output carries data (records, tables, reports); everything meant for the person
running the command goes to stderr, one line per event, prefixed with the program name so
it stands out in a pipeline's log. Streams are looked up on every write (not bound once),
so lines still land above rich's progress bar while it redirects stderr.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator, TextIO

import click

from ..logs import PROG, configure_logging, visible  # noqa: F401  (re-exported for the commands)


def error(message: str) -> None:
    """One line on stderr: 'policy-extract: error: <path>: <reason>'."""
    _line(f"{PROG}: error: {message}")


def warning(message: str) -> None:
    _line(f"{PROG}: warning: {message}")


def note(message: str) -> None:
    """A plain status line on stderr (the summary at the end of a run)."""
    _line(f"{PROG}: {message}")


def _line(text: str) -> None:
    """Write one line on stderr, control characters made visible (a file name may hold an
    ESC); a stderr that is gone (the terminal of a dropped ssh session) is not an error."""
    try:
        click.echo(visible(text), err=True)
    except OSError:
        pass


def reopen_closed_streams() -> None:
    """Give a closed standard stream (`policy-extract a.txt >&-`, `<&-`) a stand-in on the
    null device: Python has None there, and every use would fail with AttributeError."""
    import os

    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))


def ensure_utf8(stream: TextIO) -> None:
    """Re-encode `stream` as UTF-8 when the locale chose something else.

    Piped output on Chinese Windows falls back to cp936 and raises UnicodeEncodeError on
    the first character it lacks; records must come out whatever the locale.
    """
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")


class Bar:
    """What a batch does with its progress bar: count a file done, and print output below it."""

    def __init__(self, progress=None, task=None):
        self.progress = progress
        self.task = task

    def advance(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    @contextmanager
    def cleared(self, terminal_output: bool) -> Iterator[None]:
        """Take the bar off the screen while records are printed to the same terminal, so no
        stale bar line is left between two tables; it is drawn again below them."""
        if self.progress is None or not terminal_output:
            yield
            return
        self.progress.stop()  # transient: the bar's lines are erased
        try:
            yield
        finally:
            self.progress.start()


@contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Bar]:
    """A rich progress bar on stderr, gone when the block ends.

    The caller decides `enabled` (stderr is a terminal, more than one file, no --quiet).
    Records never pass through rich's redirection: output for a terminal is printed inside
    `Bar.cleared`, piped output does not touch the screen.
    """
    if not enabled:
        yield Bar()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,
    )
    with bar:
        yield Bar(bar, bar.add_task("extracting", total=total))
