"""`extract --dask` and extractor.dask on a LocalCluster the tests start themselves (issue 13):
the same records as a local run, errors per file, a killed worker survived, Ctrl-C leaving no
dataset, Parquet datasets read back, and the lazy collections of the library."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime

import pytest
from cli_support import GREEN_METRIC, REPO, cli_env, jsonl, run_cli

distributed = pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")

import pyarrow.dataset as pads  # noqa: E402

from extractor.contract import CONTRACT_VERSION, FIELDS  # noqa: E402

SAMPLES = sorted((REPO / "samples").glob("*.txt"))
BAD = b"\x00\x01binary\xff\xfe"


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes (with nannies, so a killed worker comes back)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as c:
        yield c


def make_corpus(folder, copies: int = 1, bad: bool = True):
    """The sample articles `copies` times over in `folder` (plus one binary file)."""
    folder.mkdir()
    for n in range(copies):
        for sample in SAMPLES:
            shutil.copyfile(sample, folder / f"{n:03d}-{sample.name}")
    if bad:
        (folder / "zz-bad.txt").write_bytes(BAD)
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("dask") / "in")


@pytest.fixture(scope="module")
def local_run(corpus):
    """`--jobs 1` on the corpus: what every cluster run must give."""
    result = run_cli("extract", corpus, "--format", "jsonl", "--quiet")
    assert result.returncode == 1
    return result


def sorted_lines(data: bytes) -> list[str]:
    return sorted(data.decode("utf-8").splitlines())


def dataset_rows(folder) -> list[dict]:
    return pads.dataset(str(folder), format="parquet").to_table().to_pylist()


def as_parquet(rows: list[dict]) -> list[dict]:
    """JSON Lines records as Parquet gives them back: `published` a datetime (a date alone
    is midnight, the one thing a timestamp column cannot tell apart)."""
    return [{**row, "published": row["published"] and datetime.fromisoformat(row["published"])} for row in rows]


def test_dask_gives_exactly_the_records_and_error_lines_of_a_local_run(cluster, corpus, local_run):
    result = run_cli("extract", corpus, "--format", "jsonl", "--quiet", "--dask", cluster.scheduler_address)
    assert result.returncode == 1  # the binary file failed, as locally
    assert result.stdout == local_run.stdout  # in path order, byte for byte
    assert sorted_lines(result.stdout) == sorted_lines(local_run.stdout)
    assert result.stderr == local_run.stderr
    errors = result.stderr.decode().splitlines()
    assert len(errors) == 1 and "zz-bad.txt: binary file" in errors[0]


def test_dask_local_writes_a_parquet_dataset_read_back_by_pyarrow_and_pandas(corpus, local_run, tmp_path):
    out = tmp_path / "figures"
    result = run_cli("extract", corpus, "-o", f"{out}/", "--dask", "local:2")
    assert result.returncode == 1, result.stderr
    stderr = result.stderr.decode().splitlines()
    assert "zz-bad.txt: binary file" in stderr[0]
    expected = jsonl(local_run.stdout.decode())
    assert stderr[-1].startswith(f"policy-extract: {len(SAMPLES) + 1} files, {len(expected)} records, 1 failed")
    parts = sorted(p.name for p in out.iterdir())
    assert parts and all(p.startswith("part-") and p.endswith(".parquet") for p in parts)
    assert dataset_rows(out) == as_parquet(expected)  # parts numbered in input order
    schema = pads.dataset(str(out), format="parquet").schema
    assert schema.names == list(FIELDS) and schema.field("year").type == pa.int32()
    assert schema.field("kind").type == pa.dictionary(pa.int32(), pa.string())
    assert schema.metadata[b"policy_extract.contract_version"] == CONTRACT_VERSION.encode()
    frame = pd.read_parquet(out, dtype_backend="numpy_nullable")
    assert len(frame) == len(expected) and str(frame["start_year"].dtype) == "Int32"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no hidden folder left


def test_a_user_rule_pack_reaches_the_workers(cluster, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "green.toml").write_text(GREEN_METRIC, encoding="utf-8")
    (tmp_path / "a.txt").write_text("建成区绿化覆盖率达到43.5%。\n", encoding="utf-8")
    result = run_cli("extract", tmp_path / "a.txt", "--rules", rules, "--format", "jsonl",
                     "--dask", cluster.scheduler_address)
    assert result.returncode == 0, result.stderr
    assert [r["metric"] for r in jsonl(result.stdout.decode())] == ["green_coverage"]


def test_globs_and_file_urls_are_read_by_the_workers(cluster, corpus, local_run):
    result = run_cli("extract", f"file://{corpus}/000-zh-*.txt", f"{corpus}/000-digest-c*.txt",
                     "--format", "jsonl", "--quiet", "--dask", cluster.scheduler_address)
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout.decode())
    docs = {r["doc"] for r in rows}
    assert any(d.startswith("file://") and "/000-zh-" in d for d in docs)
    assert any(d.startswith(str(corpus)) and "/000-digest-c" in d for d in docs)
    local = {(os.path.basename(r["doc"]), r["start"], r["text"]) for r in jsonl(local_run.stdout.decode())
             if "/000-zh-" in r["doc"] or "/000-digest-c" in r["doc"]}
    assert {(os.path.basename(r["doc"]), r["start"], r["text"]) for r in rows} == local


def test_an_input_argument_that_names_nothing_is_one_error_line(cluster, tmp_path):
    (tmp_path / "a.txt").write_text("城镇化率达到65%。\n", encoding="utf-8")
    result = run_cli("extract", tmp_path / "a.txt", f"{tmp_path}/nothing-*.txt", "--format", "jsonl",
                     "--dask", cluster.scheduler_address)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[0].endswith("nothing-*.txt: no file matches this pattern")
    assert len(jsonl(result.stdout.decode())) == 1


def start_run(corpus, out, address):
    return subprocess.Popen([sys.executable, "-m", "extractor", "extract", str(corpus), "-o", f"{out}/",
                             "--quiet", "--dask", address],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env())


def wait_for_first_part(folder, process, timeout: float = 120) -> None:
    """Block until the run's hidden folder holds a part: the run is under way, not done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if list(folder.glob(".out.*.part/part-*.parquet")):
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    raise AssertionError("no part was written")


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("big") / "in", copies=12, bad=False)


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(cluster, client, big_corpus, tmp_path):
    clean = run_cli("extract", big_corpus, "--format", "jsonl", "--quiet")
    assert clean.returncode == 0
    process = start_run(big_corpus, tmp_path / "out", cluster.scheduler_address)
    wait_for_first_part(tmp_path, process)
    victim = next(iter(client.run(os.getpid).values()))
    os.kill(victim, signal.SIGKILL)
    assert process.poll() is None  # killed in the middle of the run
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    rows = dataset_rows(tmp_path / "out")
    assert rows == as_parquet(jsonl(clean.stdout.decode()))
    client.wait_for_workers(2, timeout=60)  # the nanny brought the worker back for later tests


def test_ctrl_c_leaves_no_dataset_under_the_target_name(cluster, big_corpus, tmp_path):
    process = start_run(big_corpus, tmp_path / "out", cluster.scheduler_address)
    wait_for_first_part(tmp_path, process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "out/ was not written" in stderr.decode()
    assert list(tmp_path.iterdir()) == []  # neither the target nor the hidden parts


def test_extract_dataframe_is_lazy_typed_and_equal_to_extract_frame(client):
    from extractor.dask import extract_dataframe
    from extractor.frame import extract_frame, meta

    texts = [s.read_text(encoding="utf-8", errors="replace") for s in SAMPLES[:8]]
    df = pd.DataFrame({"doc": [s.name for s in SAMPLES[:8]], "text": texts})
    lazy = extract_dataframe(dd.from_pandas(df, npartitions=3))
    assert list(lazy.columns) == list(FIELDS)
    assert list(lazy.dtypes.astype(str)) == list(meta().dtypes.astype(str))
    result = lazy.compute().reset_index(drop=True)
    expected = extract_frame(df)
    pd.testing.assert_frame_equal(result.astype({"metric": str}), expected.astype({"metric": str}))


def test_a_rule_pack_is_one_key_of_the_graph_and_needs_no_files_on_the_workers(client, tmp_path):
    from extractor import load_rules
    from extractor.dask import extract_dataframe

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "green.toml").write_text(GREEN_METRIC, encoding="utf-8")
    pack = load_rules([rules])
    shutil.rmtree(rules)  # the workers only have what was shipped
    df = pd.DataFrame({"doc": list("abcd"), "text": ["建成区绿化覆盖率达到43.5%。"] * 4})
    lazy = extract_dataframe(dd.from_pandas(df, npartitions=4), rules=pack)
    keys = [k for k in dict(lazy.__dask_graph__()) if "policy-extract-rules" in str(k)]
    assert len(keys) == 1
    assert lazy.compute()["metric"].astype(str).tolist() == ["green_coverage"] * 4


def test_extract_dataframe_to_parquet_in_one_line(client, tmp_path):
    from extractor.dask import extract_dataframe

    df = pd.DataFrame({"doc": ["a", "b"], "text": ["城镇化率达到65%。", "新增城镇人口1000万人。"]})
    dd.from_pandas(df, npartitions=2).to_parquet(tmp_path / "articles")
    extract_dataframe(dd.read_parquet(tmp_path / "articles")).to_parquet(tmp_path / "figures")
    back = pd.read_parquet(tmp_path / "figures")
    assert sorted(back["value"].tolist()) == [65.0, 10_000_000.0]


def test_extract_bag_reads_files_on_the_workers(client, corpus, local_run):
    from extractor.dask import extract_bag
    from extractor.errors import InputError

    expected = jsonl(local_run.stdout.decode())
    bag = extract_bag([str(corpus)], errors="skip", files_per_task=4)
    assert bag.npartitions == -(-(len(SAMPLES) + 1) // 4)
    assert sorted(map(repr, bag.compute())) == sorted(map(repr, expected))
    with pytest.raises(InputError, match="zz-bad.txt"):
        extract_bag([str(corpus)]).compute()
    with pytest.raises(InputError, match="no file matches"):
        extract_bag([f"{corpus}/nothing-*.txt"])


@pytest.mark.parametrize("args, message", [
    (["--dask", "local:2", "--jobs", "2"], "--jobs is for one machine"),
    (["--dask", "local:0"], "number of workers"),
])
def test_dask_usage_errors_exit_2(corpus, args, message):
    result = run_cli("extract", corpus, *args)
    assert result.returncode == 2
    assert message in result.stderr.decode()


def test_a_folder_of_other_files_is_never_replaced_by_a_dataset(cluster, corpus, tmp_path):
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run_cli("extract", corpus, "-o", f"{tmp_path}/", "--dask", cluster.scheduler_address)
    assert result.returncode == 1
    assert "holds files other than Parquet parts" in result.stderr.decode()
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_second_run_replaces_a_previous_dataset(cluster, tmp_path):
    (tmp_path / "a.txt").write_text("城镇化率达到65%。\n", encoding="utf-8")
    out = tmp_path / "figures.parquet"
    for text in ("城镇化率达到65%。\n", "城镇化率达到70%，新增城镇人口1000万人。\n"):
        (tmp_path / "a.txt").write_text(text, encoding="utf-8")
        result = run_cli("extract", tmp_path / "a.txt", "-o", out, "--format", "parquet", "--dask",
                         cluster.scheduler_address)
        assert result.returncode == 0, result.stderr
    assert [r["value"] for r in dataset_rows(out)] == [70.0, 10_000_000.0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "figures.parquet"]


def test_a_plain_run_imports_nothing_of_the_extra(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("城镇化率达到65%。\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "extractor", "extract", str(article),
                           "--format", "jsonl"], capture_output=True, env=cli_env())
    assert proc.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines() if "|" in line}
    assert not imported & {"dask", "distributed", "pyarrow", "pandas", "fsspec", "extractor.cluster",
                           "extractor.cli.cluster", "extractor.writing.parquet", "extractor.reading.remote"}
