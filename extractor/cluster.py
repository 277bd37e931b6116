"""A batch on a Dask cluster: the same `FileResult`s as batch.run, in input order, computed by
dask.distributed workers that read their files themselves.

- The client holds names, never the corpus: inputs go to workers as runs of consecutive
  `Source`s (one task each, `files_per_task` of them), and a worker decodes and extracts
  them with batch.process, exactly as a local run does, so records, warnings and error lines
  are the same.
- The rule pack (built-in, or the user's --rules as loaded on the client) travels once per
  worker, inside a worker plugin, not with every task; workers that join later get it too.
- At most `window` tasks are in flight and results are yielded in input order as the next
  one is done: output streams, the progress bar moves with completed tasks, and the
  client's memory is bounded by the window, not the corpus.
- With a Parquet dataset as output, each task writes its own part (`part-000012.parquet`,
  numbered in input order) and returns only counts, warnings and errors; a part is written
  under a hidden name and renamed, so a task rerun after a worker died replaces its part
  instead of adding one. The parts go to a hidden directory beside the target, which takes
  the target's name only when every task is done (see `dataset`).
- A worker that dies mid-task costs nothing: the scheduler reruns its tasks elsewhere.
  Only a task whose workers keep dying (distributed's allowed-failures, 3) turns into an
  error line per file, as a dead process does in a local run.

Imported only by runs that ask for a cluster: dask.distributed is the `dask` extra.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import uuid
from collections import deque
from contextlib import contextmanager
from typing import Iterator, Optional, Sequence

from distributed import Client, WorkerPlugin

from .batch import FileResult, Settings, died, process
from .reading.inputs import Source, os_reason
from .writing.writer import OutputError

log = logging.getLogger(__name__)

#: The most inputs of one task. A task costs about 11 ms of scheduling and round trips on a
#: busy 2-core machine, about what one sample article takes to extract: 1 file a task ran
#: at 62 files/s, 16 at 178, 64 at 198, 125 at 195 (README, "Many machines"). More files a
#: task also make fewer, larger Parquet parts.
MAX_TASK_FILES = 64
#: Tasks per worker the inputs are split into at least, so that a slow task does not
#: leave the other workers idle at the end of a run.
TASKS_PER_WORKER = 8
#: Tasks in flight per worker thread: enough to keep every worker busy while the client
#: waits for the next result in order.
WINDOW_PER_THREAD = 4

#: Where a worker keeps the rule packs its plugins brought, by key.
_PACKS: dict[str, object] = {}


class RulePackPlugin(WorkerPlugin):
    """Carries a rule pack to every worker, once, under `key` (a digest of the pack)."""

    def __init__(self, pack, key: str):
        self.pack = pack
        self.key = key
        self.name = f"policy-extract-rules-{key}"

    def setup(self, worker) -> None:
        _PACKS[self.key] = self.pack


def pack_key(pack) -> str:
    return hashlib.sha1(pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()[:16]


def ship_pack(client: Client, pack) -> str:
    """Register `pack` on every worker of `client` (present and future); its key for tasks."""
    key = pack_key(pack)
    client.register_plugin(RulePackPlugin(pack, key))
    return key


def worker_pack(key: str):
    """The rule pack a plugin brought to this worker."""
    try:
        return _PACKS[key]
    except KeyError:
        raise RuntimeError(f"rule pack {key} was not shipped to this worker") from None


def task_size(files: int, threads: int) -> int:
    """Files per task: at least TASKS_PER_WORKER tasks a thread, at most MAX_TASK_FILES files."""
    return max(1, min(MAX_TASK_FILES, files // (max(1, threads) * TASKS_PER_WORKER)))


def run_task(sources: Sequence[Source], settings: Settings, key: str, part: Optional[str]) -> list[FileResult]:
    """One task on a worker: process each source; with `part`, write their records there."""
    pack = worker_pack(key)
    results = [process(source, settings, pack) for source in sources]
    if part is None:
        return results
    try:
        write_part([row for result in results for row in result.rows], part)
    except OSError as exc:  # the output, not an input, failed: the run stops with one line
        raise OutputError(f"{part}: {os_reason(exc)}") from None
    for result in results:
        result.written, result.rows = len(result.rows), []
    return results


def write_part(rows: list[dict], part: str) -> None:
    """One Parquet part, written under a hidden name beside it and renamed into place."""
    import fsspec

    from .writing.parquet import to_table, write_table

    fs, path = fsspec.core.url_to_fs(part)
    folder, _, name = path.rpartition("/")
    hidden = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
    with fs.open(hidden, "wb") as handle:
        write_table(to_table(rows), handle)
    fs.mv(hidden, path)


def threads_of(client: Client) -> int:
    return max(1, sum(client.nthreads().values()))


def run(client: Client, sources: Sequence[Source], settings: Settings, pack, *,
        dataset: Optional[str] = None, files_per_task: Optional[int] = None) -> Iterator[FileResult]:
    """The results of each source, in order; with `dataset` (a directory), records go into
    Parquet parts there and results carry only counts. Closing the iterator cancels what
    is still queued."""
    key = ship_pack(client, pack)
    threads = threads_of(client)
    size = files_per_task or task_size(len(sources), threads)
    tasks = [sources[i:i + size] for i in range(0, len(sources), size)]
    run_id = uuid.uuid4().hex[:8]

    def submit(index: int):
        part = None if dataset is None else f"{dataset}/part-{index:06d}.parquet"
        return client.submit(run_task, tasks[index], settings, key, part,
                             key=f"policy-extract-{run_id}-{index}")

    pending: deque = deque()
    upcoming = iter(range(len(tasks)))
    try:
        for index in upcoming:
            pending.append((index, submit(index)))
            if len(pending) >= threads * WINDOW_PER_THREAD:
                break
        while pending:
            index, future = pending.popleft()
            results = _result(future, tasks[index])
            following = next(upcoming, None)
            if following is not None:
                pending.append((following, submit(following)))
            yield from results
    finally:
        for _, future in pending:
            future.cancel()


def _result(future, task: Sequence[Source]) -> list[FileResult]:
    from distributed.scheduler import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        return [died(source) for source in task]


@contextmanager
def connect(address: str, verbose: int = 0) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a LocalCluster for "local" / "local:N".

    A LocalCluster runs N single-threaded worker processes (one per core by default): the
    extractor is pure Python, so threads would share one GIL. It ends with the block.
    """
    if not verbose:  # distributed logs every worker start and stop; a run shows only its own lines
        logging.getLogger("distributed").setLevel(logging.ERROR)
    if address == "local" or address.startswith("local:"):
        from distributed import LocalCluster

        workers = int(address.partition(":")[2] or os.cpu_count() or 1)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(address) as client:
            yield client


@contextmanager
def dataset(target: str) -> Iterator[str]:
    """A hidden directory for the parts of the Parquet dataset `target`, which it becomes
    when the block ends normally; on any error or interruption it is removed, and an existing
    `target` is left as it was.

    An existing target is replaced only when it holds nothing but Parquet parts (a
    previous run's dataset): a folder of other files is never deleted.
    """
    import fsspec

    fs, path = fsspec.core.url_to_fs(target)
    path = path.rstrip("/")
    if fs.exists(path):
        if not fs.isdir(path):
            raise FileExistsError(f"{target}: exists and is not a directory")
        foreign = [p for p in fs.ls(path, detail=False) if not p.rsplit("/", 1)[-1].endswith(".parquet")]
        if foreign:
            raise FileExistsError(f"{target}: exists and holds files other than Parquet parts; choose another name")
    folder, _, name = path.rpartition("/")
    if "file" in fs.protocol and not fs.isdir(folder):  # object stores have no folders to check
        raise FileNotFoundError(f"{target}: directory {folder!r} does not exist")
    hidden = f"{folder}/.{name}.{uuid.uuid4().hex[:8]}.part"
    fs.makedirs(hidden, exist_ok=False)
    try:
        yield fs.unstrip_protocol(hidden) if "://" in target else hidden
        _leftovers(fs, hidden)
        if fs.exists(path):
            old = f"{folder}/.{name}.{uuid.uuid4().hex[:8]}.old"
            fs.mv(path, old, recursive=True)
            fs.mv(hidden, path, recursive=True)
            fs.rm(old, recursive=True)
        else:
            fs.mv(hidden, path, recursive=True)
    except BaseException:
        try:
            fs.rm(hidden, recursive=True)
        except (FileNotFoundError, OSError) as exc:
            log.debug("could not remove %s: %s", hidden, exc)
        raise


def _leftovers(fs, folder: str) -> None:
    """Remove the hidden files of part writes that a killed worker left behind."""
    for name in fs.ls(folder, detail=False):
        if name.rsplit("/", 1)[-1].startswith("."):
            fs.rm(name)
