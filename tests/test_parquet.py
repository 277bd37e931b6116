"""Parquet output without Dask (`-o figures.parquet`), DataFrames of records (extractor.frame),
and the one line that names the extra when it is missing (issue 13)."""

from __future__ import annotations

import json
import sys
from datetime import datetime

import pytest
from cli_support import SENTENCE, SENTENCE_2, jsonl, run_cli

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")

from extractor.contract import CONTRACT_VERSION, FIELDS  # noqa: E402

from cli_support import REPO  # noqa: E402

#: A digest of several articles: records with title, source and published date-time.
DIGEST = (REPO / "samples" / "digest-central-china.txt").read_text(encoding="utf-8")

#: The documented schema (README, "Many machines"): one type per contract field.
EXPECTED_TYPES = {
    "doc": pa.string(), "article": pa.int32(), "title": pa.string(), "source": pa.string(),
    "published": pa.timestamp("ms"), "kind": pa.dictionary(pa.int32(), pa.string()),
    "metric": pa.dictionary(pa.int32(), pa.string()), "value": pa.float64(), "unit": pa.string(),
    "qualifier": pa.string(), "target": pa.bool_(), "change": pa.bool_(), "year": pa.int32(),
    "start_year": pa.int32(), "end_year": pa.int32(), "subject": pa.string(), "region": pa.string(),
    "region_code": pa.string(), "text": pa.string(), "start": pa.int32(), "end": pa.int32(),
    "sentence": pa.string(),
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "b.txt").write_text(SENTENCE_2, encoding="utf-8")
    (folder / "c.txt").write_text(DIGEST, encoding="utf-8")
    return folder


def as_parquet(row: dict) -> dict:
    """A JSON Lines record as Parquet gives it back: `published` a datetime (a date alone is
    midnight, the one thing a timestamp column cannot tell apart)."""
    return {**row, "published": row["published"] and datetime.fromisoformat(row["published"])}


def test_parquet_file_has_the_typed_schema_in_contract_order_and_the_contract_version(corpus, tmp_path):
    out = tmp_path / "figures.parquet"
    result = run_cli("extract", corpus, "-o", out, "--quiet")
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    assert table.schema.names == list(FIELDS)
    assert {f.name: f.type for f in table.schema} == EXPECTED_TYPES
    assert table.schema.metadata[b"policy_extract.contract_version"] == CONTRACT_VERSION.encode()
    expected = jsonl(run_cli("extract", corpus, "--format", "jsonl").stdout.decode())
    assert table.to_pylist() == [as_parquet(row) for row in expected]
    assert any(row["published"] is not None for row in table.to_pylist())  # the digest's date-time


def test_pandas_reads_the_parquet_file_with_typed_columns(corpus, tmp_path):
    out = tmp_path / "figures.parquet"
    assert run_cli("extract", corpus, "-o", out, "--quiet").returncode == 0
    frame = pd.read_parquet(out, dtype_backend="numpy_nullable")
    assert list(frame.columns) == list(FIELDS)
    assert str(frame["year"].dtype) == "Int32" and str(frame["value"].dtype) == "Float64"
    assert isinstance(frame["kind"].dtype, pd.CategoricalDtype)
    assert str(frame["target"].dtype) == "boolean"
    assert frame["published"].dtype.kind == "M"


def test_a_run_without_records_still_writes_the_schema(tmp_path):
    (tmp_path / "empty.txt").write_text("没有数字的一句话。\n", encoding="utf-8")
    out = tmp_path / "none.parquet"
    assert run_cli("extract", tmp_path / "empty.txt", "-o", out).returncode == 0
    table = pq.read_table(out)
    assert table.num_rows == 0 and table.schema.names == list(FIELDS)


def test_parquet_is_refused_on_stdout(corpus):
    result = run_cli("extract", corpus, "--format", "parquet")
    assert result.returncode == 2
    assert b"-o FILE.parquet" in result.stderr


def test_an_interrupted_parquet_run_leaves_no_file(corpus, tmp_path):
    from extractor.writing.export import open_writer

    out = tmp_path / "figures.parquet"
    with pytest.raises(KeyboardInterrupt):
        with open_writer("parquet", str(out)) as writer:
            writer.write([json.loads(json.dumps({"kind": "count", "metric": "count", "text": "3个", "start": 0, "end": 2}))])
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == [corpus]


# The extra is missing: simulated by making its modules unimportable before the CLI starts.
_WITHOUT = "import sys; [sys.modules.__setitem__(m, None) for m in {mods!r}]; from extractor.cli import main; main()"


@pytest.mark.parametrize("modules, args", [
    (["pyarrow"], ["-o", "{out}/x.parquet"]),
    (["distributed", "dask"], ["--dask", "local:1", "-o", "{out}/x.jsonl"]),
    (["pyarrow"], ["--dask", "local:1", "-o", "{out}/x.jsonl"]),
])
def test_without_the_extra_one_line_names_it(corpus, tmp_path, modules, args):
    import subprocess

    from cli_support import cli_env

    code = _WITHOUT.format(mods=modules)
    argv = [a.format(out=tmp_path) for a in args]
    result = subprocess.run([sys.executable, "-c", code, "extract", str(corpus), *argv],
                            capture_output=True, env=cli_env(), timeout=60)
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 2, lines
    assert len(lines) == 1 and "pip install 'policy-extract[dask]'" in lines[0], lines
    assert not list(tmp_path.glob("x.*"))


def test_extract_frame_gives_the_typed_records_of_each_row():
    from extractor.frame import extract_frame, meta

    df = pd.DataFrame({"id": ["a", "b", "c", "d"], "body": [SENTENCE, None, DIGEST, "没有数字。"]})
    frame = extract_frame(df, text="body", doc="id")
    assert list(frame.columns) == list(FIELDS)
    assert list(frame.dtypes.astype(str)) == list(meta().dtypes.astype(str))
    assert set(frame["doc"]) == {"a", "c"}
    assert str(frame["year"].dtype) == "Int32" and frame["value"].dtype == "float64"
    assert frame["kind"].cat.categories.tolist()[:2] == ["percentage", "money"]
    rate = frame[frame["metric"] == "urbanization_rate"].iloc[0]
    assert rate["value"] == 59.22 and rate["year"] == 2024 and rate["text"] == SENTENCE[rate["start"]:rate["end"]]
    published = frame[frame["doc"] == "c"]["published"].dropna().unique()
    assert len(published) > 0 and all(p.year == 2025 for p in published)


def test_extract_frame_names_rows_by_index_without_a_doc_column():
    from extractor.frame import extract_frame

    df = pd.DataFrame({"text": [SENTENCE_2]}, index=[17])
    assert set(extract_frame(df, doc=None)["doc"]) == {"17"}
