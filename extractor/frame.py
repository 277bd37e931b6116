"""Records as a pandas DataFrame: `extract_frame` over a table of articles.

Data teams keep scraped articles as a table (a text column, an id column) and want the
figures back as one. The columns of the result are the contract fields in order, typed as in
Parquet (writing/parquet.py): value float64, article/year/start_year/end_year/start/end
nullable Int32, target/change bool, published datetime64[ms], kind categorical over
contract.KINDS, metric categorical (its categories: the metrics present, sorted),
the rest strings; a Parquet file of records reads back with the same columns and
values.
pandas and pyarrow come with the `dask` extra and are imported only here.
"""

from __future__ import annotations

from typing import Optional


def records_frame(rows: list[dict]):
    """The typed DataFrame of contract rows (an empty one, with every column, for no rows)."""
    import pandas as pd
    import pyarrow as pa

    from .contract import KINDS
    from .writing.parquet import to_table

    mapping = {pa.int32(): pd.Int32Dtype()}
    frame = to_table(rows).to_pandas(types_mapper=mapping.get)
    # Not astype: unordered categoricals with the same set compare equal, in any order.
    frame["kind"] = pd.Categorical(frame["kind"].to_numpy(dtype=object), categories=list(KINDS))
    # Metrics are the pack's: sorted, and typed as strings even when there are none, so that
    # an empty frame (Dask's meta) writes the same Parquet type as a full one.
    metrics = frame["metric"].to_numpy(dtype=object)
    frame["metric"] = pd.Categorical(metrics, categories=pd.Index(sorted(set(metrics)), dtype="str"))
    return frame


def meta():
    """The empty frame that describes extract_frame's result: Dask's `meta`."""
    return records_frame([])


def extract_frame(df, text: str = "text", doc: Optional[str] = "doc", *, rules=None):
    """The records of every row's `text` column as one typed DataFrame, rows in order.

    `doc` names the column that identifies each article in the records (their `doc`
    field); None uses the row's index label. A missing text (None, NaN) gives no records.
    `rules` is a RulePack from `extractor.load_rules` (the built-in pack when None).
    """
    from .engine import extract_articles
    from .pack.rules import default_rules

    pack = rules if rules is not None else default_rules()
    names = df.index if doc is None else df[doc]
    rows: list[dict] = []
    for name, body in zip(names, df[text]):
        if isinstance(body, str):
            rows.extend(extract_articles(body, pack, doc=str(name))[1])
    return records_frame(rows)
