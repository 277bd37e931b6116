"""The `extract` command."""

from __future__ import annotations

import click

from ..contract import KINDS
from .console import configure_logging, error
from .group import Failure, Terminated, silence_stdout
from .options import batch_options, dask_option, output_options
from .running import (
    Tally,
    batch_settings,
    check_metrics,
    expand_paths,
    load_pack,
    paths_or_stdin,
    refuse_output_among_inputs,
    resolve_format,
    run_batch,
)


@click.command(short_help="Figures of files, folders or stdin as json, jsonl, csv, tsv, xlsx, parquet or a table.")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@output_options
@click.option("--metric", "metrics", multiple=True, metavar="NAME", help="Only records of this metric (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only records of this kind (repeatable).")
@click.option("--target/--no-target", "target", default=None,
              help="Only targets (goals, plan targets, projections), or only values reached.")
@batch_options
@dask_option
@click.pass_context
def extract(ctx, paths, fmt, output, bom, no_headers, raw_csv, metrics, kinds, target, rule_dirs, encoding, globs, jobs,
            quiet, verbose, dask):
    """Extract the figures of each PATH: a file, a directory (walked recursively) or - for stdin.

    Without PATH, standard input is read. Records come out in sorted path order, each
    input's records as soon as it is done. Columns of csv/tsv/xlsx/parquet are the record
    fields in their documented order.
    """
    from ..writing.export import OutputError, open_writer

    configure_logging(verbose)
    if dask is not None:
        from .cluster import check_extra

        check_extra()
        if jobs != 1:
            raise click.UsageError("--jobs is for one machine; with --dask the cluster's workers run the batch")
    fmt = resolve_format(fmt, output, bom=bom, headers=not no_headers, dataset=dask is not None)
    if raw_csv and fmt not in ("csv", "tsv"):
        raise click.UsageError("--raw-csv applies to csv and tsv only")
    paths = paths_or_stdin(ctx, paths)
    pack = load_pack(rule_dirs)
    check_metrics(metrics, pack)
    settings = batch_settings(rule_dirs, encoding, verbose, kinds=kinds, metrics=metrics, target=target)
    tally = Tally()
    if dask is None:
        sources = expand_paths(paths, globs, tally)
    else:
        from .cluster import expand_inputs

        sources = expand_inputs(paths, globs, tally)
    if not sources:
        raise Failure("no input to read; nothing was written")
    refuse_output_among_inputs(output, sources, paths, globs)
    try:
        if dask is None:
            with open_writer(fmt, output, bom=bom, headers=not no_headers, raw=raw_csv) as writer:
                for problem in tally.unread:
                    writer.file_done(str(problem.path), 0, problem.reason)
                run_batch(sources, settings, jobs, quiet, tally, lambda result: writer.write(result.rows),
                          writer.file_done)
        else:
            from .cluster import run_on_cluster

            run_on_cluster(dask, sources, settings, pack, tally, fmt=fmt, output=output, bom=bom,
                           headers=not no_headers, quiet=quiet, verbose=verbose)
    except OutputError as exc:
        if output in (None, "-"):
            silence_stdout()  # stdout is unusable: its last flush must not fail a second time
        raise Failure(str(exc)) from None
    except (KeyboardInterrupt, Terminated) as exc:
        left = f"; {output} was not written" if output not in (None, "-") else ""
        error(f"interrupted after {tally.done} of {tally.total} files{left}")
        ctx.exit(130 if isinstance(exc, KeyboardInterrupt) else exc.exit_code)
    if not quiet:
        tally.summary()
    ctx.exit(1 if tally.failed else 0)


