#!/usr/bin/env python3
"""How fast the review page of a large digest renders in Chromium (issue 15).

    python bench/review_page.py                 # a digest of >= 1,000 records, 5 loads
    python bench/review_page.py --records 5000 --runs 3

The digest is the samples' digest-*.txt articles repeated until extraction gives at least
--records records; `show --html` writes its page (timed too), and headless Chromium
(Debian's /usr/bin/chromium, through Playwright, as in tests/browser_support.py) loads it
--runs times in a fresh tab. Reported: the median time from navigation to the load event
(the page's script has run: filters, paging and links are ready) and to the first
contentful paint. Target: under 2 s for 1,000 records.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))


def build_digest(records: int, folder: Path) -> Path:
    """A digest file of the samples' digests repeated until it holds >= `records` records."""
    from extractor.engine import extract_articles
    from extractor.pack.rules import default_rules

    pieces = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("digest-*.txt"))]
    pack, text, found = default_rules(), "", 0
    while found < records:
        for piece in pieces:
            text += piece.rstrip("\n") + "\n\n"
        found = len(extract_articles(text, pack)[1])
    path = folder / "digest.txt"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from browser_support import browser_context

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        digest = build_digest(args.records, folder)
        page_path = folder / "digest.html"
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "extractor", "show", str(digest), "--html", str(page_path)],
                              capture_output=True, text=True, cwd=REPO, env={"PYTHONPATH": str(REPO)})
        written = time.monotonic() - started
        print(done.stderr.strip())
        loads, paints = [], []
        with browser_context() as context:
            for _ in range(args.runs):
                page = context.new_page()
                page.goto(page_path.as_uri(), wait_until="load")
                timing = page.evaluate("""() => {
                    const nav = performance.getEntriesByType("navigation")[0];
                    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
                    return {load: nav.loadEventEnd, paint: fcp ? fcp.startTime : null,
                            status: document.getElementById("status").textContent};
                }""")
                loads.append(timing["load"] / 1000)
                paints.append((timing["paint"] or 0) / 1000)
                status = timing["status"]
                page.close()
        size = page_path.stat().st_size
    print(f"page: {size / 1e6:.1f} MB, written by `show --html` in {written:.2f} s; says: {status}")
    print(f"Chromium, median of {args.runs}: load event {statistics.median(loads):.2f} s, "
          f"first contentful paint {statistics.median(paints):.2f} s (target < 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
