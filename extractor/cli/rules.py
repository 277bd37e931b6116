"""The `rules` command."""

from __future__ import annotations

from pathlib import Path

import click

from .console import error
from .group import Failure
from .options import rules_option
from .running import echo_columns, inside, load_pack


@click.group()
def rules() -> None:
    """List the named metrics, or check a rule pack."""


@rules.command("list")
@rules_option
def rules_list(rule_dirs):
    """Named metrics: kinds, keyword and example counts, rule file and description of each
    (growth metrics are derived from their amount's file by the growth rule)."""
    pack = load_pack(rule_dirs)
    rows = []
    for name, metric in sorted(pack.metrics.items()):
        label = pack.metric_files[name]
        rule_file = pack.files[label]
        examples = len(rule_file.examples) + len(rule_file.negatives)
        rows.append((name, ",".join(metric.kinds), str(len(metric.keywords.all())), str(examples), label,
                     metric.description))
    echo_columns(("metric", "kinds", "keywords", "examples", "file", "description"), rows)


@rules.command("check")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.pass_context
def rules_check(ctx, directory):
    """Validate the rule pack in DIRECTORY and run its examples; failures name file and entry."""
    from ..errors import RuleError
    from ..pack.examples import check_examples
    from ..pack.rules import load_rules

    folder = Path(directory)
    try:
        pack = load_rules([folder])
    except RuleError as exc:
        raise Failure(str(exc), exit_code=2) from None
    own = [rule_file for label, rule_file in pack.files.items() if inside(label, folder)]
    examples = sum(len(rule_file.examples) + len(rule_file.negatives) for rule_file in own)
    failures = check_examples(pack, only_dir=folder)
    for failure in failures:
        click.echo(f"{failure.file}: {failure.entry}: {failure.message}")
    if failures:
        error(f"{len(failures)} of {examples} examples failed")
        ctx.exit(1)
    click.echo(f"ok: {len(own)} rule files, {examples} examples in {directory}")


