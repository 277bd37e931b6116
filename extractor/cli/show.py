"""The `show` command."""

from __future__ import annotations

import sys

import click

from .console import configure_logging, note, warning
from .group import Failure
from .options import encoding_option, rules_option, verbose_option
from .running import load_pack


@click.command(short_help="One article with its figures highlighted (terminal or --html page).")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--html", "html_path", metavar="OUT.html", help="Write one self-contained HTML page instead.")
@rules_option
@encoding_option
@verbose_option
def show(file, html_path, rule_dirs, encoding, verbose):
    """Show FILE (or - for stdin) with every figure highlighted and labelled.

    With --html, write a page with the highlighted text and a table of the records,
    to check an article at a glance.
    """
    from ..api import extract_document
    from ..batch import read_source
    from ..errors import InputError
    from ..reading.inputs import Source
    from ..writing.export import OutputError, check_output, write_file
    from ..writing.show import legend, to_html
    from ..writing.terminal import to_rich

    configure_logging(verbose)
    pack = load_pack(rule_dirs)
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


