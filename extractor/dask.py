"""Lazy Dask collections of records, for corpora too big for one machine.

    from extractor.dask import extract_bag, extract_dataframe
    extract_dataframe(dd.read_parquet("articles/")).to_parquet("figures/")
    extract_bag(["s3://bucket/2024/*.txt"]).count().compute()

Both build a task graph and compute nothing until asked. The rule pack, when one is given,
is one `dask.delayed` object that every task depends on, so Dask sends it to each worker
once (not with every task); the built-in pack is loaded by each worker process itself, once.
dask (the `dask` extra) is imported by this module; the rest of the package never needs it.
"""

from __future__ import annotations

from typing import Optional, Sequence

from .batch import Settings, process
from .errors import InputError
from .reading.inputs import DEFAULT_GLOBS, Source


def extract_dataframe(ddf, text: str = "text", doc: Optional[str] = "doc", *, rules=None):
    """A lazy Dask DataFrame of the records of every row of `ddf` (see frame.extract_frame),
    partition by partition, with the typed columns given as `meta`."""
    from .frame import extract_frame, meta

    return ddf.map_partitions(extract_frame, text=text, doc=doc, rules=_shipped(rules), meta=meta(),
                              clear_divisions=True, align_dataframes=False)


def extract_bag(urls: Sequence[str], *, globs: Sequence[str] = DEFAULT_GLOBS, rules=None,
                encoding: Optional[str] = None, errors: str = "raise", files_per_task: int = 16):
    """A lazy Dask Bag of the records (contract dicts) of the files that `urls` name.

    `urls` are paths, directories (files matching `globs` under them), glob patterns or
    fsspec URLs (s3://bucket/2024/*.txt); they are listed now, on the client, and each file
    is read by the worker that processes it. An argument that names no file raises
    InputError at once. A file that cannot be read or decoded raises InputError when the
    bag is computed, or with `errors="skip"` is left out. `bag.to_dataframe(meta=
    extractor.frame.meta())` turns the records into a typed Dask DataFrame.
    """
    import dask.bag as db

    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    sources = list_sources(urls, globs)
    settings = Settings(encoding=encoding)
    chunks = [sources[i:i + files_per_task] for i in range(0, len(sources), files_per_task)]
    return db.from_sequence(chunks, npartitions=max(1, len(chunks))).map_partitions(
        _records, settings=settings, errors=errors, rules=_shipped(rules))


def list_sources(urls: Sequence[str], globs: Sequence[str] = DEFAULT_GLOBS) -> list[Source]:
    """The files `urls` name, in sorted order; InputError for the first that names none."""
    from .reading.inputs import expand
    from .reading.remote import expand_urls, is_pattern, is_url

    remote = [u for u in urls if is_url(u) or is_pattern(u)]
    local = expand([u for u in urls if u not in remote and u != "-"], globs)
    found = expand_urls(remote, globs) if remote else None
    problems = local.errors + (found.errors if found else [])
    if problems:
        raise problems[0]
    return local.sources + (found.sources if found else [])


def _records(chunks, settings: Settings, errors: str, rules) -> list[dict]:
    """One bag partition: the records of its files, in order."""
    rows: list[dict] = []
    for chunk in chunks:
        for source in chunk:
            result = process(source, settings, rules)
            if result.error:
                if errors == "raise":
                    raise InputError(source.name, result.error.removeprefix(f"{source.name}: "))
                continue
            rows.extend(result.rows)
    return rows


def _shipped(rules):
    """A user's pack as one delayed object (sent to each worker once); None stays None."""
    if rules is None:
        return None
    from dask import delayed

    return delayed(rules, name=f"policy-extract-rules-{id(rules):x}")
