"""Records as Parquet: the typed Arrow schema of the contract, and a streaming file writer.

Columns are `contract.FIELDS` in order, each with one Arrow type whatever the records hold,
so that files of different runs (and the parts of a dataset written by many workers) can be
read as one table:

- `value` is float64. The engine computes values as Python floats (1亩 = 1/1500 km2 has no
  exact decimal form), JSON Lines carries the same doubles, and every integer a record holds
  (money up to 9e15 yuan) is exact in a double; a decimal column would promise digits the
  engine never had.
- `article`, `year`, `start_year`, `end_year`, `start`, `end` are int32, null where absent
  (offsets of a document over 2^31 characters do not occur: inputs are decoded in memory).
- `target`, `change` are bool; `published` a timestamp (milliseconds, Parquet has no seconds unit; no time zone: the digest
  states local time without an offset); `kind` and `metric` dictionary-encoded strings (a
  handful of values repeated on every row); the other fields strings.

The file metadata holds `policy_extract.contract_version` (contract.CONTRACT_VERSION), so a
reader can tell which contract a file follows. pyarrow comes with the `dask` extra and is
imported only here, only when Parquet is written.
"""

from __future__ import annotations

from typing import Iterable, Optional

from ..contract import CONTRACT_VERSION, FIELDS
from .writer import OutputError, Writer

#: File metadata keys (bytes, as Parquet stores them).
CONTRACT_KEY = b"policy_extract.contract_version"

#: Records buffered before one row group is written: big enough for column compression to
#: pay, small enough that a writer's memory stays a few MB.
ROW_GROUP_ROWS = 50_000

EXTRA = "dask"
MISSING = f"Parquet output needs pyarrow: pip install 'policy-extract[{EXTRA}]'"

_INT32 = ("article", "year", "start_year", "end_year", "start", "end")
_BOOL = ("target", "change")
_DICTIONARY = ("kind", "metric")


def _pyarrow():
    try:
        import pyarrow
    except ImportError:
        raise OutputError(MISSING) from None
    return pyarrow


def arrow_type(name: str):
    """The Arrow type of the contract field `name`."""
    pa = _pyarrow()
    if name in _INT32:
        return pa.int32()
    if name in _BOOL:
        return pa.bool_()
    if name in _DICTIONARY:
        return pa.dictionary(pa.int32(), pa.string())
    if name == "value":
        return pa.float64()
    if name == "published":
        return pa.timestamp("ms")
    return pa.string()


def schema():
    """The Arrow schema of records: contract fields in order, the contract version in metadata."""
    pa = _pyarrow()
    fields = [pa.field(name, arrow_type(name), nullable=name not in _BOOL) for name in FIELDS]
    return pa.schema(fields, metadata={CONTRACT_KEY: CONTRACT_VERSION.encode()})


def to_table(rows: Iterable[dict]):
    """An Arrow table of contract rows (dicts), typed by `schema()`; fields beyond the contract are left out."""
    pa = _pyarrow()
    rows = list(rows)
    columns = []
    for name in FIELDS:
        values = [row.get(name) for row in rows]
        if name == "published":
            values = [_timestamp(v) for v in values]
        elif name in _BOOL:
            values = [bool(v) for v in values]
        columns.append(pa.array(values, type=pa.string() if name in _DICTIONARY else arrow_type(name)))
        if name in _DICTIONARY:
            columns[-1] = columns[-1].dictionary_encode()
    return pa.Table.from_arrays(columns, schema=schema())


def _timestamp(value: Optional[str]):
    """'2024-05-06' or '2024-05-06T09:30:00' -> datetime; None stays None."""
    from datetime import datetime

    return None if value is None else datetime.fromisoformat(value)


def write_table(table, where) -> None:
    """Write one Parquet file (a path or a binary file object)."""
    import pyarrow.parquet as pq

    pq.write_table(table, where, row_group_size=ROW_GROUP_ROWS)


class ParquetWriter(Writer):
    """One Parquet file of records, written a row group at a time as inputs finish."""

    def __init__(self, name: str, path):
        _pyarrow()
        import pyarrow.parquet as pq

        super().__init__(name)
        self.buffer: list[dict] = []
        with self._reporting():
            self.file = pq.ParquetWriter(str(path), schema())

    def _write(self, rows: list[dict]) -> None:
        self.buffer.extend(rows)
        if len(self.buffer) >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self.file.write_table(to_table(self.buffer), row_group_size=ROW_GROUP_ROWS)
            self.buffer = []

    def _close(self) -> None:
        self._flush()
        self.file.close()
