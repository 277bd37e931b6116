"""The `eval` command."""

from __future__ import annotations

from pathlib import Path

import click

from .console import configure_logging, error, warning
from .group import Failure
from .options import batch_options
from .running import Tally, batch_settings, expand_paths, load_pack, run_batch


@click.command("eval", short_help="Precision, recall and F1 against gold JSON Lines.")
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
@click.option(
    "--show-errors",
    is_flag=True,
    help="List missed gold lines, false positives and wrong metric, year, region, target or change of matched figures.",
)
@click.option("--json", "as_json", is_flag=True, help="Print every score as one JSON object (with --show-errors, the errors too).")
@click.option("--min-f1", type=click.FloatRange(0, 1), metavar="X", help="Exit 1 when overall F1 is below X.")
@batch_options
@click.pass_context
def evaluate(ctx, gold_paths, paths, show_errors, as_json, min_f1, rule_dirs, encoding, globs, jobs, quiet, verbose):
    """Score extraction of PATH... against gold: precision, recall and F1 overall, per kind and
    per metric; year and metric accuracy; named-metric precision and recall; accuracy and F1
    of target and change; region accuracy and year exactness, overall and per kind.

    Matching follows the output contract: same file name, kind and value (periods: start
    and end year), overlapping spans; predictions matched to optional gold are not counted.
    """
    import json

    from ..errors import InputError
    from ..evaluate import (
        format_errors,
        format_report,
        load_gold,
        report_json,
        restrict,
        score,
    )

    configure_logging(verbose)
    try:
        gold = load_gold([Path(p) for p in gold_paths])
    except InputError as exc:
        raise Failure(str(exc)) from None
    load_pack(rule_dirs)
    settings = batch_settings(rule_dirs, encoding, verbose)
    tally = Tally()
    predictions: list[dict] = []
    sources = expand_paths(paths, globs, tally)
    run_batch(sources, settings, jobs, quiet, tally, lambda result: predictions.extend(result.rows))
    kept, gold_lines, notes = restrict(predictions, gold, [s.name for s in sources])
    for line in notes:
        warning(line)
    scores = score(kept, gold_lines)
    if as_json:
        click.echo(json.dumps(report_json(scores, notes, errors=show_errors), ensure_ascii=False, indent=2))
    else:
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


