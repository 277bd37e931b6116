"""The `schema` command."""

from __future__ import annotations

import click

from .options import rules_option
from .running import load_pack


@click.command(short_help="The JSON Schema of a record, with the catalog of named metrics.")
@rules_option
def schema(rule_dirs):
    """The JSON Schema of one record (a union of the kinds, discriminated by `kind`); its
    "x-metrics" lists every named metric of the rule pack with its kinds and description."""
    import json

    from ..records import record_schema

    pack = load_pack(rule_dirs)
    catalog = {name: {"kinds": list(m.kinds), "description": m.description} for name, m in sorted(pack.metrics.items())}
    click.echo(json.dumps({**record_schema(), "x-metrics": catalog}, ensure_ascii=False, indent=2))


