"""The `facts` command: one row per place, indicator and year across the inputs."""

from __future__ import annotations

from pathlib import Path

import click

from ..contract import KINDS
from .console import configure_logging, error, note
from .group import Failure, silence_stdout
from .options import batch_options, output_options
from .running import (
    Tally,
    batch_settings,
    check_metrics,
    expand_paths,
    load_pack,
    paths_or_stdin,
    resolve_format,
    run_batch,
)

#: What the terminal table shows of a fact (every column goes to the files).
SHOWN = ("region_zh", "region_en", "metric", "year", "target", "change", "value", "unit", "articles", "agree",
         "conflict")


@click.command(short_help="One row per place, metric and year, with sources and conflicts.")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@output_options
@click.option("--all", "all_kinds", is_flag=True, help="Every kind of figure, not only named metrics.")
@click.option("--metric", "metrics", multiple=True, metavar="NAME", help="Only facts of this metric (repeatable).")
@click.option("--pivot", metavar="METRIC", help="Region x year table of METRIC (targets and conflicts marked).")
@click.option("--chart", metavar="METRIC", help="Draw METRIC over the years per region to -o FILE.svg|png.")
@batch_options
@click.pass_context
def facts(ctx, paths, fmt, output, bom, no_headers, raw_csv, all_kinds, metrics, pivot, chart, rule_dirs, encoding, globs,
          jobs, quiet, verbose):
    """Fold the figures of each PATH into facts: one row per (region, metric, year or period,
    target, change, unit) with the value, how many articles state it, whether they agree,
    every value when they do not, and the sources.

    A PATH is what `extract` reads (a file, a directory, - for stdin) or a records file
    that `extract` wrote (.jsonl, .json, .csv, .tsv, .parquet), so a corpus is extracted
    once and summarised many times. Only figures with a known region and a year (or a
    period) make facts; by default only named metrics (--all for every kind).
    """
    configure_logging(verbose)
    if pivot and chart:
        raise click.UsageError("use one of --pivot and --chart")
    if chart:
        if output in (None, "-"):
            raise click.UsageError("--chart writes a file: -o chart.svg or -o chart.png")
        if fmt or bom or no_headers:
            raise click.UsageError("--chart writes an .svg or .png picture; --format, --bom and --no-headers do not apply")
    else:
        fmt = resolve_format(fmt, output, bom=bom, headers=not no_headers)
    paths = paths_or_stdin(ctx, paths)
    pack = load_pack(rule_dirs)
    check_metrics(metrics, pack)
    for name in filter(None, (pivot, chart)):
        if name not in pack.metrics and name not in KINDS:
            raise click.BadParameter(f"unknown metric {name!r}", param_hint="'--pivot' / '--chart'")
    tally = Tally()
    rows = _read_inputs(paths, globs, batch_settings(rule_dirs, encoding, verbose), jobs, quiet, tally)
    from .. import facts as corpus

    from ..writing.chart import ChartError
    from ..writing.writer import OutputError

    wanted = pivot or chart
    kinds_asked = wanted in KINDS or any(m in KINDS for m in metrics)  # --metric count: plain counts
    found = corpus.table(rows, all_kinds=all_kinds or kinds_asked, rules=pack)
    if metrics:
        found = [f for f in found if f.metric in metrics]
    try:
        if chart:
            _chart(corpus.pivot(found, chart), output)
        elif pivot:
            _pivot(corpus.pivot(found, pivot), fmt, output, bom, no_headers, raw_csv)
        else:
            _facts(corpus, found, fmt, output, bom, no_headers, raw_csv)
    except (OutputError, ChartError) as exc:
        if output in (None, "-") and isinstance(exc, OutputError):
            silence_stdout()  # stdout is unusable: its last flush must not fail a second time
        raise Failure(str(exc)) from None
    if not quiet:
        conflicts = sum(not f.agree for f in found)
        tally.summary()
        note(f"{len(found)} facts from {len(rows)} records, {conflicts} with conflicting values")
    ctx.exit(1 if tally.failed else 0)


def _read_inputs(paths, globs, settings, jobs, quiet, tally: Tally) -> list[dict]:
    """Rows of every PATH: records files read back, everything else extracted."""
    from ..errors import InputError
    from ..reading.recordfiles import is_records_file, read_records

    import time

    tally.started = time.monotonic()
    rows: list[dict] = []
    texts = []
    for path in paths:
        if path != "-" and is_records_file(path) and Path(path).is_file():
            try:
                rows.extend(read_records(Path(path)))
                tally.done += 1
            except InputError as exc:
                error(str(exc))
                tally.failed += 1
        else:
            texts.append(path)
    if texts:
        sources = expand_paths(texts, globs, tally)
        run_batch(sources, settings, jobs, quiet, tally, lambda result: rows.extend(result.rows))
    tally.records = len(rows)
    if not rows and tally.failed:
        raise Failure("no input could be read; nothing was written")
    return rows


def _facts(corpus, found, fmt, output, bom, no_headers, raw_csv) -> None:
    if fmt == "table":
        from ..writing.terminal import print_columns

        rows = [corpus.flat(f) for f in found]
        for row in rows:
            if row["year"] is None and (row["start_year"] or row["end_year"]):
                row["year"] = f"{row['start_year'] or '…'}–{row['end_year'] or '…'}"
        print_columns(SHOWN, rows)
        return
    if fmt == "xlsx":
        from ..writing.workbook import write_workbook

        flat = [corpus.flat(f) for f in found]
        write_workbook(output, [
            ("facts", corpus.COLUMNS, flat),
            ("conflicts", corpus.COLUMNS, [row for row, f in zip(flat, found) if not f.agree]),
            ("sources", corpus.SOURCE_COLUMNS, corpus.source_rows(found)),
        ], headers=not no_headers)
        return
    from ..writing.export import open_writer

    rows = [f.model_dump() for f in found] if fmt in ("json", "jsonl") else [corpus.flat(f) for f in found]
    with open_writer(fmt, output, bom=bom, headers=not no_headers, raw=raw_csv, columns=corpus.COLUMNS) as writer:
        writer.write(rows)


def _pivot(table, fmt, output, bom, no_headers, raw_csv) -> None:
    if fmt == "table":
        from ..writing.terminal import print_columns

        names, rows = table.display()
        title = f"{table.metric}" + (f" ({table.unit})" if table.unit else "")
        print_columns(names, rows, title=title, note="! the sources disagree (see conflicts)")
        return
    names, rows = table.table()
    if fmt == "xlsx":
        from ..writing.workbook import write_workbook

        write_workbook(output, [("pivot", names, rows)], headers=not no_headers)
        return
    from ..writing.export import open_writer

    with open_writer(fmt, output, bom=bom, headers=not no_headers, raw=raw_csv, columns=names) as writer:
        writer.write(rows)


def _chart(table, output) -> None:
    from ..writing.chart import draw_chart

    series = draw_chart(table, output)
    note(f"wrote {output}: {table.metric}, {series} regions")
