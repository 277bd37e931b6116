"""Test-session settings: the rule cache (extractor/rulecache.py) lives in a temporary
folder, so tests never read or write the user's own cache, and subprocesses inherit it."""

import os
import tempfile

os.environ["POLICY_EXTRACT_CACHE_DIR"] = tempfile.mkdtemp(prefix="policy-extract-test-cache-")
