"""What the command line writes to stderr: error and warning lines and the progress bar.

Standard output carries data (records, tables, reports); everything meant for the person
running the command goes to stderr, one line per event, prefixed with the program name so
it stands out in a pipeline's log. Streams are looked up on every write (not bound once),
so lines still land above rich's progress bar while it redirects stderr.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

import click

from ..logs import PROG, configure_logging  # noqa: F401  (re-exported for the commands)


def error(message: str) -> None:
    """One line on stderr: 'policy-extract: error: <path>: <reason>'."""
    click.echo(f"{PROG}: error: {message}", err=True)


def warning(message: str) -> None:
    click.echo(f"{PROG}: warning: {message}", err=True)


def note(message: str) -> None:
    """A plain status line on stderr (the summary at the end of a run)."""
    click.echo(f"{PROG}: {message}", err=True)


def ensure_utf8(stream: TextIO) -> None:
    """Re-encode `stream` as UTF-8 when the locale chose something else.

    Piped output on Chinese Windows falls back to cp936 and raises UnicodeEncodeError on
    the first character it lacks; records must come out whatever the locale.
    """
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")


@contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr; yields the function that counts one file done.

    The caller decides `enabled` (stderr is a terminal, more than one file, no --quiet).
    Stdout is redirected through the bar only when it is the same kind of thing, a
    terminal: piped records must never pass through rich.
    """
    if not enabled:
        yield lambda: None
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
        redirect_stdout=sys.stdout.isatty(),
    )
    with bar:
        task = bar.add_task("extracting", total=total)
        yield lambda: bar.advance(task)
