#!/usr/bin/env python3
"""Speed benchmark of policy-extract against the floor, naive tokenization and the peers (issue 5).

    python bench/run.py                  # everything but the peers; one table (a few minutes)
    python bench/run.py --peers          # plus JioNLP and Recognizers-Text, when installed
    python bench/run.py --dask --only dask   # --dask local:2 against --jobs 1 and 2 (dask extra)
    python bench/run.py --quick          # small sizes, for a CI smoke test (~15 s)
    python bench/run.py --json           # one JSON object on stdout instead of the table
    python bench/run.py --only library --profile prof.html   # where extract() spends its time
    python bench/run.py --big --seed ../shared/seeds --compare main   # plus the sections of issue 16

Everything is measured in ONE run on the SAME text: the .txt files of samples/ (or of
--text DIR; decoded as UTF-8, else GB18030), repeated in sorted order until the text is at
least --size MB (MiB of UTF-8). Only ratios between the rows of one run mean something; absolute rates
depend on the machine.

Sections (pick some with --only, comma-separated):

  floor    one compiled `re` pass over the whole text that only finds runs of digits and
           of Chinese numerals (chars/s): no tool can extract numbers faster than it reads them.
  library  `extractor.extract()` article by article (chars/s). The first call, which loads
           the rule pack and the tokenizer, is a warm-up reported as "load", not timed.
  seed     only with --seed DIR: extract() on the .txt files of DIR repeated to --size
           (real input such as the seed digest, a figure every few hundred characters).
  english  the number, unit and period patterns (the number scan, a unit match after
           each number, the period scan) on English and on Chinese text of the same
           figure density (--density characters per figure: figure sentences of the
           English and of the Chinese articles, diluted with their figure-free sentences),
           best of three interleaved passes; and extract() on both texts.
  jieba    `jieba.lcut()` with jieba's default dictionary, article by article (chars/s); the
           dictionary load (`jieba.initialize()`) is reported separately, with whether
           jieba's cache file already existed (a cold cache costs more).
  cold     cold start: `python -m extractor extract ARTICLE --quiet` on one ~2,000-character
           Chinese article (the zh-* samples joined, cut at a sentence end), stdout to a pipe,
           against `python -c "import jieba; jieba.lcut(text)"` on the same article (the
           file is read in both); median wall time of --runs runs (default 5), the two
           commands interleaved, after one unmeasured warm-up each (bytecode and jieba's
           cache written: the commands run without PYTHONDONTWRITEBYTECODE, with bytecode in
           a temporary PYTHONPYCACHEPREFIX, as after a normal install). Also `--help`,
           `--version` and a bare `python -c pass`.
  batch    --files files (default 2,000: the sample files' own bytes, GB18030 ones
           included) in a temporary folder, `extract DIR -o out.jsonl --quiet` with
           --jobs 1 and --jobs 2: wall times, speed-up, and whether the two outputs are byte
           for byte the same.
  memory   peak resident memory of a 200-file batch against a 20,000-file batch (--jobs 1,
           --mem-files to change): each run in a fresh child process that reports
           resource.getrusage(RUSAGE_CHILDREN).ru_maxrss, so nothing else run by the
           benchmark can inflate it.
  dask     only with --dask (or --only dask; needs the dask extra): --dask-files files
           (default 10,000) with `extract DIR -o out.jsonl --quiet` and --jobs 1, --jobs 2
           and --dask local:2 (the LocalCluster's start included): wall times, throughput,
           and whether the cluster's records equal --jobs 1's (sorted JSON Lines); the same
           --dask run on one file, which is the cluster's fixed cost (start and stop). Then the
           client's peak memory writing a Parquet dataset (-o DIR/) of --dask-mem-files
           (default 2,000 and 20,000) files, on a scheduler and two workers started with
           dask's own CLI (`dask scheduler`, `dask worker`), so that the probe's
           RUSAGE_CHILDREN covers the client alone.
  big      only with --big: one --big-mb (10) MiB input against the same text cut into
           --big-files (1,000) files, `extract PATH -o out.jsonl --jobs 1` on each, for
           Chinese articles and for all articles (a digest of English and Chinese ones):
           characters per second of both, and peak memory (as in memory).
  compare  only with --compare REF: the tree of git REF (git archive into a temporary
           folder) and the work tree, each timing extract() over the text (and the
           --seed text) in a fresh process, --compare-runs (3) runs each, interleaved;
           the ratio of the medians.
  peers    only with --peers (or --only peers): JioNLP's money and time extractors
           (`jionlp.ner.extract_money`, `jionlp.ner.extract_time`, alone and together) and
           Recognizers-Text's Chinese models (currency and
           dimension from recognizers_number_with_unit, number and percentage from
           recognizers_number; each model built once, as a service would) on the first
           --peer-chars characters of the text, article by article; the library is timed on
           the same slice. Install them with `pip install -e '.[bench]'`; a peer that is
           not installed is skipped with a note.

Targets (from issue 5) are printed beside the results with PASS/FAIL: library >= 500,000
chars/s and >= 3x jieba.lcut; cold start <= 0.3x the naive jieba command; --jobs 2 >= 1.6x
--jobs 1 with identical output; memory of the large batch <= 1.2x the small one; from
issue 13, --dask local:2 >= 0.85x the throughput of --jobs 2 with the records of --jobs 1,
and the client's memory for 20,000 files <= 1.2x that for 2,000; from
issue 16: the library >= 1,000,000 chars/s on --seed; the patterns on English <= 1.5x
their cost on Chinese; a big input >= 0.9x the speed of the same text as files, under
200 MiB of peak memory. The exit
status is 0 when every section ran (1 when one crashed), whatever the targets say, unless
--strict makes a FAIL exit 1 too.

The CLI is run as `<this python> -m extractor` with the checkout on PYTHONPATH (--cli
replaces that command, e.g. --cli policy-extract). Nothing is written outside a temporary
folder, except the --profile report.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import logging
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
#: The folder whose .txt files make the text (samples/ unless --text says otherwise).
TEXT_DIR = SAMPLES
MIB = 1024 * 1024

SECTIONS = ("floor", "library", "seed", "english", "jieba", "cold", "batch", "memory", "dask", "big", "compare",
            "peers")

#: The floor's pattern: runs of ASCII or full-width digits, runs of Chinese numerals.
FLOOR_PATTERN = r"[0-9０-９]+|[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+"

TARGETS = {
    "library_chars_per_s": 500_000,  # >=
    "library_vs_jieba": 3.0,  # >=
    "cold_vs_jieba": 0.3,  # <=
    "jobs_speedup": 1.6,  # >=
    "memory_ratio": 1.2,  # <=
    "dask_vs_jobs2": 0.85,  # >=
    "dask_client_memory_ratio": 1.2,  # <=
    # issue 16
    "seed_chars_per_s": 1_000_000,  # >=  the library on the seed digest (--seed)
    "english_cost_ratio": 1.5,  # <=  patterns on English / on Chinese of the same figure density
    "big_speed_ratio": 0.9,  # >=  one big input / the same text as 1,000 files, per character
    "big_peak_rss_mib": 200,  # <   peak memory of the big single input
}

DEFAULTS = dict(size=5.0, files=2000, mem_files=(200, 20000), runs=5, peer_chars=50000, dask_files=10000,
                dask_mem_files=(2000, 20000), big_mb=10.0, big_files=1000, english_chars=300_000, compare_runs=3)
QUICK = dict(size=0.25, files=100, mem_files=(20, 200), runs=3, peer_chars=3000, dask_files=100,
             dask_mem_files=(20, 200), big_mb=0.5, big_files=50, english_chars=30_000, compare_runs=1)

# A child that runs one command and reports its peak RSS: RUSAGE_CHILDREN of a fresh process
# covers only the command it waited for (and that command's own waited-for children).
_RUSAGE_CHILD = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": p.returncode, "wall_s": wall, "maxrss": ru.ru_maxrss,
                  "stderr": p.stderr.decode("utf-8", "replace")[-2000:]}))
"""

_JIEBA_COMMAND = "import sys, jieba; jieba.lcut(open(sys.argv[1], encoding='utf-8').read())"


# --------------------------------------------------------------------------- the text


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def sample_files() -> list[Path]:
    files = sorted(TEXT_DIR.glob("*.txt"))
    if not files:
        raise SystemExit(f"bench: no .txt files in {TEXT_DIR}")
    return files


def build_corpus(size_mb: float, folder: Optional[Path] = None) -> tuple[list[str], int]:
    """Articles (the samples, or the .txt files of `folder`, repeated in order) whose UTF-8
    size reaches `size_mb` MiB."""
    files = sorted(folder.glob("*.txt")) if folder is not None else sample_files()
    if not files:
        raise SystemExit(f"bench: no .txt files in {folder}")
    texts = [decode(p.read_bytes()) for p in files]
    sizes = [len(t.encode("utf-8")) for t in texts]
    target = max(1, int(size_mb * MIB))
    articles: list[str] = []
    total = 0
    i = 0
    while total < target:
        articles.append(texts[i % len(texts)])
        total += sizes[i % len(texts)]
        i += 1
    return articles, total


def cold_article(target_chars: int = 2000) -> str:
    """About `target_chars` of simplified-Chinese policy text: the zh-* samples joined and cut
    at the sentence end nearest to `target_chars` (a real article's length and mix)."""
    parts = [decode(p.read_bytes()).strip() for p in sample_files() if p.name.startswith("zh-")]
    text = "\n\n".join(parts) or "\n\n".join(decode(p.read_bytes()) for p in sample_files())
    while len(text) < target_chars:
        text = text + "\n\n" + text
    ends = [m.end() for m in re.finditer(r"[。！？；]|\n", text)]
    best = min(ends, key=lambda e: abs(e - target_chars), default=target_chars)
    return text[:best] if abs(best - target_chars) <= target_chars // 10 else text[:target_chars]


# --------------------------------------------------------------------------- helpers


#: Where the commands' bytecode and validated rule packs go (set by main: folders of the
#: run's temporary directory).
PYCACHE: Optional[str] = None
RULE_CACHE: Optional[str] = None


def cli_env(**extra: str) -> dict:
    """The commands' environment: the checkout importable, and bytecode cached as after a
    normal install (PYTHONDONTWRITEBYTECODE dropped) but in a temporary PYTHONPYCACHEPREFIX,
    and the rule cache (extractor/rulecache.py) in a temporary folder too, so the benchmark
    writes nothing into the checkout or the user's cache and every command is measured warm."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    env.pop("NO_COLOR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if PYCACHE:
        env["PYTHONPYCACHEPREFIX"] = PYCACHE
    if RULE_CACHE:
        env["POLICY_EXTRACT_CACHE_DIR"] = RULE_CACHE
    env.update(extra)
    return env


@contextlib.contextmanager
def quiet_fds():
    """Silence stdout and stderr at the file-descriptor level (peers print banners on import)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


def timed_run(cmd: list[str], *, check: bool = True, **env: str) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=cli_env(**env), cwd=REPO)
    wall = time.perf_counter() - start
    if check and proc.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} exited {proc.returncode}: "
                           f"{proc.stderr.decode('utf-8', 'replace').strip()[-800:]}")
    return wall, proc


def rate(chars: int, seconds: float) -> float:
    return chars / seconds if seconds > 0 else float("inf")


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- sections


def run_floor(ctx: dict) -> dict:
    text = "\n".join(ctx["articles"])
    pattern = re.compile(FLOOR_PATTERN)
    best = float("inf")
    matches = 0
    for _ in range(3):  # cheap: best of three
        start = time.perf_counter()
        matches = sum(1 for _ in pattern.finditer(text))
        best = min(best, time.perf_counter() - start)
    return {"chars": len(text), "seconds": best, "chars_per_s": rate(len(text), best), "matches": matches,
            "pattern": FLOOR_PATTERN}


def run_library(ctx: dict) -> dict:
    articles = ctx["articles"]
    start = time.perf_counter()
    from extractor import extract

    extract(articles[0])  # loads the rule pack, compiles it, builds the tokenizer
    load = time.perf_counter() - start
    result = run_library_on(articles) | {"load_s": load}
    if ctx["profile"] is not None:
        result["profile"] = profile_library(articles, ctx["profile"], ctx["profile_top"])
    return result


def run_jieba(ctx: dict) -> dict:
    import tempfile as _tempfile

    start = time.perf_counter()
    import jieba

    imported = time.perf_counter() - start
    jieba.setLogLevel(logging.WARNING)
    cache = Path(jieba.dt.tmp_dir or _tempfile.gettempdir()) / (jieba.dt.cache_file or "jieba.cache")
    cache_warm = cache.exists()
    start = time.perf_counter()
    jieba.initialize()
    load = time.perf_counter() - start
    articles = ctx["articles"]
    chars = sum(map(len, articles))
    tokens = 0
    start = time.perf_counter()
    for article in articles:
        tokens += len(jieba.lcut(article))
    seconds = time.perf_counter() - start
    return {"chars": chars, "seconds": seconds, "chars_per_s": rate(chars, seconds), "tokens": tokens,
            "load_s": load, "import_s": imported, "cache_warm": cache_warm, "version": getattr(jieba, "__version__", None)}


def run_cold(ctx: dict) -> dict:
    runs = ctx["runs"]
    tmp = Path(ctx["tmp"])
    article = tmp / "cold-article.txt"
    text = cold_article()
    article.write_text(text, encoding="utf-8")
    cli = ctx["cli"]
    extract_cmd = [*cli, "extract", str(article), "--quiet"]
    jieba_cmd = [sys.executable, "-c", _JIEBA_COMMAND, str(article)]
    commands = {
        "cli_extract": extract_cmd,
        "cli_extract_first": extract_cmd,  # with an empty rule cache, as on a first run
        "jieba_naive": jieba_cmd,
        "cli_help": [*cli, "--help"],
        "cli_version": [*cli, "--version"],
        "python_bare": [sys.executable, "-c", "pass"],
    }
    def empty_rule_cache() -> dict:
        return {"POLICY_EXTRACT_CACHE_DIR": tempfile.mkdtemp(dir=tmp, prefix="empty-rule-cache-")}

    for name, cmd in commands.items():  # warm-up: bytecode, jieba's dictionary cache, the rule cache
        timed_run(cmd, **(empty_rule_cache() if name == "cli_extract_first" else {}))
    times: dict[str, list[float]] = {name: [] for name in commands}
    records = None
    for _ in range(runs):  # interleaved, so drift on the machine hits every command alike
        for name, cmd in commands.items():
            wall, proc = timed_run(cmd, **(empty_rule_cache() if name == "cli_extract_first" else {}))
            times[name].append(wall)
            if name == "cli_extract":
                records = len([line for line in proc.stdout.splitlines() if line.strip()])
    if not records:
        raise RuntimeError(f"{shlex.join(extract_cmd)} wrote no records")
    medians = {name: statistics.median(values) for name, values in times.items()}
    naive = medians["jieba_naive"]
    return {
        "article_chars": len(text),
        "runs": runs,
        "records": records,
        "median_s": medians,
        "all_s": times,
        "ratio": medians["cli_extract"] / naive,
        "first_ratio": medians["cli_extract_first"] / naive,
        "help_ratio": medians["cli_help"] / naive,
        "version_ratio": medians["cli_version"] / naive,
        "commands": {name: shlex.join(cmd) for name, cmd in commands.items()},
    }


def write_batch(folder: Path, count: int) -> int:
    """`count` input files in `folder`: the sample files' bytes, cycled; returns total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    files = sample_files()
    blobs = [(p.stem, p.read_bytes()) for p in files]
    total = 0
    for i in range(count):
        stem, data = blobs[i % len(blobs)]
        (folder / f"{i:05d}-{stem}.txt").write_bytes(data)
        total += len(data)
    return total


def run_batch(ctx: dict) -> dict:
    tmp = Path(ctx["tmp"])
    count = ctx["files"]
    folder = tmp / f"batch-{count}"
    size = write_batch(folder, count)
    result: dict = {"files": count, "input_bytes": size}
    outputs = {}
    for jobs in (1, 2):
        out = tmp / f"batch-jobs{jobs}.jsonl"
        wall, proc = timed_run([*ctx["cli"], "extract", str(folder), "-o", str(out), "--jobs", str(jobs)])
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        result[f"jobs{jobs}_summary"] = lines[-1] if lines else ""
        data = out.read_bytes()
        outputs[jobs] = data
        result[f"jobs{jobs}_s"] = wall
        result[f"jobs{jobs}_files_per_s"] = rate(count, wall)
    result["speedup"] = result["jobs1_s"] / result["jobs2_s"]
    result["identical"] = outputs[1] == outputs[2]
    result["output_bytes"] = len(outputs[1])
    result["records"] = outputs[1].count(b"\n")
    if not result["records"]:
        raise RuntimeError("the batch wrote no records")
    return result


def peak_rss(cmd: list[str]) -> dict:
    """Run `cmd` in a fresh child and return its wall time and peak RSS in bytes."""
    proc = subprocess.run([sys.executable, "-c", _RUSAGE_CHILD, *cmd], stdin=subprocess.DEVNULL,
                          capture_output=True, env=cli_env(), cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(f"the memory probe failed: {proc.stderr.decode('utf-8', 'replace')[-800:]}")
    report = json.loads(proc.stdout)
    if report["rc"] != 0:
        raise RuntimeError(f"{shlex.join(cmd)} exited {report['rc']}: {report['stderr'].strip()[-800:]}")
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return {"wall_s": report["wall_s"], "peak_rss_bytes": report["maxrss"] * unit}


def run_memory(ctx: dict) -> dict:
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:
        return {"skipped": "the resource module is not available on this platform"}
    tmp = Path(ctx["tmp"])
    small, large = ctx["mem_files"]
    result: dict = {"small_files": small, "large_files": large, "jobs": 1}
    for label, count in (("small", small), ("large", large)):
        folder = tmp / f"memory-{count}"
        write_batch(folder, count)
        out = tmp / f"memory-{count}.jsonl"
        if label == "small":  # warm-up, as a user's earlier runs: bytecode and rule cache written
            timed_run([*ctx["cli"], "extract", str(folder), "-o", str(out), "--quiet"])
        measured = peak_rss([*ctx["cli"], "extract", str(folder), "-o", str(out), "--jobs", "1", "--quiet"])
        result[f"{label}_peak_rss_bytes"] = measured["peak_rss_bytes"]
        result[f"{label}_wall_s"] = measured["wall_s"]
        result[f"{label}_records"] = sum(1 for _ in out.open("rb"))
    result["ratio"] = result["large_peak_rss_bytes"] / result["small_peak_rss_bytes"]
    return result


def run_dask(ctx: dict) -> dict:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return {"skipped": "dask is not installed: pip install -e '.[dask]'"}
    tmp = Path(ctx["tmp"])
    count = ctx["dask_files"]
    folder = tmp / f"dask-{count}"
    write_batch(folder, count)
    result: dict = {"files": count}
    outputs = {}
    runs = {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"], "dask": ["--dask", "local:2"]}
    for name, options in runs.items():
        out = tmp / f"dask-{name}.jsonl"
        wall, _ = timed_run([*ctx["cli"], "extract", str(folder), "-o", str(out), "--quiet", *options])
        lines = sorted(out.read_bytes().splitlines())  # compared as sorted JSON Lines, by digest
        outputs[name] = (len(lines), hashlib.sha256(b"\n".join(lines)).hexdigest())
        out.unlink()
        result[f"{name}_s"] = wall
        result[f"{name}_files_per_s"] = rate(count, wall)
    one = tmp / "dask-one.jsonl"
    result["fixed_s"], _ = timed_run([*ctx["cli"], "extract", str(next(folder.iterdir())), "-o", str(one), "--quiet",
                                      "--dask", "local:2"])
    result["records"] = outputs["jobs1"][0]
    result["equal"] = outputs["dask"] == outputs["jobs1"]
    result["dask_vs_jobs2"] = result["dask_files_per_s"] / result["jobs2_files_per_s"]
    # Per core, the cluster's fixed cost left out: what a long run on many machines gets.
    result["articles_per_core_hour"] = count / max(1e-9, result["dask_s"] - result["fixed_s"]) / 2 * 3600
    result.update(_dask_client_memory(ctx, tmp))
    return result


def _dask_client_memory(ctx: dict, tmp: Path) -> dict:
    """Peak RSS of the client alone, writing a Parquet dataset on a cluster started apart."""
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:
        return {"memory_skipped": "the resource module is not available on this platform"}
    small, large = ctx["dask_mem_files"]
    scheduler_file = tmp / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    quiet = dict(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env(), cwd=tmp)
    scheduler = subprocess.Popen([*dask, "scheduler", "--scheduler-file", str(scheduler_file), "--port", "0",
                                  "--dashboard-address", ":0"], **quiet)
    workers = None
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() or not scheduler_file.stat().st_size:
            if time.monotonic() > deadline or scheduler.poll() is not None:
                raise RuntimeError("the dask scheduler did not start")
            time.sleep(0.1)
        time.sleep(0.2)  # the file is written in one go, but give it a moment to be complete
        address = json.loads(scheduler_file.read_text())["address"]
        workers = subprocess.Popen([*dask, "worker", "--scheduler-file", str(scheduler_file), "--nworkers", "2",
                                    "--nthreads", "1", "--dashboard-address", ":0"], **quiet)
        result: dict = {"mem_small_files": small, "mem_large_files": large, "scheduler": address}
        for label, count in (("small", small), ("large", large)):
            folder = tmp / f"dask-mem-{count}"
            write_batch(folder, count)
            out = tmp / f"dask-mem-{count}.parquet"
            command = [*ctx["cli"], "extract", str(folder), "-o", f"{out}/", "--quiet", "--dask", address]
            if label == "small":  # warm-up: the workers connect, load jieba and the rules
                timed_run(command)
            measured = peak_rss(command)
            result[f"mem_{label}_peak_rss_bytes"] = measured["peak_rss_bytes"]
            result[f"mem_{label}_wall_s"] = measured["wall_s"]
        result["memory_ratio"] = result["mem_large_peak_rss_bytes"] / result["mem_small_peak_rss_bytes"]
        return result
    finally:
        for process in (workers, scheduler):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


def _slice(articles: list[str], chars: int, kinds: int) -> list[str]:
    """About `chars` characters of whole articles, spread evenly over the `kinds` distinct
    samples the corpus cycles through (the first articles alone would be digests and English)."""
    average = sum(map(len, articles[:kinds])) / max(1, min(kinds, len(articles)))
    step = max(1, int(kinds // max(1.0, chars / average)))
    chosen, total = [], 0
    for article in articles[::step] + articles:
        if total >= chars:
            break
        chosen.append(article)
        total += len(article)
    return chosen


def _time_over(articles: list[str], fn: Callable[[str], object]) -> tuple[float, int]:
    """Seconds to run `fn` over every article, and how many results it returned in all."""
    found = 0
    start = time.perf_counter()
    for article in articles:
        found += len(fn(article))
    return time.perf_counter() - start, found


def run_peers(ctx: dict) -> dict:
    articles = _slice(ctx["articles"], ctx["peer_chars"], len(sample_files()))
    chars = sum(map(len, articles))
    probe = articles[0][:200]
    result: dict = {"slice_chars": chars, "slice_articles": len(articles), "peers": {}}

    from extractor import extract

    extract(probe)
    seconds, found = _time_over(articles, extract)
    result["library"] = {"seconds": seconds, "chars_per_s": rate(chars, seconds), "found": found}

    peers = result["peers"]
    # JioNLP
    try:
        start = time.perf_counter()
        with quiet_fds():  # jionlp prints a banner on stdout when imported
            import jionlp

            extract_money = getattr(jionlp, "extract_money", None) or jionlp.ner.extract_money
            time_base = time.time()

            def extract_time(text: str) -> list:
                return jionlp.ner.extract_time(text, time_base=time_base)

            extract_money(probe)  # builds its parsers and patterns
            extract_time(probe)
        setup = time.perf_counter() - start
        version = getattr(jionlp, "__version__", None)
        found_both = 0
        seconds_both = 0.0
        for name, fn in (("jionlp.extract_money", extract_money), ("jionlp.extract_time", extract_time)):
            with quiet_fds():
                seconds, found = _time_over(articles, fn)
            peers[name] = {"seconds": seconds, "chars_per_s": rate(chars, seconds), "found": found, "version": version}
            seconds_both += seconds
            found_both += found
        # What the issue quotes for JioNLP (about 20,000 chars/s): its money and time extraction together.
        peers["jionlp (money and time)"] = {"seconds": seconds_both, "chars_per_s": rate(chars, seconds_both),
                                            "found": found_both, "setup_s": setup, "version": version}
    except ImportError as exc:
        peers["jionlp.extract_money"] = {"skipped": f"not installed ({exc}); pip install -e '.[bench]'"}

    # Recognizers-Text
    try:
        start = time.perf_counter()
        with quiet_fds():
            from recognizers_number import NumberRecognizer
            from recognizers_number_with_unit import NumberWithUnitRecognizer
            from recognizers_text import Culture

            culture = Culture.Chinese
            with_unit = NumberWithUnitRecognizer(culture)
            numbers = NumberRecognizer(culture)
            models = {
                "recognizers currency": with_unit.get_currency_model(culture),
                "recognizers dimension": with_unit.get_dimension_model(culture),
                "recognizers number": numbers.get_number_model(culture),
                "recognizers percentage": numbers.get_percentage_model(culture),
            }
            for model in models.values():
                model.parse(probe)
        setup = time.perf_counter() - start
        total, total_found = 0.0, 0
        for name, model in models.items():
            with quiet_fds():
                seconds, found = _time_over(articles, model.parse)
            total += seconds
            total_found += found
            peers[name] = {"seconds": seconds, "chars_per_s": rate(chars, seconds), "found": found}
        peers["recognizers (all four models)"] = {"seconds": total, "chars_per_s": rate(chars, total),
                                                  "found": total_found, "setup_s": setup}
    except ImportError as exc:
        peers["recognizers"] = {"skipped": f"not installed ({exc}); pip install -e '.[bench]'"}
    lib = result["library"]["chars_per_s"]
    for peer in peers.values():
        if "chars_per_s" in peer:
            peer["library_speedup"] = lib / peer["chars_per_s"]
    return result


# --------------------------------------------------------------------------- issue 16 sections


def _han_share(text: str) -> float:
    """Han characters among the letters of `text` (Chinese text near 1, English near 0)."""
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return han / max(1, han + latin)


def run_library_on(articles: list[str]) -> dict:
    """extract() over `articles` (already warm), as the library section times it."""
    from extractor import extract

    chars = sum(map(len, articles))
    records = 0
    start = time.perf_counter()
    for article in articles:
        records += len(extract(article))
    seconds = time.perf_counter() - start
    return {"chars": chars, "articles": len(articles), "seconds": seconds, "chars_per_s": rate(chars, seconds),
            "records": records}


def run_seed(ctx: dict) -> dict:
    """The library on the --seed text (real input, a figure every few hundred characters)."""
    from extractor import extract

    articles = ctx["seed"]
    extract(articles[0])
    return run_library_on(articles) | {"text": ctx["seed_dir"]}


# -- english: the patterns on English against Chinese text of the same figure density

_SENTENCE = re.compile(r"(?<=[。！？!?\n])|(?<=\.)(?=\s)")


def _figures_in(folded: str, c) -> int:
    from extractor.finding.periods import PERIOD_PASSES
    from extractor.finding.scan import scan

    return (sum(1 for _ in scan(c.number_passes, folded, 10.0))
            + sum(1 for _ in scan(PERIOD_PASSES, folded, 10.0)))


def density_text(texts: list[str], c, chars_per_figure: int, size: int) -> tuple[str, int]:
    """About `size` folded characters of `texts`' sentences holding one figure (a number or a
    period) every `chars_per_figure` characters: every sentence with figures, in order and
    repeated, and as many of the figure-free ones, also repeated, as it takes to dilute them.
    Returns the text and its figure count."""
    from extractor.finding.normalize import fold

    folded = [fold(t, c.table) for t in texts]
    sentences = [s for t in folded for s in _SENTENCE.split(t) if s.strip()]
    counted = [(s, _figures_in(s, c)) for s in sentences]
    busy = [(s, n) for s, n in counted if n]
    free = [s for s, n in counted if not n]
    if not busy:
        raise RuntimeError("no figure in the text")
    parts, chars, figures, i, j = [], 0, 0, 0, 0
    while chars < size:
        sentence, n = busy[i % len(busy)]
        parts.append(sentence)
        chars, figures, i = chars + len(sentence), figures + n, i + 1
        while free and chars < chars_per_figure * figures:
            parts.append(free[j % len(free)])
            chars, j = chars + len(free[j % len(free)]), j + 1
    text = "".join(parts)
    return text, _figures_in(text, c)


def _pattern_pass(folded: str, c) -> int:
    """The number, unit and period patterns over folded text, as the engine runs them."""
    from extractor.finding.periods import PERIOD_PASSES
    from extractor.finding.scan import scan

    found = 0
    for m in scan(c.number_passes, folded, 10.0):
        found += 1
        c.suffix.match(folded, m.end(), m.end() + 64)
    return found + sum(1 for _ in scan(PERIOD_PASSES, folded, 10.0))


def run_english(ctx: dict) -> dict:
    from extractor import extract
    from extractor.pack.compiled import compiled
    from extractor.pack.rules import default_rules

    c = compiled(default_rules())
    texts = [decode(p.read_bytes()) for p in sample_files()]
    by_script = {"en": [t for t in texts if _han_share(t) < 0.2], "zh": [t for t in texts if _han_share(t) > 0.8]}
    if not all(by_script.values()):
        return {"skipped": "the text needs both English and Chinese articles"}
    density, size = ctx["density"], ctx["english_chars"]
    built = {lang: density_text(group, c, density, size) for lang, group in by_script.items()}
    result: dict = {"chars_per_figure_target": density}
    best = {lang: float("inf") for lang in built}
    for _ in range(3):  # interleaved, best of three: the machine may be shared
        for lang, (text, _) in built.items():
            start = time.perf_counter()
            _pattern_pass(text, c)
            best[lang] = min(best[lang], time.perf_counter() - start)
    extract(built["en"][0][:200])
    for lang, (text, figures) in built.items():
        library = run_library_on([text])
        result[lang] = {"chars": len(text), "figures": figures, "chars_per_figure": len(text) / figures,
                        "patterns_s": best[lang], "patterns_chars_per_s": rate(len(text), best[lang]),
                        "library_chars_per_s": library["chars_per_s"]}
    result["cost_ratio"] = result["zh"]["patterns_chars_per_s"] / result["en"]["patterns_chars_per_s"]
    result["library_cost_ratio"] = result["zh"]["library_chars_per_s"] / result["en"]["library_chars_per_s"]
    return result


# -- big: one 10 MB input against the same text as 1,000 files


def big_texts(size_mb: float) -> dict[str, str]:
    """The big inputs: Chinese plain articles, and every article (a digest of English and
    Chinese ones, as the digests are), each repeated in order to `size_mb` MiB."""
    from extractor.reading.digest import split_articles

    texts = [decode(p.read_bytes()).strip() for p in sample_files()]
    chinese = [t for t in texts if _han_share(t) > 0.8 and not split_articles(t)[1]]
    out = {}
    for name, group in (("chinese", chinese), ("mixed digest", texts)):
        if not group:
            continue
        parts, total, i = [], 0, 0
        while total < size_mb * MIB:
            parts.append(group[i % len(group)])
            total += len(parts[-1].encode("utf-8")) + 2
            i += 1
        out[name] = "\n\n".join(parts) + "\n"
    return out


def cut_files(text: str, count: int) -> list[str]:
    """`text` cut into `count` pieces at line breaks, the pieces together being `text`."""
    cuts, step = [0], len(text) / count
    for k in range(1, count):
        at = text.find("\n", max(cuts[-1], int(k * step))) + 1
        if at <= cuts[-1]:
            break
        cuts.append(at)
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def run_big(ctx: dict) -> dict:
    try:
        import resource  # noqa: F401  (POSIX only: peak memory)
    except ImportError:
        return {"skipped": "the resource module is not available on this platform"}
    tmp = Path(ctx["tmp"])
    result: dict = {"size_mib": ctx["big_mb"], "files": ctx["big_files"], "inputs": {}}
    warm = tmp / "big-warm-up.txt"  # as a user's earlier runs: bytecode and rule cache written
    warm.write_text(cold_article(), encoding="utf-8")
    timed_run([*ctx["cli"], "extract", str(warm), "--quiet"])
    for name, text in big_texts(ctx["big_mb"]).items():
        slug = name.replace(" ", "-")
        single = tmp / f"big-{slug}.txt"
        single.write_text(text, encoding="utf-8")
        folder = tmp / f"big-{slug}-files"
        folder.mkdir()
        pieces = cut_files(text, ctx["big_files"])
        for i, piece in enumerate(pieces):
            (folder / f"{i:05d}.txt").write_text(piece, encoding="utf-8")
        row: dict = {"chars": len(text), "bytes": single.stat().st_size, "files": len(pieces)}
        for label, path in (("single", single), ("folder", folder)):
            out = tmp / f"big-{slug}-{label}.jsonl"
            measured = peak_rss([*ctx["cli"], "extract", str(path), "-o", str(out), "--jobs", "1", "--quiet"])
            row[label] = {"wall_s": measured["wall_s"], "chars_per_s": rate(len(text), measured["wall_s"]),
                          "peak_rss_bytes": measured["peak_rss_bytes"], "records": sum(1 for _ in out.open("rb"))}
            out.unlink()
        row["speed_ratio"] = row["single"]["chars_per_s"] / row["folder"]["chars_per_s"]
        result["inputs"][name] = row
        single.unlink()
    return result


# -- compare: the library at a git ref against the work tree

_COMPARE_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from extractor import extract
articles = json.load(open(sys.argv[2], encoding="utf-8"))
extract(articles[0])
start = time.perf_counter()
records = sum(len(extract(a)) for a in articles)
print(json.dumps({"seconds": time.perf_counter() - start, "records": records}))
"""


def checkout(ref: str, folder: Path) -> str:
    """The tree of `ref` written into `folder` (git archive: the repository is not touched)."""
    rev = subprocess.run(["git", "rev-parse", "--short", ref], cwd=REPO, capture_output=True, text=True)
    if rev.returncode != 0:
        raise RuntimeError(f"unknown git ref {ref!r}: {rev.stderr.strip()}")
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=REPO, capture_output=True, check=True)
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(folder)
    return rev.stdout.strip()


def run_compare(ctx: dict) -> dict:
    tmp = Path(ctx["tmp"])
    ref = ctx["compare"]
    tree = tmp / "compare-ref"
    result: dict = {"ref": ref, "rev": checkout(ref, tree), "runs": ctx["compare_runs"], "texts": {}}
    texts = {"text": ctx["articles"]}
    if ctx.get("seed"):
        texts["seed"] = ctx["seed"]
    for label, articles in texts.items():
        data = tmp / f"compare-{label}.json"
        data.write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")
        chars = sum(map(len, articles))
        times: dict[str, list[float]] = {"ref": [], "work": []}
        records = {}
        for _ in range(ctx["compare_runs"]):  # interleaved: drift on the machine hits both alike
            for side, root in (("ref", tree), ("work", REPO)):
                env = cli_env(PYTHONPATH=str(root), POLICY_EXTRACT_CACHE_DIR=str(tmp / f"compare-cache-{side}"))
                proc = subprocess.run([sys.executable, "-c", _COMPARE_CHILD, str(root), str(data)],
                                      capture_output=True, text=True, env=env, cwd=tmp)
                if proc.returncode != 0:
                    raise RuntimeError(f"{side} ({root}) failed: {proc.stderr.strip()[-800:]}")
                report = json.loads(proc.stdout)
                times[side].append(report["seconds"])
                records[side] = report["records"]
        medians = {side: statistics.median(values) for side, values in times.items()}
        result["texts"][label] = {
            "chars": chars, "records": records, "all_s": times,
            "ref_chars_per_s": rate(chars, medians["ref"]), "work_chars_per_s": rate(chars, medians["work"]),
            "ratio": medians["ref"] / medians["work"],
        }
    return result


RUNNERS = {"floor": run_floor, "library": run_library, "seed": run_seed, "english": run_english, "jieba": run_jieba,
           "cold": run_cold, "batch": run_batch, "memory": run_memory, "dask": run_dask, "big": run_big,
           "compare": run_compare, "peers": run_peers}
# The library runs before jieba so that jieba's 5 MB dictionary is not in the heap while it runs.
ORDER = ("floor", "library", "seed", "english", "jieba", "cold", "batch", "memory", "dask", "big", "compare", "peers")
#: Sections that run only when asked for (by their option or by --only).
OPTIONAL = {"peers": "peers", "dask": "dask", "seed": "seed", "big": "big", "compare": "compare"}


# --------------------------------------------------------------------------- profile


def profile_library(articles: list[str], out: str, top: int) -> dict:
    """A separate pyinstrument pass of extract() over the articles (the timed pass stays clean)."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return {"skipped": "pyinstrument is not installed (pip install -e '.[bench]')"}
    from extractor import extract

    profiler = Profiler(interval=0.0005)
    profiler.start()
    for article in articles:
        extract(article)
    profiler.stop()
    session = profiler.last_session
    root = session.root_frame()
    if out:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(profiler.output_html() if path.suffix in (".html", ".htm") else
                        profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    return summarize_profile(root, top) | ({"report": out} if out else {})


def _is_ours(frame) -> bool:
    path = frame.file_path or ""
    return os.sep + "extractor" + os.sep in path and str(REPO) in path


def _key(frame) -> str:
    path = frame.file_path or "?"
    try:
        path = str(Path(path).relative_to(REPO))
    except ValueError:
        path = Path(path).name if "site-packages" not in path else path.split("site-packages" + os.sep, 1)[1]
    cls = frame.class_name
    name = f"{cls}.{frame.function}" if cls else frame.function
    return f"{name} ({path}:{frame.line_no})"


def summarize_profile(root, top: int) -> dict:
    """Per function of extractor/: inclusive time, and 'own' time (its self time plus the time
    of the library code it calls directly, e.g. jieba or pydantic), both as % of the total;
    and the external functions with the most self time."""
    total = root.time or 1e-9
    inclusive: dict[str, float] = {}
    own: dict[str, float] = {}
    external: dict[str, float] = {}

    def walk(frame, parent, owner: Optional[str], active: frozenset):
        # Time in no child; a synthetic "[self]" leaf is a child like any other, so the
        # self times of all frames add up to the root's time exactly once.
        self_time = frame.time - sum(c.time for c in frame.children)
        real = parent if frame.is_synthetic and parent is not None else frame  # whose self time
        if _is_ours(frame) and not frame.is_synthetic:
            key = _key(frame)
            if key not in active:  # count a recursive function once
                inclusive[key] = inclusive.get(key, 0.0) + frame.time
                active = active | {key}
            owner = key
        elif not _is_ours(real) and not real.is_synthetic and self_time > 0:
            external[_key(real)] = external.get(_key(real), 0.0) + self_time
        if owner is not None:
            own[owner] = own.get(owner, 0.0) + self_time
        for child in frame.children:
            walk(child, frame, owner, active)

    walk(root, None, None, frozenset())

    def ranked(table: dict[str, float]) -> list[dict]:
        rows = sorted(table.items(), key=lambda kv: -kv[1])[:top]
        return [{"function": k, "seconds": v, "percent": 100 * v / total} for k, v in rows]

    return {"total_s": total, "inclusive": ranked(inclusive), "own": ranked(own), "external_self": ranked(external)}


def format_profile(profile: dict) -> str:
    if "skipped" in profile:
        return f"profile skipped: {profile['skipped']}"
    lines = [f"pyinstrument profile of extract() over the text: {profile['total_s']:.2f} s sampled"]
    for title, key in (("extractor/ functions, inclusive time", "inclusive"),
                       ("extractor/ functions, own time (self + the library code they call directly)", "own"),
                       ("functions outside extractor/, self time", "external_self")):
        lines.append(f"\n  {title}:")
        for row in profile[key]:
            lines.append(f"    {row['percent']:5.1f}%  {row['seconds']:7.2f} s  {row['function']}")
    if profile.get("report"):
        lines.append(f"\n  full report: {profile['report']}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- report


def fmt_rate(value: float) -> str:
    return f"{value:,.0f} chars/s"


def fmt_s(value: float) -> str:
    return f"{value:.3f} s"


def fmt_x(value: float) -> str:
    return f"{value:.2f}x" if value < 100 else f"{value:,.0f}x"


def fmt_mib(value: float) -> str:
    return f"{value / MIB:.1f} MiB"


def check(targets: list, name: str, value: float, op: str, bound: float) -> str:
    ok = value >= bound if op == ">=" else value <= bound
    targets.append({"name": name, "value": value, "op": op, "bound": bound, "pass": ok})
    return "PASS" if ok else "FAIL"


def build_rows(results: dict, targets: list) -> list[tuple[str, str, str, str, str, str]]:
    """(section, measure, result, ratio, target, status) rows of the table, filling `targets`."""
    rows = []
    floor = results.get("floor") or {}
    lib = results.get("library") or {}
    jb = results.get("jieba") or {}
    if "error" in floor or "chars_per_s" in floor:
        rows.append(("1 floor", "re: runs of digits / Chinese numerals", _err(floor) or fmt_rate(floor["chars_per_s"]),
                     "", "", ""))
    if "error" in jb or "chars_per_s" in jb:
        if "error" in jb:
            rows.append(("2 jieba", "jieba.lcut, default dictionary", _err(jb), "", "", ""))
        else:
            rows.append(("2 jieba", "dictionary load (not in the rate)",
                         fmt_s(jb["load_s"]), "jieba cache " + ("warm" if jb["cache_warm"] else "cold"), "", ""))
            ratio = f"{jb['chars_per_s'] / floor['chars_per_s']:.3f}x floor" if "chars_per_s" in floor else ""
            rows.append(("2 jieba", "jieba.lcut, article by article", fmt_rate(jb["chars_per_s"]), ratio, "", ""))
    if "error" in lib:
        rows.append(("3 library", "extract(), article by article", _err(lib), "", "", ""))
    elif "chars_per_s" in lib:
        rows.append(("3 library", "load: rules + tokenizer (first call)", fmt_s(lib["load_s"]), "", "", ""))
        status = check(targets, "library throughput", lib["chars_per_s"], ">=", TARGETS["library_chars_per_s"])
        rows.append(("3 library", f"extract(), {lib['articles']:,} articles", fmt_rate(lib["chars_per_s"]),
                     "", f">= {TARGETS['library_chars_per_s']:,}", status))
        if "chars_per_s" in floor:
            rows.append(("3 library", "  vs the floor", "", f"{lib['chars_per_s'] / floor['chars_per_s']:.3f}x",
                         "", ""))
        if "chars_per_s" in jb:
            ratio = lib["chars_per_s"] / jb["chars_per_s"]
            status = check(targets, "library vs jieba.lcut", ratio, ">=", TARGETS["library_vs_jieba"])
            rows.append(("3 library", "  vs jieba.lcut", "", fmt_x(ratio), f">= {TARGETS['library_vs_jieba']}x", status))
    seed = results.get("seed")
    if seed:
        if "error" in seed:
            rows.append(("3 library", "extract() on --seed", _err(seed), "", "", ""))
        else:
            status = check(targets, "library on the seed", seed["chars_per_s"], ">=", TARGETS["seed_chars_per_s"])
            rows.append(("3 library", f"extract() on --seed ({Path(seed['text']).name}/*.txt repeated)",
                         fmt_rate(seed["chars_per_s"]), f"{seed['chars'] / max(1, seed['records']):,.0f} chars/record",
                         f">= {TARGETS['seed_chars_per_s']:,}", status))
    rows.extend(english_rows(results.get("english"), targets))
    cold = results.get("cold")
    if cold:
        if "error" in cold:
            rows.append(("4 cold start", "CLI on one article", _err(cold), "", "", ""))
        else:
            m = cold["median_s"]
            n = cold["runs"]
            rows.append(("4 cold start", f"extract ARTICLE ({cold['article_chars']:,} chars), median of {n}",
                         fmt_s(m["cli_extract"]), "", "", ""))
            rows.append(("4 cold start", "python -c 'import jieba; jieba.lcut(text)'", fmt_s(m["jieba_naive"]),
                         "", "", ""))
            status = check(targets, "cold start vs naive jieba", cold["ratio"], "<=", TARGETS["cold_vs_jieba"])
            rows.append(("4 cold start", "  CLI / naive jieba", "", fmt_x(cold["ratio"]),
                         f"<= {TARGETS['cold_vs_jieba']}x", status))
            rows.append(("4 cold start", "first run: rule cache empty (validated with pydantic)",
                         fmt_s(m["cli_extract_first"]), fmt_x(cold["first_ratio"]) + " jieba", "", ""))
            rows.append(("4 cold start", "--help", fmt_s(m["cli_help"]), fmt_x(cold["help_ratio"]) + " jieba",
                         "far less", ""))
            rows.append(("4 cold start", "--version", fmt_s(m["cli_version"]), fmt_x(cold["version_ratio"]) + " jieba",
                         "far less", ""))
            rows.append(("4 cold start", "python -c pass (interpreter alone)", fmt_s(m["python_bare"]), "", "", ""))
    batch = results.get("batch")
    if batch:
        if "error" in batch:
            rows.append(("5 batch", "--jobs 1 / --jobs 2", _err(batch), "", "", ""))
        else:
            n = batch["files"]
            rows.append(("5 batch", f"{n:,} files, --jobs 1", fmt_s(batch["jobs1_s"]),
                         f"{batch['jobs1_files_per_s']:,.0f} files/s", "", ""))
            rows.append(("5 batch", f"{n:,} files, --jobs 2", fmt_s(batch["jobs2_s"]),
                         f"{batch['jobs2_files_per_s']:,.0f} files/s", "", ""))
            status = check(targets, "--jobs 2 speed-up", batch["speedup"], ">=", TARGETS["jobs_speedup"])
            rows.append(("5 batch", "  speed-up", "", fmt_x(batch["speedup"]), f">= {TARGETS['jobs_speedup']}x", status))
            targets.append({"name": "--jobs 1 and 2 outputs identical", "value": batch["identical"], "op": "==",
                            "bound": True, "pass": batch["identical"]})
            rows.append(("5 batch", f"  outputs byte-identical ({batch['records']:,} records)",
                         "yes" if batch["identical"] else "NO", "", "identical",
                         "PASS" if batch["identical"] else "FAIL"))
            for jobs in (1, 2):
                if batch.get(f"jobs{jobs}_summary"):
                    rows.append(("5 batch", f"  summary line, --jobs {jobs}", batch[f"jobs{jobs}_summary"], "", "", ""))
    mem = results.get("memory")
    if mem:
        if "error" in mem or "skipped" in mem:
            rows.append(("5 memory", "peak RSS", _err(mem) or f"skipped: {mem['skipped']}", "", "", ""))
        else:
            rows.append(("5 memory", f"peak RSS, {mem['small_files']:,} files (--jobs 1)",
                         fmt_mib(mem["small_peak_rss_bytes"]), "", "", ""))
            rows.append(("5 memory", f"peak RSS, {mem['large_files']:,} files (--jobs 1)",
                         fmt_mib(mem["large_peak_rss_bytes"]), "", "", ""))
            status = check(targets, "memory large/small", mem["ratio"], "<=", TARGETS["memory_ratio"])
            rows.append(("5 memory", "  ratio", "", fmt_x(mem["ratio"]), f"<= {TARGETS['memory_ratio']}x", status))
    dk = results.get("dask")
    if dk:
        if "error" in dk or "skipped" in dk:
            rows.append(("7 dask", "--dask local:2", _err(dk) or f"skipped: {dk['skipped']}", "", "", ""))
        else:
            n = dk["files"]
            for name, label in (("jobs1", "--jobs 1"), ("jobs2", "--jobs 2"), ("dask", "--dask local:2")):
                rows.append(("7 dask", f"{n:,} files, {label}", fmt_s(dk[f"{name}_s"]),
                             f"{dk[f'{name}_files_per_s']:,.0f} files/s", "", ""))
            rows.append(("7 dask", "one file, --dask local:2 (cluster start + stop)", fmt_s(dk["fixed_s"]), "", "", ""))
            status = check(targets, "--dask local:2 vs --jobs 2", dk["dask_vs_jobs2"], ">=", TARGETS["dask_vs_jobs2"])
            rows.append(("7 dask", "  dask / jobs 2", "", fmt_x(dk["dask_vs_jobs2"]),
                         f">= {TARGETS['dask_vs_jobs2']}x", status))
            targets.append({"name": "--dask records equal --jobs 1", "value": dk["equal"], "op": "==",
                            "bound": True, "pass": dk["equal"]})
            rows.append(("7 dask", f"  records equal to --jobs 1 ({dk['records']:,}, sorted)",
                         "yes" if dk["equal"] else "NO", "", "equal", "PASS" if dk["equal"] else "FAIL"))
            rows.append(("7 dask", "  articles per core per hour (start left out)",
                         f"{dk['articles_per_core_hour']:,.0f}", "", "", ""))
            if "memory_ratio" in dk:
                for label in ("small", "large"):
                    rows.append(("7 dask", f"client peak RSS, {dk[f'mem_{label}_files']:,} files -> Parquet",
                                 fmt_mib(dk[f"mem_{label}_peak_rss_bytes"]), fmt_s(dk[f"mem_{label}_wall_s"]), "", ""))
                status = check(targets, "dask client memory large/small", dk["memory_ratio"], "<=",
                               TARGETS["dask_client_memory_ratio"])
                rows.append(("7 dask", "  ratio", "", fmt_x(dk["memory_ratio"]),
                             f"<= {TARGETS['dask_client_memory_ratio']}x", status))
    rows.extend(big_rows(results.get("big"), targets))
    rows.extend(compare_rows(results.get("compare")))
    peers = results.get("peers")
    if peers:
        if "error" in peers:
            rows.append(("6 peers", "peers", _err(peers), "", "", ""))
        else:
            rows.append(("6 peers", f"library on the slice ({peers['slice_chars']:,} chars)",
                         fmt_rate(peers["library"]["chars_per_s"]), f"{peers['library']['found']:,} records", "", ""))
            for name, peer in peers["peers"].items():
                if "skipped" in peer:
                    rows.append(("6 peers", name, "skipped", peer["skipped"], "", ""))
                else:
                    rows.append(("6 peers", name, fmt_rate(peer["chars_per_s"]),
                                 f"library {fmt_x(peer['library_speedup'])}; {peer['found']:,} found", "", ""))
    return rows


def english_rows(section: Optional[dict], targets: list) -> list:
    if not section:
        return []
    if "error" in section or "skipped" in section:
        return [("3 english", "patterns, English vs Chinese", _err(section) or f"skipped: {section['skipped']}",
                 "", "", "")]
    rows = []
    for lang, name in (("zh", "Chinese"), ("en", "English")):
        r = section[lang]
        rows.append(("3 english", f"number+unit+period patterns, {name} ({r['chars_per_figure']:.0f} chars/figure)",
                     fmt_rate(r["patterns_chars_per_s"]), f"library {fmt_rate(r['library_chars_per_s'])}", "", ""))
    status = check(targets, "English pattern cost / Chinese", section["cost_ratio"], "<=",
                   TARGETS["english_cost_ratio"])
    rows.append(("3 english", "  cost on English / on Chinese, patterns", "", fmt_x(section["cost_ratio"]),
                 f"<= {TARGETS['english_cost_ratio']}x", status))
    rows.append(("3 english", "  cost on English / on Chinese, whole library", "",
                 fmt_x(section["library_cost_ratio"]), "", ""))
    return rows


def big_rows(section: Optional[dict], targets: list) -> list:
    if not section:
        return []
    if "error" in section or "skipped" in section:
        return [("7 big", "one big input", _err(section) or f"skipped: {section['skipped']}", "", "", "")]
    rows = []
    for name, r in section["inputs"].items():
        single, folder = r["single"], r["folder"]
        rows.append(("7 big", f"{name}: one file, {r['bytes'] / MIB:.1f} MiB ({r['chars']:,} chars)",
                     fmt_rate(single["chars_per_s"]), f"{single['records']:,} records", "", ""))
        rows.append(("7 big", f"{name}: the same text as {r['files']:,} files", fmt_rate(folder["chars_per_s"]),
                     f"{folder['records']:,} records", "", ""))
        status = check(targets, f"big {name}: speed one file / files", r["speed_ratio"], ">=",
                       TARGETS["big_speed_ratio"])
        rows.append(("7 big", "  one file / files, per character", "", fmt_x(r["speed_ratio"]),
                     f">= {TARGETS['big_speed_ratio']}x", status))
        peak = single["peak_rss_bytes"] / MIB
        ok = peak < TARGETS["big_peak_rss_mib"]
        targets.append({"name": f"big {name}: peak RSS (MiB)", "value": peak, "op": "<",
                        "bound": TARGETS["big_peak_rss_mib"], "pass": ok})
        rows.append(("7 big", "  peak RSS, one file (files)", fmt_mib(single["peak_rss_bytes"]),
                     f"files: {fmt_mib(folder['peak_rss_bytes'])}", f"< {TARGETS['big_peak_rss_mib']} MiB",
                     "PASS" if ok else "FAIL"))
    return rows


def compare_rows(section: Optional[dict]) -> list:
    if not section:
        return []
    if "error" in section:
        return [("8 compare", "library at REF / work tree", _err(section), "", "", "")]
    rows = []
    for label, r in section["texts"].items():
        what = "the text" if label == "text" else "--seed"
        rows.append(("8 compare", f"{what}: {section['ref']} ({section['rev']}), median of {section['runs']}",
                     fmt_rate(r["ref_chars_per_s"]), f"{r['records']['ref']:,} records", "", ""))
        rows.append(("8 compare", f"{what}: work tree", fmt_rate(r["work_chars_per_s"]),
                     f"{r['records']['work']:,} records", "", ""))
        rows.append(("8 compare", "  work tree speed / REF", "", fmt_x(r["ratio"]), "", ""))
    return rows


def _err(section: dict) -> str:
    return f"ERROR: {section['error']}" if "error" in section else ""


def render_table(meta: dict, rows: list) -> str:
    header = ("section", "measure", "result", "ratio / note", "target", "status")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    out = [
        f"policy-extract benchmark: {meta['bytes'] / MIB:.2f} MiB of text = {meta['chars']:,} chars, "
        f"{meta['articles']:,} articles (the {meta['samples']} {meta['text']}/*.txt repeated)",
        f"python {meta['python']} on {meta['platform']}, {meta['cpus']} CPUs; extractor {meta['extractor']}"
        + (f"; git {meta['git']}" if meta.get("git") else "") + ("; QUICK sizes" if meta["quick"] else ""),
        "",
        "  ".join(h.ljust(w) for h, w in zip(header, widths)),
        line,
    ]
    previous = None
    for row in rows:
        cells = list(row)
        if cells[0] == previous:
            cells[0] = ""
        else:
            previous = cells[0]
        out.append("  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip())
    return "\n".join(out)


# --------------------------------------------------------------------------- main


def git_describe() -> Optional[str]:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                             timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True,
                               text=True, timeout=10).stdout.strip()
        return (rev + ("+dirty" if dirty else "")) or None
    except (OSError, subprocess.SubprocessError):
        return None


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--text", metavar="DIR", help="measure on the .txt files of DIR instead of samples/")
    p.add_argument("--size", type=float, help=f"MiB of text (default {DEFAULTS['size']}, quick {QUICK['size']})")
    p.add_argument("--files", type=int, help=f"files of the --jobs batch (default {DEFAULTS['files']})")
    p.add_argument("--mem-files", metavar="SMALL,LARGE",
                   help="file counts of the memory batches (default 200,20000)")
    p.add_argument("--runs", type=int, help="runs of each cold-start command (default 5)")
    p.add_argument("--peers", action="store_true", help="also time JioNLP and Recognizers-Text (when installed)")
    p.add_argument("--dask", action="store_true", help="also time --dask local:2 against --jobs 1 and 2 (dask extra)")
    p.add_argument("--dask-files", type=int, help=f"files of the dask section (default {DEFAULTS['dask_files']:,})")
    p.add_argument("--dask-mem-files", metavar="SMALL,LARGE",
                   help="file counts of the dask client-memory runs (default 2000,20000)")
    p.add_argument("--seed", metavar="DIR", help="also time the library on the .txt files of DIR (real input, "
                                                 "e.g. the seed digest; target >= 1 M chars/s); --compare uses it too")
    p.add_argument("--big", action="store_true", help="one --big-mb input against the same text as --big-files files")
    p.add_argument("--big-mb", type=float, help="MiB of the big input (default 10)")
    p.add_argument("--big-files", type=int, help="files the big text is cut into (default 1,000)")
    p.add_argument("--compare", metavar="REF", help="time the library at git REF against the work tree, interleaved")
    p.add_argument("--compare-runs", type=int, help="runs of each side of --compare (default 3)")
    p.add_argument("--density", type=int, default=100,
                   help="characters per figure of the English and Chinese texts of the english section (default 100)")
    p.add_argument("--peer-chars", type=int, help=f"characters of the peers' slice (default {DEFAULTS['peer_chars']:,})")
    p.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    p.add_argument("--only", metavar="SECTIONS", help=f"comma-separated subset of: {', '.join(SECTIONS)}")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--cli", metavar="CMD", help="the command line to benchmark (default: this python -m extractor)")
    p.add_argument("--profile", nargs="?", const="", metavar="REPORT",
                   help="profile extract() with pyinstrument in an extra pass; summary on stderr, "
                        "full report to REPORT (.html or text) if given")
    p.add_argument("--profile-top", type=int, default=15, help="functions listed by --profile (default 15)")
    p.add_argument("--save", metavar="FILE", help="also write the JSON report to FILE (e.g. bench/out/run.json)")
    p.add_argument("--strict", action="store_true", help="exit 1 when a target FAILs")
    args = p.parse_args(argv)
    base = QUICK if args.quick else DEFAULTS
    args.size = args.size if args.size is not None else base["size"]
    args.files = args.files if args.files is not None else base["files"]
    args.runs = args.runs if args.runs is not None else base["runs"]
    args.peer_chars = args.peer_chars if args.peer_chars is not None else base["peer_chars"]
    args.dask_files = args.dask_files if args.dask_files is not None else base["dask_files"]
    if args.dask_mem_files:
        try:
            args.dask_mem_files = tuple(int(x) for x in args.dask_mem_files.split(","))
            small, large = args.dask_mem_files
        except ValueError:
            p.error("--dask-mem-files takes SMALL,LARGE, e.g. 2000,20000")
    else:
        args.dask_mem_files = base["dask_mem_files"]
    for name in ("big_mb", "big_files", "compare_runs"):
        if getattr(args, name) is None:
            setattr(args, name, base[name])
    args.english_chars = base["english_chars"]
    if args.mem_files:
        try:
            small, large = (int(x) for x in args.mem_files.split(","))
        except ValueError:
            p.error("--mem-files takes SMALL,LARGE, e.g. 200,20000")
        args.mem_files = (small, large)
    else:
        args.mem_files = base["mem_files"]
    if (args.size <= 0 or args.files < 1 or args.runs < 1 or min(args.mem_files) < 1 or args.peer_chars < 1
            or args.dask_files < 1 or min(args.dask_mem_files) < 1
            or args.big_mb <= 0 or args.big_files < 1 or args.compare_runs < 1 or args.density < 1):
        p.error("sizes and counts must be positive")
    if args.only:
        chosen = [s.strip() for s in args.only.split(",") if s.strip()]
        unknown = [s for s in chosen if s not in SECTIONS]
        if unknown:
            p.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
        args.sections = [s for s in ORDER if s in chosen]
    else:
        args.sections = [s for s in ORDER if s not in OPTIONAL or getattr(args, OPTIONAL[s])]
    if "seed" in args.sections and not args.seed:
        p.error("the seed section needs --seed DIR")
    if "compare" in args.sections and not args.compare:
        p.error("the compare section needs --compare REF")
    if args.profile is not None and "library" not in args.sections:
        p.error("--profile profiles the library section: include it in --only")
    return args


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(REPO))
    import extractor

    global TEXT_DIR
    TEXT_DIR = Path(args.text).resolve() if args.text else SAMPLES
    articles, size = build_corpus(args.size)
    cli = shlex.split(args.cli) if args.cli else [sys.executable, "-m", "extractor"]
    meta = {
        "chars": sum(map(len, articles)), "bytes": size, "articles": len(articles), "samples": len(sample_files()),
        "text": TEXT_DIR.name if TEXT_DIR == SAMPLES else str(TEXT_DIR),
        "size_mib": args.size, "python": platform.python_version(), "platform": platform.platform(terse=True),
        "cpus": os.cpu_count(), "extractor": getattr(extractor, "__version__", "?"), "git": git_describe(),
        "quick": args.quick, "sections": args.sections, "cli": shlex.join(cli),
        "files": args.files, "mem_files": list(args.mem_files), "runs": args.runs,
        "seed": args.seed, "compare": args.compare, "big_mb": args.big_mb if args.big else None,
    }
    results: dict = {}
    failed = False
    global PYCACHE, RULE_CACHE
    with tempfile.TemporaryDirectory(prefix="policy-extract-bench-") as tmp:
        PYCACHE = os.path.join(tmp, "pycache")
        RULE_CACHE = os.path.join(tmp, "rule-cache")
        ctx = {"articles": articles, "tmp": tmp, "cli": cli, "runs": args.runs, "files": args.files,
               "mem_files": args.mem_files, "peer_chars": args.peer_chars, "profile": args.profile,
               "profile_top": args.profile_top, "dask_files": args.dask_files,
               "dask_mem_files": args.dask_mem_files, "big_mb": args.big_mb, "big_files": args.big_files,
               "compare": args.compare, "compare_runs": args.compare_runs, "density": args.density,
               "english_chars": args.english_chars, "seed_dir": args.seed,
               "seed": build_corpus(args.size, Path(args.seed))[0] if args.seed else None}
        for section in args.sections:
            log(f"{section} ...")
            start = time.perf_counter()
            try:
                results[section] = RUNNERS[section](ctx)
            except Exception as exc:  # one broken section must not hide the others
                failed = True
                results[section] = {"error": f"{type(exc).__name__}: {exc}"}
            log(f"{section} done in {time.perf_counter() - start:.1f} s")
    targets: list = []
    rows = build_rows(results, targets)
    report = {"meta": meta, "results": results, "targets": targets}
    profile = (results.get("library") or {}).get("profile")
    if profile:
        print(format_profile(profile), file=sys.stderr)
    if args.save:
        Path(args.save).parent.mkdir(parents=True, exist_ok=True)
        Path(args.save).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(render_table(meta, rows))
        if targets:
            passed = sum(1 for t in targets if t["pass"])
            print(f"\ntargets: {passed} of {len(targets)} PASS")
    if failed:
        return 1
    if args.strict and any(not t["pass"] for t in targets):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
