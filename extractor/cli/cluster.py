"""`extract --dask`: the batch of running.py on a Dask cluster (extractor/cluster.py), with
PATHs that may be globs and fsspec URLs, and a Parquet dataset written by the workers."""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Sequence

from .console import error
from .group import Failure
from .running import Tally, require_extra, run_batch


def check_extra() -> None:
    """--dask needs dask.distributed and pyarrow (the dask extra): one line if either is missing."""
    for module in ("distributed", "pyarrow", "fsspec"):
        require_extra(module, "--dask")


def expand_inputs(paths: Sequence[str], globs: Sequence[str], tally: Tally):
    """Sources of PATH arguments for a cluster: paths as a local run expands them (same
    order, same errors), globs and URLs listed with fsspec. Each argument that gave none
    is reported and counted."""
    from ..reading.inputs import expand
    from ..reading.remote import expand_urls, is_pattern, is_url

    tally.started = time.monotonic()
    remote = [p for p in paths if is_url(p) or (is_pattern(p) and not Path(p).exists())]
    local = expand([p for p in paths if p not in remote], globs)
    found = expand_urls(remote, globs) if remote else local.__class__()
    for problem in local.errors + found.errors:
        error(str(problem))
    tally.failed += len(local.errors) + len(found.errors)
    tally.unread = local.errors + found.errors
    sources = local.sources + found.sources
    tally.total = len(sources)
    return sources


def run_on_cluster(address: str, sources, settings, pack, tally: Tally, *, fmt: str, output: Optional[str],
                   bom: bool, headers: bool, quiet: bool, verbose: int) -> None:
    """The batch on the cluster at `address`: Parquet as a dataset the workers write, any other
    format streamed to the client's writer in input order."""
    from ..writing.export import open_writer

    if fmt == "parquet":
        with cluster_results(address, sources, settings, pack, verbose, dataset=output) as results:
            run_batch(sources, settings, 1, quiet, tally, lambda result: None, results=results)
        return
    with open_writer(fmt, output, bom=bom, headers=headers) as writer, \
            cluster_results(address, sources, settings, pack, verbose) as results:
        for problem in tally.unread:
            writer.file_done(str(problem.path), 0, problem.reason)
        run_batch(sources, settings, 1, quiet, tally, lambda result: writer.write(result.rows), writer.file_done,
                  results=results)


@contextmanager
def cluster_results(address: str, sources, settings, pack, verbose: int,
                    dataset: Optional[str] = None) -> Iterator[Iterator]:
    """The results of `sources` computed on the cluster at `address`, in order; with
    `dataset`, records go to that Parquet dataset (complete only when the block ends well)."""
    from contextlib import ExitStack

    from ..cluster import connect, dataset as dataset_folder, run

    with ExitStack() as stack:
        folder = None
        if dataset is not None:
            try:
                folder = stack.enter_context(dataset_folder(dataset))
            except (FileExistsError, FileNotFoundError, NotADirectoryError, PermissionError) as exc:
                raise Failure(_reason(dataset, exc)) from None
        try:
            client = stack.enter_context(connect(address, verbose))
        except OSError as exc:  # no scheduler at the address (distributed raises a TimeoutError, an OSError)
            raise Failure(f"--dask {address}: cannot reach the scheduler ({exc})") from None
        yield run(client, sources, settings, pack, dataset=folder)


def _reason(target: str, exc: OSError) -> str:
    from ..reading.inputs import os_reason

    text = str(exc)
    return text if text.startswith(target) else f"{target}: {os_reason(exc)}"
