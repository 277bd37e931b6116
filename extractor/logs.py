"""Logging set-up of a run: one line per event on whatever stderr is at the time.

The command line calls it, and so do its worker processes (batch.py), which is why it
lives outside the command-line package and needs neither click nor rich.
"""

from __future__ import annotations

import logging
import re
import sys

PROG = "policy-extract"

# C0 controls but tab, line feed and the CR of a CRLF, DEL, C1 controls, and the bidi
# embeddings, overrides and isolates: what a terminal would obey instead of show (ESC starts a
# title-set or clear-screen sequence, a lone CR overwrites the line, U+202E reverses it).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def visible(text: str) -> str:
    """`text` for a terminal: each control character shown as its escape (ESC -> '\\x1b',
    U+202E -> '\\u202e'), so an article or a file name cannot drive the terminal."""
    return _CONTROLS.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class _StderrHandler(logging.Handler):
    """Log lines on whatever sys.stderr is at the time of the call."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(visible(self.format(record)) + "\n")
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
