"""What the batch commands share: expanding PATH arguments, running the batch with a progress
bar, counting, the summary line, the rule pack, and the output format."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

import click

from ..contract import KINDS
from .console import error, note, progress_bar, warning
from .group import Failure, stdin_is_terminal


# Below this share of the cores' time spent working, the summary line says the run waited.
BUSY_SHARE = 0.75


@dataclass
class Tally:
    """Progress of a batch, for the summary line and the message on interruption."""

    total: int = 0
    done: int = 0
    records: int = 0
    failed: int = 0
    started: float = 0.0
    #: The PATH arguments that gave no input (missing, empty folder), as InputErrors.
    unread: list = field(default_factory=list)
    workers: int = 1
    cpu_started: float = 0.0

    def summary(self) -> None:
        seconds = time.monotonic() - self.started
        line = f"{self.done} files, {self.records} records, {self.failed} failed, {seconds:.1f} s"
        note(line + self.waited(seconds))

    def waited(self, seconds: float) -> str:
        """What the summary adds when the run's processes had the CPU much less than the
        wall time (other programs on busy cores, or a slow disk): CPU time against wall time,
        so that a slow run is understood. Workers' time counts once they have ended."""
        cpu = cpu_seconds() - self.cpu_started
        capacity = seconds * self.workers
        if seconds < 1.0 or cpu >= BUSY_SHARE * capacity:
            return ""
        who = f"{self.workers} workers" if self.workers > 1 else "it"
        return (f"; CPU {cpu:.1f} s of {self.workers} x {seconds:.1f} s:"
                f" {who} waited {1 - cpu / capacity:.0%} of the time (cores busy with other work?)")


def cpu_seconds() -> float:
    """CPU time of this process and of its ended children (the workers), user and system."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def expand_paths(paths: Sequence[str], globs: Sequence[str], tally: Tally):
    """Sources of the PATH arguments; each argument that gave none is reported and counted."""
    from ..reading.inputs import expand

    tally.started = time.monotonic()
    tally.cpu_started = cpu_seconds()
    expansion = expand(paths, globs)
    for problem in expansion.errors:
        error(str(problem))
    tally.failed += len(expansion.errors)
    tally.unread = list(expansion.errors)
    tally.total = len(expansion.sources)
    return expansion.sources


def refuse_output_among_inputs(output: Optional[str], sources, paths: Sequence[str], globs: Sequence[str]) -> None:
    """Stop before anything is read when -o names one of the inputs (`a.txt -o a.txt`), or a
    file that a folder being read would take as an input (`in/ -f jsonl -o in/out.txt`):
    the run would overwrite what it reads, or read its own output next time."""
    import os

    from ..errors import display_name
    from ..reading.inputs import matches

    if output in (None, "-"):
        return
    try:
        target = os.stat(output)
    except OSError:
        target = None
    if target is not None:
        for source in sources:
            if source.path is None:
                continue
            try:
                if os.path.samestat(target, os.stat(source.name)):
                    raise Failure(f"{display_name(output)}: is also an input ({display_name(source.name)}); "
                                  "choose another -o, nothing was read", exit_code=2)
            except OSError:
                continue
    for path in paths:
        if path not in ("", "-") and os.path.isdir(path) and inside(output, Path(path)) and matches(Path(output), globs):
            raise Failure(f"{display_name(output)}: lies in {display_name(path)} and matches --glob, so it would be "
                          "read as an input; choose another -o, nothing was read", exit_code=2)


def run_batch(sources, settings, jobs: int, quiet: bool, tally: Tally, consume: Callable,
              on_file: Optional[Callable[[str, int, Optional[str]], None]] = None, results=None) -> None:
    """Extract every source in order, report each failure, hand each result to `consume`,
    and tell `on_file` (name, records, error) when an input is done.

    `results` replaces the local run (batch.run) by another iterator of the same
    FileResults in order, such as a cluster's (cluster.run).
    """
    from contextlib import closing

    from ..batch import run, workers
    from ..errors import display_name

    tally.workers = workers(jobs, len(sources))
    show_bar = not quiet and len(sources) > 1 and sys.stderr.isatty()
    to_terminal = sys.stdout.isatty()
    records_of_file = 0
    if results is None:
        results = run(sources, settings, jobs)
    with progress_bar(len(sources), show_bar) as bar, closing(results):
        for result in results:
            for line in result.warnings:
                warning(line)
            if result.error:
                error(result.error)
                tally.failed += 1
            else:
                with bar.cleared(to_terminal and bool(result.rows)):
                    consume(result)
                tally.records += result.records
                records_of_file += result.records
            if not result.partial:
                tally.done += 1
                bar.advance()
                if on_file is not None:
                    on_file(display_name(result.name), records_of_file, result.error)
                records_of_file = 0


def batch_settings(rule_dirs, encoding, verbose, kinds=(), metrics=(), target=None):
    from ..batch import Settings

    return Settings(
        rule_dirs=tuple(rule_dirs),
        encoding=encoding,
        kinds=frozenset(kinds),
        metrics=frozenset(metrics),
        target=target,
        verbosity=verbose,
    )


def load_pack(rule_dirs: Sequence[str]):
    """The run's rule pack; a pack that does not validate is a usage error (exit 2)."""
    from ..batch import rule_pack
    from ..errors import RuleError

    try:
        return rule_pack(tuple(rule_dirs))
    except RuleError as exc:
        raise Failure(str(exc), exit_code=2) from None


def check_metrics(metrics: Sequence[str], pack) -> None:
    if not metrics:
        return  # (the pack's files are read only when needed)
    known = set(pack.metrics) | set(KINDS)
    unknown = [m for m in metrics if m not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown metric {', '.join(map(repr, unknown))}; known: {', '.join(sorted(known))}",
            param_hint="'--metric'",
        )


def resolve_format(fmt: Optional[str], output: Optional[str], *, bom: bool, headers: bool,
                   dataset: bool = False) -> str:
    """The output format, from --format, the suffix of --output, or whether stdout is a terminal.

    With `dataset` (a run on a cluster), an output that names a directory (DIR/, or one
    that exists) is a Parquet dataset.
    """
    from ..writing.export import format_for_path

    to_file = output not in (None, "-")
    if fmt is None and to_file and dataset and (output.endswith("/") or Path(output).is_dir()):
        fmt = "parquet"
    if fmt is None and to_file:
        fmt = format_for_path(output)
        if fmt is None:
            raise click.BadParameter(
                f"cannot tell the format from {output!r}; use a .json, .jsonl, .csv, .tsv, .xlsx or .parquet name, or --format",
                param_hint="'-o' / '--output'",
            )
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "jsonl"
    if fmt == "table" and to_file:
        raise click.UsageError("the table format is for terminals; write a file as json, jsonl, csv, tsv, xlsx or parquet")
    if fmt == "xlsx" and not to_file and sys.stdout.isatty():
        raise click.UsageError("xlsx is binary; write it to a file with -o FILE.xlsx")
    if fmt == "parquet":
        if not to_file:
            raise click.UsageError("Parquet is written to a file: use -o FILE.parquet (with --dask, -o DIR/)")
        require_extra("pyarrow", "Parquet output")
    if bom and fmt not in ("csv", "tsv"):
        raise click.UsageError("--bom applies to csv and tsv only")
    if not headers and fmt not in ("csv", "tsv", "xlsx"):
        raise click.UsageError("--no-headers applies to csv, tsv and xlsx only")
    return fmt


def require_extra(module: str, what: str) -> None:
    """One line naming the extra to install when `module` is missing (found, not imported)."""
    from importlib.util import find_spec

    try:
        found = find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise Failure(f"{what} needs the dask extra: pip install 'policy-extract[dask]'", exit_code=2)


def inside(file, folder: Path) -> bool:
    try:
        Path(file).resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def echo_columns(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Rows in aligned plain-text columns: the same on a terminal, in a pipe and in tests."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    for row in (headers, *rows):
        click.echo("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())


def paths_or_stdin(ctx: click.Context, paths: Sequence[str]) -> Sequence[str]:
    """The PATH arguments, or standard input ("-") when there are none; with none and a
    terminal on stdin, the command's help (exit 2) instead of waiting for typing."""
    if paths:
        return paths
    if stdin_is_terminal():
        click.echo(ctx.get_help())
        ctx.exit(2)
    return ("-",)
