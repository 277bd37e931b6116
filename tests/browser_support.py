"""Headless Chromium for the browser tests, driven by Playwright for Python.

The browser is Debian's `chromium` package (`apt-get install chromium fonts-noto-cjk`, as
.ci/run does); Playwright's own browser download is never used (`playwright install`
fetches from outside the package registries). Off CI the tests are skipped when the
browser or Playwright is missing; on CI (CI=true) they fail instead, so they cannot be
skipped silently there.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager

import pytest

CHROMIUM = os.environ.get("POLICY_EXTRACT_CHROMIUM", "/usr/bin/chromium")
#: Flags for a root user in a container, and no traffic to Google's services.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WIDTH, HEIGHT = 1280, 800


def require_browser():
    """The sync_playwright function, or a skip (a failure on CI) when it cannot run."""
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "playwright is not installed (pip install '.[test]')"
    if missing is None and not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        missing = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set POLICY_EXTRACT_CHROMIUM)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    return sync_playwright


@contextmanager
def browser_context(width: int = WIDTH, height: int = HEIGHT):
    """A fresh browser profile (its own --user-data-dir) with a width x height viewport."""
    sync_playwright = require_browser()
    with tempfile.TemporaryDirectory(prefix="policy-extract-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": width, "height": height})
        try:
            yield context
        finally:
            context.close()
