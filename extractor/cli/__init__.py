"""The `policy-extract` command line: extract, facts, show, eval, rules, schema.

Conventions users of such tools expect (as in sqlite-utils): data on stdout, one line per problem
on stderr ("policy-extract: error: <path>: <reason>"), exit 0 when every input was read
(also when no figure was found), 1 when any input or output failed, 2 on usage and rule
errors, 130/143 when interrupted. A batch goes on past a bad input. No traceback for a
user's error, and `| head` ends quietly.

Only click and the standard library are imported at start-up: the rule pack, pydantic
records, the engine and jieba load inside the command that needs them, so `--help` and
`--version` answer at once.
"""

from __future__ import annotations

import signal
import sys
from typing import Optional, Sequence

import click

from .console import PROG, ensure_utf8, error, reopen_closed_streams
from .evaluate import evaluate
from .extract import extract
from .facts import facts
from .group import Terminated, cli, silence_stdout
from .rules import rules
from .schema import schema
from .show import show

for _command in (extract, facts, show, evaluate, rules, schema):
    cli.add_command(_command)

def _on_signal(signum, frame) -> None:
    raise Terminated(signum)


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Console-script entry point: UTF-8 streams, SIGTERM and SIGHUP as an exception, a
    clean exit code; Ctrl-C or a signal at any moment ends quietly."""
    try:
        code = _main(argv)
    except KeyboardInterrupt:
        code = 130
    except Terminated as exc:
        code = exc.exit_code
    sys.exit(code)


def _main(argv: Optional[Sequence[str]]) -> int:
    from ..reading.inputs import os_reason

    reopen_closed_streams()
    for stream in (sys.stdout, sys.stderr):
        ensure_utf8(stream)
    signal.signal(signal.SIGTERM, _on_signal)
    if hasattr(signal, "SIGHUP"):  # an ssh session dropping: clean up as for SIGTERM
        signal.signal(signal.SIGHUP, _on_signal)
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name=PROG, standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.Abort:
        code = 130
    except Terminated as exc:
        code = exc.exit_code
    except OSError as exc:  # stdout on a full disk, say: one line, no traceback
        error(f"{exc.filename}: {os_reason(exc)}" if exc.filename else os_reason(exc))
        silence_stdout()
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except OSError as exc:
        error(f"<stdout>: {os_reason(exc)}")
        silence_stdout()
        code = 1
    return code if isinstance(code, int) else 0
