"""Logging set-up of a run: one line per event on whatever stderr is at the time.

The command line calls it, and so do its worker processes (batch.py), which is why it
lives outside the command-line package and needs neither click nor rich.
"""

from __future__ import annotations

import logging
import sys

PROG = "policy-extract"


class _StderrHandler(logging.Handler):
    """Log lines on whatever sys.stderr is at the time of the call."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # logging must never take the run down
            self.handleError(record)


def configure_logging(verbosity: int) -> None:
    """WARNING by default, INFO with -v, DEBUG with -vv; only the CLI calls this."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(handler)
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter(f"{PROG}: %(levelname)s: %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
