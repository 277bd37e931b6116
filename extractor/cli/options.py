"""Options shared by several commands, so that they mean the same thing everywhere (as in
sqlite-utils' output_options): output, batch, rules, encoding and verbosity."""

from __future__ import annotations

from typing import Optional

import click

from ..reading.inputs import DEFAULT_GLOBS

FORMAT_NAMES = ("table", "json", "jsonl", "csv", "tsv", "xlsx", "parquet")


def check_encoding(ctx, param, value: Optional[str]) -> Optional[str]:
    from ..reading.decoding import text_codec

    if value is not None:
        try:
            text_codec(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


def check_globs(ctx, param, value):
    if any(not pattern.strip() for pattern in value):
        raise click.BadParameter("an empty pattern matches nothing; give one such as '*.txt'")
    return value


def one_per_core(ctx, param, value: int) -> int:
    """--jobs 0 means as many workers as the machine has cores."""
    import os

    return value if value else (os.cpu_count() or 1)


def encoding_option(f):
    return click.option(
        "--encoding",
        metavar="NAME",
        callback=check_encoding,
        help="Read inputs in this encoding (e.g. gb18030, big5, utf-16-le) instead of detecting it.",
    )(f)


def rules_option(f):
    return click.option(
        "--rules",
        "rule_dirs",
        multiple=True,
        type=click.Path(exists=True, file_okay=False),
        metavar="DIR",
        help="Add the rule pack in DIR to the built-in rules (repeatable).",
    )(f)


def verbose_option(f):
    return click.option("-v", "--verbose", count=True, help="Log more on stderr: -v info, -vv debug.")(f)


def check_dask(ctx, param, value: Optional[str]) -> Optional[str]:
    """ADDRESS of --dask: "local", "local:N" (N >= 1) or a scheduler address."""
    if value is None or value == "local":
        return value
    if value.startswith("local:"):
        count = value.partition(":")[2]
        if not count.isdigit() or int(count) < 1:
            raise click.BadParameter(f"{value!r}: after local: comes the number of workers (1 or more)")
    elif not value.strip():
        raise click.BadParameter("give a scheduler address (tcp://host:8786), local or local:N")
    return value


def dask_option(f):
    return click.option(
        "--dask",
        metavar="ADDRESS",
        callback=check_dask,
        help="Run the batch on the Dask scheduler at ADDRESS (tcp://host:8786), or on a cluster of this "
        "machine's cores (local, or local:N for N workers). PATHs may then be globs and fsspec URLs "
        "(s3://bucket/*.txt), read by the workers. Needs the dask extra.",
    )(f)


def batch_options(f):
    for decorator in reversed(
        (
            rules_option,
            encoding_option,
            click.option(
                "--glob",
                "globs",
                multiple=True,
                default=DEFAULT_GLOBS,
                show_default=True,
                metavar="PATTERN",
                callback=check_globs,
                help="Files to read in a directory (repeatable; case-insensitive).",
            ),
            click.option(
                "-j",
                "--jobs",
                type=click.IntRange(min=0),
                default=1,
                show_default=True,
                callback=one_per_core,
                help="Worker processes; 0 for one per core.",
            ),
            click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line."),
            verbose_option,
        )
    ):
        f = decorator(f)
    return f


def output_options(f):
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
                help="Write to FILE (replaced only when the run finishes) instead of stdout; with --dask, "
                "a DIR/ (or .parquet name) is a Parquet dataset written by the workers.",
            ),
            click.option("--bom/--no-bom", default=False, help="Start CSV/TSV with a UTF-8 BOM, for Excel."),
            click.option("--no-headers", "no_headers", is_flag=True, help="CSV/TSV/XLSX without the header row."),
            click.option("--raw-csv", "raw_csv", is_flag=True,
                         help="CSV/TSV cells exactly as extracted (no ' before a leading = + - @)."),
        )
    ):
        f = decorator(f)
    return f


