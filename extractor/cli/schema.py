"""The `schema` command."""

from __future__ import annotations

import click


@click.command(short_help="The JSON Schema of a record.")
def schema():
    """The JSON Schema of one record (a union of the kinds, discriminated by `kind`)."""
    import json

    from ..records import record_schema

    click.echo(json.dumps(record_schema(), ensure_ascii=False, indent=2))


