"""The `policy-extract` command line: extract, show, eval, rules, schema.

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

import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

import click

from . import __version__
from .contract import KINDS
from .console import PROG, configure_logging, ensure_utf8, error, note, progress_bar, warning
from .inputs import DEFAULT_GLOBS

FORMAT_NAMES = ("table", "json", "jsonl", "csv", "tsv", "xlsx")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so that output files are cleaned up."""


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
    """

    default_command = "extract"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and _stdin_is_terminal():
            click.echo(ctx.get_help())
            ctx.exit(2)
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # the reader went away (`| head`): nothing left to do
            _silence_stdout()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo(err=True)
            ctx.exit(130)
        except Terminated:
            ctx.exit(143)


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


# Options shared by several commands, so that they mean the same thing everywhere.


def _check_encoding(ctx, param, value: Optional[str]) -> Optional[str]:
    import codecs

    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


def _encoding_option(f):
    return click.option(
        "--encoding",
        metavar="NAME",
        callback=_check_encoding,
        help="Read inputs in this encoding (e.g. gb18030, big5, utf-16-le) instead of detecting it.",
    )(f)


def _rules_option(f):
    return click.option(
        "--rules",
        "rule_dirs",
        multiple=True,
        type=click.Path(exists=True, file_okay=False),
        metavar="DIR",
        help="Add the rule pack in DIR to the built-in rules (repeatable).",
    )(f)


def _verbose_option(f):
    return click.option("-v", "--verbose", count=True, help="Log more on stderr: -v info, -vv debug.")(f)


def _batch_options(f):
    for decorator in reversed(
        (
            _rules_option,
            _encoding_option,
            click.option(
                "--glob",
                "globs",
                multiple=True,
                default=DEFAULT_GLOBS,
                show_default=True,
                metavar="PATTERN",
                help="Files to read in a directory (repeatable; case-insensitive).",
            ),
            click.option(
                "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes."
            ),
            click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line."),
            _verbose_option,
        )
    ):
        f = decorator(f)
    return f


def _output_options(f):
    for decorator in reversed(
        (
            click.option(
                "-f",
                "--format",
                "fmt",
                type=click.Choice(FORMAT_NAMES),
                help="Output format [default: table on a terminal, else jsonl; with -o, from its suffix].",
            ),
            click.option(
                "-o",
                "--output",
                metavar="FILE",
                help="Write to FILE (replaced only when the run finishes) instead of stdout.",
            ),
            click.option("--bom/--no-bom", default=False, help="Start CSV/TSV with a UTF-8 BOM, for Excel."),
            click.option("--no-headers", "no_headers", is_flag=True, help="CSV/TSV/XLSX without the header row."),
        )
    ):
        f = decorator(f)
    return f


@cli.command(short_help="Figures of files, folders or stdin as json, jsonl, csv, tsv, xlsx or a table.")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@_output_options
@click.option("--metric", "metrics", multiple=True, metavar="NAME", help="Only records of this metric (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only records of this kind (repeatable).")
@_batch_options
@click.pass_context
def extract(ctx, paths, fmt, output, bom, no_headers, metrics, kinds, rule_dirs, encoding, globs, jobs, quiet, verbose):
    """Extract the figures of each PATH: a file, a directory (walked recursively) or - for stdin.

    Without PATH, standard input is read. Records come out in sorted path order, each
    input's records as soon as it is done. Columns of csv/tsv/xlsx are the record fields
    in their documented order.
    """
    from .export import OutputError, open_writer

    configure_logging(verbose)
    fmt = _resolve_format(fmt, output, bom=bom, headers=not no_headers)
    if not paths:
        if _stdin_is_terminal():
            click.echo(ctx.get_help())
            ctx.exit(2)
        paths = ("-",)
    _check_metrics(metrics, _load_pack(rule_dirs))
    settings = _settings(rule_dirs, encoding, verbose, kinds=kinds, metrics=metrics)
    tally = _Tally()
    sources = _expand(paths, globs, tally)
    if not sources:
        raise Failure("no input to read; nothing was written")
    try:
        with open_writer(fmt, output, bom=bom, headers=not no_headers) as writer:
            _run(sources, settings, jobs, quiet, tally, lambda result: writer.write(result.rows))
    except OutputError as exc:
        if output in (None, "-"):
            _silence_stdout()  # stdout is unusable: its last flush must not fail a second time
        raise Failure(str(exc)) from None
    except (KeyboardInterrupt, Terminated) as exc:
        left = f"; {output} was not written" if output not in (None, "-") else ""
        error(f"interrupted after {tally.done} of {tally.total} files{left}")
        ctx.exit(130 if isinstance(exc, KeyboardInterrupt) else 143)
    if not quiet:
        tally.summary()
    ctx.exit(1 if tally.failed else 0)


@cli.command(short_help="One article with its figures highlighted (terminal or --html page).")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--html", "html_path", metavar="OUT.html", help="Write one self-contained HTML page instead.")
@_rules_option
@_encoding_option
@_verbose_option
def show(file, html_path, rule_dirs, encoding, verbose):
    """Show FILE (or - for stdin) with every figure highlighted and labelled.

    With --html, write a page with the highlighted text and a table of the records,
    to check an article at a glance.
    """
    from .api import extract_document
    from .batch import read_source
    from .errors import InputError
    from .export import OutputError, check_output, write_file
    from .inputs import Source
    from .show import legend, to_html, to_rich

    configure_logging(verbose)
    pack = _load_pack(rule_dirs)
    try:
        if html_path:
            check_output(html_path)
        source = Source("-", data=sys.stdin.buffer.read() or b"") if file == "-" else Source(file)
        decoded = read_source(source, encoding)
    except (InputError, OutputError) as exc:
        raise Failure(str(exc)) from None
    if decoded.note:
        warning(f"{file}: {decoded.note}")
    rows = [record.model_dump(mode="json") for record in extract_document(decoded.text, doc=file, rules=pack).records]
    if html_path:
        try:
            write_file(html_path, to_html(file, decoded.text, rows))
        except OutputError as exc:
            raise Failure(str(exc)) from None
        note(f"wrote {html_path}: {len(rows)} records ({legend(rows)})")
        return
    from rich.console import Console

    console = Console(highlight=False)
    console.print(to_rich(decoded.text, rows), soft_wrap=True, end="" if decoded.text.endswith("\n") else "\n")
    console.print(f"[dim]{len(rows)} records: {legend(rows)}[/dim]", soft_wrap=True)


@cli.command("eval", short_help="Precision, recall and F1 against gold JSON Lines.")
@click.option(
    "--gold",
    "gold_paths",
    multiple=True,
    required=True,
    type=click.Path(exists=True),
    metavar="GOLD",
    help="Gold JSON Lines file, or a directory of *.gold.jsonl (repeatable).",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--show-errors", is_flag=True, help="List missed gold lines and false positives.")
@click.option("--min-f1", type=click.FloatRange(0, 1), metavar="X", help="Exit 1 when overall F1 is below X.")
@_batch_options
@click.pass_context
def evaluate(ctx, gold_paths, paths, show_errors, min_f1, rule_dirs, encoding, globs, jobs, quiet, verbose):
    """Score extraction of PATH... against gold: precision, recall, F1, year and metric accuracy.

    Matching follows the output contract: same file name, kind and value (periods: start
    and end year), overlapping spans; predictions matched to optional gold are not counted.
    """
    from .errors import InputError
    from .evaluate import format_errors, format_report, load_gold, restrict, score

    configure_logging(verbose)
    try:
        gold = load_gold([Path(p) for p in gold_paths])
    except InputError as exc:
        raise Failure(str(exc)) from None
    _load_pack(rule_dirs)
    settings = _settings(rule_dirs, encoding, verbose)
    tally = _Tally()
    predictions: list[dict] = []
    sources = _expand(paths, globs, tally)
    _run(sources, settings, jobs, quiet, tally, lambda result: predictions.extend(result.rows))
    kept, gold_lines, notes = restrict(predictions, gold, [s.name for s in sources])
    for line in notes:
        warning(line)
    scores = score(kept, gold_lines)
    click.echo(format_report(scores))
    if show_errors:
        click.echo()
        click.echo(format_errors(scores))
    if not quiet:
        tally.summary()
    code = 1 if tally.failed else 0
    f1 = scores.overall.f1
    if min_f1 is not None and (f1 is None or f1 < min_f1):
        error(f"F1 {'undefined' if f1 is None else f'{f1:.3f}'} is below --min-f1 {min_f1}")
        code = 1
    ctx.exit(code)


@cli.group()
def rules() -> None:
    """List the named metrics, or check a rule pack."""


@rules.command("list")
@_rules_option
def rules_list(rule_dirs):
    """Named metrics: kinds, keyword and example counts, and the rule file of each."""
    pack = _load_pack(rule_dirs)
    rows = []
    for name, metric in sorted(pack.metrics.items()):
        label = pack.metric_files[name]
        rule_file = pack.files[label]
        examples = len(rule_file.examples) + len(rule_file.negatives)
        rows.append((name, ",".join(metric.kinds), str(len(metric.keywords.all())), str(examples), label))
    _echo_columns(("metric", "kinds", "keywords", "examples", "file"), rows)


@rules.command("check")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.pass_context
def rules_check(ctx, directory):
    """Validate the rule pack in DIRECTORY and run its examples; failures name file and entry."""
    from .errors import RuleError
    from .rules import check_examples, load_rules

    folder = Path(directory)
    try:
        pack = load_rules([folder])
    except RuleError as exc:
        raise Failure(str(exc), exit_code=2) from None
    own = [rule_file for label, rule_file in pack.files.items() if _inside(label, folder)]
    examples = sum(len(rule_file.examples) + len(rule_file.negatives) for rule_file in own)
    failures = check_examples(pack, only_dir=folder)
    for failure in failures:
        click.echo(f"{failure.file}: {failure.entry}: {failure.message}")
    if failures:
        error(f"{len(failures)} of {examples} examples failed")
        ctx.exit(1)
    click.echo(f"ok: {len(own)} rule files, {examples} examples in {directory}")


@cli.command(short_help="The JSON Schema of a record.")
def schema():
    """The JSON Schema of one record (a union of the kinds, discriminated by `kind`)."""
    import json

    from .records import record_schema

    click.echo(json.dumps(record_schema(), ensure_ascii=False, indent=2))


# Helpers of the commands above.


@dataclass
class _Tally:
    """Progress of a batch, for the summary line and the message on interruption."""

    total: int = 0
    done: int = 0
    records: int = 0
    failed: int = 0
    started: float = 0.0

    def summary(self) -> None:
        seconds = time.monotonic() - self.started
        note(f"{self.done} files, {self.records} records, {self.failed} failed, {seconds:.1f} s")


def _expand(paths: Sequence[str], globs: Sequence[str], tally: _Tally):
    """Sources of the PATH arguments; each argument that gave none is reported and counted."""
    from .inputs import expand

    tally.started = time.monotonic()
    expansion = expand(paths, globs)
    for problem in expansion.errors:
        error(str(problem))
    tally.failed += len(expansion.errors)
    tally.total = len(expansion.sources)
    return expansion.sources


def _run(sources, settings, jobs: int, quiet: bool, tally: _Tally, consume: Callable) -> None:
    """Extract every source in order, report each failure, hand each result to `consume`."""
    from contextlib import closing

    from .batch import run

    show_bar = not quiet and len(sources) > 1 and sys.stderr.isatty()
    with progress_bar(len(sources), show_bar) as advance, closing(run(sources, settings, jobs)) as results:
        for result in results:
            for line in result.warnings:
                warning(line)
            if result.error:
                error(result.error)
                tally.failed += 1
            else:
                consume(result)
                tally.records += len(result.rows)
            if not result.partial:
                tally.done += 1
                advance()


def _settings(rule_dirs, encoding, verbose, kinds=(), metrics=()):
    from .batch import Settings

    return Settings(
        rule_dirs=tuple(rule_dirs),
        encoding=encoding,
        kinds=frozenset(kinds),
        metrics=frozenset(metrics),
        verbosity=verbose,
    )


def _load_pack(rule_dirs: Sequence[str]):
    """The run's rule pack; a pack that does not validate is a usage error (exit 2)."""
    from .batch import rule_pack
    from .errors import RuleError

    try:
        return rule_pack(tuple(rule_dirs))
    except RuleError as exc:
        raise Failure(str(exc), exit_code=2) from None


def _check_metrics(metrics: Sequence[str], pack) -> None:
    known = set(pack.metrics) | set(KINDS)
    unknown = [m for m in metrics if m not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown metric {', '.join(map(repr, unknown))}; known: {', '.join(sorted(known))}",
            param_hint="'--metric'",
        )


def _resolve_format(fmt: Optional[str], output: Optional[str], *, bom: bool, headers: bool) -> str:
    """The output format, from --format, the suffix of --output, or whether stdout is a terminal."""
    from .export import format_for_path

    to_file = output not in (None, "-")
    if fmt is None and to_file:
        fmt = format_for_path(output)
        if fmt is None:
            raise click.BadParameter(
                f"cannot tell the format from {output!r}; use a .json, .jsonl, .csv, .tsv or .xlsx name, or --format",
                param_hint="'-o' / '--output'",
            )
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "jsonl"
    if fmt == "table" and to_file:
        raise click.UsageError("the table format is for terminals; write a file as json, jsonl, csv, tsv or xlsx")
    if fmt == "xlsx" and not to_file and sys.stdout.isatty():
        raise click.UsageError("xlsx is binary; write it to a file with -o FILE.xlsx")
    if bom and fmt not in ("csv", "tsv"):
        raise click.UsageError("--bom applies to csv and tsv only")
    if not headers and fmt not in ("csv", "tsv", "xlsx"):
        raise click.UsageError("--no-headers applies to csv, tsv and xlsx only")
    return fmt


def _inside(file, folder: Path) -> bool:
    try:
        Path(file).resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _echo_columns(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Rows in aligned plain-text columns: the same on a terminal, in a pipe and in tests."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    for row in (headers, *rows):
        click.echo("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Console-script entry point: UTF-8 streams, SIGTERM as an exception, a clean exit code."""
    from .inputs import os_reason

    for stream in (sys.stdout, sys.stderr):
        ensure_utf8(stream)
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name=PROG, standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.Abort:
        code = 130
    except Terminated:
        code = 143
    except OSError as exc:  # stdout on a full disk, say: one line, no traceback
        error(f"{exc.filename}: {os_reason(exc)}" if exc.filename else os_reason(exc))
        _silence_stdout()
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:
        error(f"<stdout>: {os_reason(exc)}")
        _silence_stdout()
        code = 1
    sys.exit(code if isinstance(code, int) else 0)
