"""The command group: `extract` by default, one line per user error, clean exits on pipes and signals."""

from __future__ import annotations

import os
import sys

import click

from ..version import __version__
from .console import PROG, error

FORMAT_NAMES = ("table", "json", "jsonl", "csv", "tsv", "xlsx")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised like KeyboardInterrupt so that output files are cleaned up;
    the exit status is 128 + the signal's number (143, 129)."""

    def __init__(self, signum: int = 15):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class Failure(click.ClickException):
    """A user error shown as one line, 'policy-extract: error: ...', with its exit code."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        error(self.format_message())


class DefaultGroup(click.Group):
    """A group that runs `extract` unless the first argument names a command.

    `policy-extract a.txt` and `cat a.txt | policy-extract --format csv` then work without
    the sub-command. A file named like a command needs `policy-extract extract show`.
    A first word that is neither a command nor an existing path, and reads like a command
    (`shwo`, `rule`), is a usage error that names the closest command: running an
    extraction of a file that does not exist would only hide the typo.
    """

    default_command = "extract"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and stdin_is_terminal():
            click.echo(ctx.get_help())
            ctx.exit(2)
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help", "--version")):
            if args:
                self._refuse_typo(ctx, args[0])
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def _refuse_typo(self, ctx: click.Context, word: str) -> None:
        import difflib
        import re

        if not re.fullmatch(r"[A-Za-z][A-Za-z_-]{1,20}", word) or os.path.lexists(word):
            return
        names = sorted(self.commands)
        close = difflib.get_close_matches(word.lower(), names, n=1, cutoff=0.5)
        hint = f" Did you mean {close[0]!r}?" if close else f" Commands: {', '.join(names)}."
        raise click.UsageError(f"no command or file named {word!r}.{hint}", ctx)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # the reader went away (`| head`): nothing left to do
            silence_stdout()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo(err=True)
            ctx.exit(130)
        except Terminated as exc:
            ctx.exit(exc.exit_code)


@click.group(PROG, cls=DefaultGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name=PROG, message="%(prog)s %(version)s")
def cli() -> None:
    """Figures in Chinese policy articles as typed, character-grounded records.

    \b
      policy-extract article.txt                  records of one file (a table on a terminal)
      policy-extract samples/ -o figures.xlsx     a folder into a spreadsheet
      cat article.txt | policy-extract --format csv --bom > figures.csv

    Without a command, the arguments go to `extract`. Exit status: 0 when every input was
    read (also when no figure was found), 1 when an input or the output failed, 2 on usage
    or rule-pack errors, 130/143 when interrupted.
    """




def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


