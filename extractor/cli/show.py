"""The `show` command: an input's text with its figures highlighted, on the terminal or as
review pages (one per input, and an index page for several)."""

from __future__ import annotations

import os
from pathlib import Path, PurePath

import click

from .console import configure_logging, error, note, visible, warning
from .group import Failure
from .options import DEFAULT_GLOBS, encoding_option, rules_option, verbose_option
from .running import load_pack


@click.command(short_help="Inputs with their figures highlighted (terminal, or --html review pages).")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--html", "html_path", metavar="OUT",
              help="Write review pages: OUT.html for one file; a folder OUT/ (a page per input and index.html) "
                   "for a folder or several files.")
@click.option("--glob", "globs", multiple=True, default=DEFAULT_GLOBS, show_default=True, metavar="PATTERN",
              help="Files to read in a directory (repeatable; case-insensitive).")
@rules_option
@encoding_option
@verbose_option
@click.pass_context
def show(ctx, paths, html_path, globs, rule_dirs, encoding, verbose):
    """Show each PATH (a file, a directory, or - for stdin) with every figure highlighted.

    With --html, write review pages: the text with highlights, one section per article of
    a digest, and a table of the records that filters by kind and metric; a click on a
    record scrolls to its highlight and back. For a directory or several files, OUT is a
    folder that gets one page per input and an index.html listing record counts and failures.
    """
    from ..reading.inputs import expand
    from ..writing.export import OutputError

    configure_logging(verbose)
    pack = load_pack(rule_dirs)
    many = len(paths) > 1 or any(p != "-" and os.path.isdir(p) for p in paths)
    expansion = expand(paths, globs)
    for problem in expansion.errors:
        error(str(problem))
    if not expansion.sources and not expansion.errors:
        raise Failure("no input to read")
    if html_path and many and html_path.lower().endswith((".html", ".htm")) and not os.path.isdir(html_path):
        raise click.UsageError(f"several inputs make several pages: give --html a folder (OUT/), not {html_path!r}")
    try:
        if html_path and (many or html_path.endswith(("/", os.sep)) or os.path.isdir(html_path)):
            failed = _pages(expansion, pack, encoding, Path(html_path), paths)
        else:
            failed = _single(expansion.sources, pack, encoding, html_path)
    except OutputError as exc:
        raise Failure(str(exc)) from None
    ctx.exit(1 if failed or expansion.errors else 0)


def _read(source, pack, encoding):
    """(text, articles, rows) of one input; raises InputError."""
    from ..batch import read_source
    from ..engine import extract_articles
    from ..errors import display_name

    decoded = read_source(source, encoding)
    doc = display_name(source.name)
    if decoded.note:
        warning(f"{doc}: {decoded.note}")
    articles, rows = extract_articles(decoded.text, pack, doc=doc, published=decoded.published,
                                      source=decoded.source)
    return decoded.text, articles, rows


def _single(sources, pack, encoding, html_path) -> int:
    """Each input on the terminal, or the one input as the page `html_path`; the failures."""
    from ..errors import InputError, display_name
    from ..writing.export import check_output, write_file
    from ..writing.review.page import render_page
    from ..writing.show import legend
    from ..writing.terminal import console, to_rich

    if html_path:
        check_output(html_path)
    out = console(highlight=False) if not html_path else None
    failed = 0
    for n, source in enumerate(sources):
        try:
            text, articles, rows = _read(source, pack, encoding)
        except InputError as exc:
            error(str(exc))
            failed += 1
            continue
        if html_path:
            write_file(html_path, render_page(display_name(source.name), text, rows, articles))
            note(f"wrote {html_path}: {len(rows)} records ({legend(rows)})")
            continue
        if len(sources) > 1:
            out.rule(visible(display_name(source.name)), align="left", style="bold")
        out.print(to_rich(text, rows), soft_wrap=True, end="" if text.endswith("\n") else "\n")
        out.print(f"[dim]{len(rows)} records: {legend(rows)}[/dim]", soft_wrap=True)
    return failed


def _pages(expansion, pack, encoding, folder: Path, paths) -> int:
    """A review page per input under `folder` (mirroring the inputs' paths) and index.html."""
    from ..errors import InputError, display_name
    from ..writing.export import write_file
    from ..writing.review.index import Entry, render_index
    from ..writing.review.page import render_page
    from ..writing.show import legend

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Failure(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
    root = _common_root([s.name for s in expansion.sources if s.name != "-"])
    entries = [Entry(str(problem.path), error=problem.reason) for problem in expansion.errors]
    for source in expansion.sources:
        try:
            text, articles, rows = _read(source, pack, encoding)
        except InputError as exc:
            error(str(exc))
            entries.append(Entry(display_name(source.name), error=exc.reason))
            continue
        relative = "stdin" if source.name == "-" else PurePath(os.path.relpath(source.name, root)).as_posix()
        page = relative.replace("../", "up/") + ".html"
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        back = "../" * page.count("/") + "index.html"
        write_file(str(folder / page), render_page(display_name(source.name), text, rows, articles, back=back))
        entries.append(Entry(display_name(source.name), page=page, records=len(rows), summary=legend(rows)))
    entries.sort(key=lambda entry: PurePath(entry.name).parts)
    write_file(str(folder / "index.html"), render_index(" ".join(paths), entries))
    failed = sum(1 for entry in entries if entry.error)
    note(f"wrote {folder / 'index.html'} and {len(entries) - failed} pages: "
         f"{sum(e.records for e in entries)} records, {failed} failed")
    return failed


def _common_root(names: list[str]) -> str:
    if not names:
        return "."
    parents = [os.path.dirname(os.path.abspath(name)) for name in names]
    return os.path.commonpath(parents)

